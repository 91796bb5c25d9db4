/**
 * Live check of `RUN --mount=from=` (see `run-mount-from.cases.ts`): builds each case with both
 * builders on the engine and compares with the recorded fixture (the pull's own error aside); with
 * `RECORD=1`, writes the fixture instead. Skipped without an engine (fails with `ORACLE_REQUIRED=1`).
 */
import { bothBuildersSuite } from "./both-builders.oracle.js";
import { CASES } from "./run-mount-from.cases.js";

await bothBuildersSuite("RUN --mount=from=<stage or image>: real builds", new URL("../fixtures/engine-28.5/run-mount-from.json", import.meta.url), CASES, "spec/evaluate/run-mount-from.oracle.spec.ts");
