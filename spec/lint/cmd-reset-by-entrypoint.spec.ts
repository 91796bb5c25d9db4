import { imageWith, resolverWith } from "../helpers/simulate.js";
import { ruleCases } from "./rule-cases.js";

// docs/semantics section B: FROM img(CMD ["basecmd"]) + ENTRYPOINT ["e"] resets Cmd (both builders).
const withCmd = { resolver: resolverWith(imageWith("docker.io/sim/withcmd:latest", { Cmd: ["basecmd"] })) };

ruleCases("lint/cmd-reset-by-entrypoint", [
  { name: "ENTRYPOINT clears the base image's CMD", dockerfile: 'FROM sim/withcmd\nENTRYPOINT ["e"]\n', options: withCmd, lines: [2], mentions: ['CMD ["basecmd"] from the base image docker.io/sim/withcmd:latest was cleared by ENTRYPOINT on line 2', "no CMD was set in this stage"] },
  { name: "the classic builder too", dockerfile: 'FROM sim/withcmd\nENTRYPOINT ["e"]\n', options: { ...withCmd, builder: "legacy" }, lines: [2] },
  { name: "ENTRYPOINT clears the CMD of an earlier stage", dockerfile: 'FROM sim/busybox AS s1\nCMD ["c"]\nFROM s1\nENTRYPOINT ["e"]\n', lines: [4], mentions: ['CMD ["c"] set by CMD on line 2'] },
], [
  { name: "CMD written before the ENTRYPOINT is kept", dockerfile: 'FROM sim/withcmd\nCMD ["c"]\nENTRYPOINT ["e"]\n', options: withCmd },
  { name: "CMD written after the ENTRYPOINT", dockerfile: 'FROM sim/withcmd\nENTRYPOINT ["e"]\nCMD ["c"]\n', options: withCmd },
  { name: "nothing to clear", dockerfile: 'FROM sim/busybox\nENTRYPOINT ["e"]\n' },
  { name: "no ENTRYPOINT", dockerfile: "FROM sim/withcmd\nLABEL x=y\n", options: withCmd },
]);
