/**
 * Regression inputs: the minimal reproducers the robustness properties and the corpus run found
 * (issue 2, scope item 11). Each must keep the contract of check.ts (its work bounds included)
 * with every variant, in the sandbox so a crash is contained. Add a line here for every new reproducer.
 *
 * @module
 */
import { afterAll, describe, expect, it } from "vitest";
import { toJsonReport } from "../../src/report/json-report.js";
import { simulate } from "../../src/simulate.js";
import { campaignProblem } from "./campaign.js";
import { describeProblem } from "./check.js";
import { Sandbox } from "./sandbox.js";

const REPRODUCERS: readonly { readonly found: string; readonly text: string }[] = [
  // Found when heredocs came from dockerfile-ast, whose Instruction.getHeredocs() read past its heredoc
  // list when a body line ended with the escape character (TypeError: reading 'getRange'); heredocs are
  // now read by src/parse/heredoc.ts, and these stay as regression cases.
  { found: "grammar property (seed 0x5eed0023)", text: "COPY <<EOT\n\\\n\tEOT\n" },
  { found: "explore.ts", text: "FROM x\nRUN <<EOF\n\\\n\tEOF\n" },
  { found: "explore.ts", text: 'Run <<"EOF"\n\\\n EOF\n' },
  { found: "explore.ts", text: 'COPY <<"END""\nEND\n' },
  { found: "explore.ts", text: "M \\\r#s\n<<" },
];

/**
 * Wide EXPOSE ranges: each port used to be inserted by copying the whole list, so n ports cost
 * O(n²) (1-65535 took ~60 s; 9 corpus files exceeded 5 s); now linear (upsertEntries). Checked by
 * the campaign's work bound (report size per input character, ports aside), not by a time limit.
 */
const WIDE_EXPOSE: readonly { readonly found: string; readonly text: string }[] = [
  { found: "corpus (nowsci/sshtunnel)", text: "FROM scratch\nEXPOSE 1-65535\n" },
  { found: "mutation property (FUZZ_SEED=424242)", text: "FROM x\nEXPOSE 15\r000-15009\n" },
];

describe("wide EXPOSE ranges", () => {
  it.each(WIDE_EXPOSE)("keep the contract and the work bound on $text (found by $found)", ({ text }) => {
    expect(campaignProblem(text, true, false)).toBeNull();
  });
  it("list every port of 1-65535, as Docker does", () => {
    expect(Object.keys(toJsonReport(simulate("FROM scratch\nEXPOSE 1-65535\n")).config?.ExposedPorts ?? {})).toHaveLength(65535);
  });
});

describe("robustness reproducers", () => {
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  it.each(REPRODUCERS)("keeps the contract on $text (found by $found)", async ({ text }) => {
    const out = await sandbox.check({ text });
    expect(out.problem === null ? null : describeProblem(out.problem)).toBeNull();
  });
});
