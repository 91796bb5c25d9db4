import { imageWith, resolverWith } from "../helpers/simulate.js";
import { ruleCases } from "./rule-cases.js";

// docs/semantics section H: shell ENTRYPOINT + CMD gives /bin/sh ["-c","echo e","/bin/sh","-c","c"],
// and with run arguments /bin/sh ["-c","echo e","a","b"].
ruleCases("lint/shell-entrypoint-swallows-args", [
  { name: "shell ENTRYPOINT with an exec CMD", dockerfile: 'FROM sim/busybox\nENTRYPOINT python app.py\nCMD ["--port", "8080"]\n', lines: [2], mentions: ['CMD ["--port","8080"]', '["python","app.py"]', "$0"] },
  { name: "shell ENTRYPOINT alone (run arguments are swallowed too)", dockerfile: "FROM sim/busybox\nENTRYPOINT /app --serve\n", lines: [2], mentions: ["docker run arguments"] },
  { name: "shell ENTRYPOINT inherited from an earlier stage", dockerfile: "FROM sim/busybox AS base\nENTRYPOINT /app\nFROM base\nCMD [\"x\"]\n", lines: [2] },
  {
    name: "a shell-like ENTRYPOINT from the base image",
    dockerfile: 'FROM sim/shellep\nCMD ["x"]\n',
    options: { resolver: resolverWith(imageWith("docker.io/sim/shellep:latest", { Entrypoint: ["/bin/sh", "-c", "/app"] })) },
    lines: [null],
    mentions: ["inherited from docker.io/sim/shellep:latest"],
  },
], [
  { name: "exec-form ENTRYPOINT", dockerfile: 'FROM sim/busybox\nENTRYPOINT ["python", "app.py"]\nCMD ["--port", "8080"]\n' },
  { name: "a shell ENTRYPOINT that reads its arguments", dockerfile: 'FROM sim/busybox\nENTRYPOINT exec python app.py "$@"\nCMD ["--port", "8080"]\n' },
  { name: "no ENTRYPOINT, shell CMD", dockerfile: "FROM sim/busybox\nCMD python app.py\n" },
  { name: "a shell ENTRYPOINT replaced by an exec one", dockerfile: 'FROM sim/busybox\nENTRYPOINT /a\nENTRYPOINT ["/b"]\n' },
]);
