import { ruleCases } from "./rule-cases.js";

ruleCases("lint/pid1-is-shell", [
  { name: "shell-form CMD", dockerfile: "FROM sim/busybox\nCMD python app.py\n", lines: [2], mentions: ["PID 1 is /bin/sh", "10 s"] },
  { name: "shell-form ENTRYPOINT", dockerfile: "FROM sim/busybox\nENTRYPOINT nginx -g 'daemon off;'\n", lines: [2], mentions: ["ENTRYPOINT on line 2"] },
  { name: "a SHELL in force names the real PID 1", dockerfile: 'FROM sim/busybox\nSHELL ["/bin/bash", "-c"]\nCMD ./serve\n', lines: [3], mentions: ["PID 1 is /bin/bash"] },
], [
  { name: "exec-form CMD", dockerfile: 'FROM sim/busybox\nCMD ["python", "app.py"]\n' },
  { name: "a shell command that starts with exec", dockerfile: "FROM sim/busybox\nCMD exec python app.py\n" },
  { name: "exec ENTRYPOINT with a shell CMD (PID 1 is the entrypoint)", dockerfile: 'FROM sim/busybox\nENTRYPOINT ["/tini", "--"]\nCMD python app.py\n' },
  { name: "docker run arguments replace the shell CMD", dockerfile: "FROM sim/busybox\nCMD python app.py\n", options: { run: { args: ["/app"] } } },
  { name: "nothing to run", dockerfile: "FROM sim/busybox\nLABEL a=b\n" },
]);
