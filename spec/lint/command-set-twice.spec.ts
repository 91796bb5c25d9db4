import { ruleCases } from "./rule-cases.js";

// docs/semantics section B: CMD ["a"], CMD ["b"], CMD c gives the last (BuildKit lints MultipleInstructionsDisallowed).
ruleCases("lint/command-set-twice", [
  { name: "three CMDs: the first two do nothing", dockerfile: 'FROM sim/busybox\nCMD ["a"]\nCMD ["b"]\nCMD c\n', lines: [2, 3], mentions: ["CMD on line 4 replaces it"] },
  { name: "two ENTRYPOINTs", dockerfile: 'FROM sim/busybox\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', lines: [2], mentions: ["ENTRYPOINT on line 3"] },
  { name: "in a stage that is not built", dockerfile: 'FROM sim/busybox AS unused\nCMD ["a"]\nCMD ["b"]\nFROM sim/busybox\nCMD ["c"]\n', lines: [2] },
], [
  { name: "one CMD and one ENTRYPOINT", dockerfile: 'FROM sim/busybox\nENTRYPOINT ["a"]\nCMD ["b"]\n' },
  { name: "one CMD per stage", dockerfile: 'FROM sim/busybox AS a\nCMD ["a"]\nFROM a\nCMD ["b"]\n' },
]);
