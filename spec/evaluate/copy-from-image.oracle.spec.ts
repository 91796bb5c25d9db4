/**
 * Live check of issue 18 point 2 (see `copy-from-image.cases.ts`): builds each case with both
 * builders on the engine and compares with the recorded fixture (the pull's own error aside); with
 * `RECORD=1`, writes the fixture instead. Skipped without an engine (fails with `ORACLE_REQUIRED=1`).
 */
import { bothBuildersSuite } from "./both-builders.oracle.js";
import { CASES } from "./copy-from-image.cases.js";

await bothBuildersSuite("COPY --from=<name> without an earlier stage of that name: real builds", new URL("../fixtures/engine-28.5/copy-from-image.json", import.meta.url), CASES, "spec/evaluate/copy-from-image.oracle.spec.ts");
