import { ruleCases } from "./rule-cases.js";

// docs/semantics section C.2: ENV x=1 y=$x gives y="" in both builders.
ruleCases("lint/env-reads-same-instruction", [
  { name: "y reads x set just before it", dockerfile: "FROM sim/busybox\nENV x=1 y=$x\n", lines: [2], mentions: ["$x in the value of y"] },
  { name: "across continuation lines", dockerfile: "FROM sim/busybox\nENV A=/opt \\\n    B=${A}/bin\n", lines: [3] },
], [
  { name: "separate instructions", dockerfile: "FROM sim/busybox\nENV x=1\nENV y=$x\n" },
  { name: "a variable reading its own old value", dockerfile: "FROM sim/busybox\nENV PATH=/x:$PATH\n" },
  { name: "a variable set later in the instruction", dockerfile: "FROM sim/busybox\nENV y=$x x=1\n" },
  { name: "single-quoted", dockerfile: "FROM sim/busybox\nENV x=1 y='$x'\n" },
]);
