/**
 * Replays what `npm run fuzz` saved (spec/regressions/fuzz-*.json, each a shrunk input and the
 * problem it had): every one must now pass the campaign's property (without its time limit).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { campaignProblem } from "../robustness/campaign.js";

const FINDINGS = readdirSync(import.meta.dirname)
  .filter((f) => /^fuzz-[0-9a-f]+\.json$/.test(f))
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(import.meta.dirname, f), "utf8")) as { found: string; problem: string; text: string }) }));

describe("fuzz campaign findings", () => {
  it("the campaign's property still holds on the shipped examples of its findings", () => {
    expect(campaignProblem("FROM scratch\nCMD x\n", true, false)).toBeNull();
  });
  it.each(FINDINGS.map((f) => [f.file, f] as const))("%s keeps the property", (_file, f) => {
    expect(campaignProblem(f.text, true, false)).toBeNull();
  });
});
