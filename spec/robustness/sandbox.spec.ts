/**
 * The sandbox (sandbox.ts) judges work by counters, not by time: an input whose work passes
 * check.ts's bounds is a `work` problem however fast the machine is, and an ordinary input passes
 * however loaded it is.
 */
import { afterAll, describe, expect, it } from "vitest";
import { BARE_VARIANTS, checkText, OUTPUT_PER_CHAR, WORK_BASE, WORK_PER_CHAR } from "./check.js";
import { Sandbox } from "./sandbox.js";

describe("the sandbox's work bound", () => {
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  it("passes an ordinary Dockerfile", async () => {
    const out = await sandbox.check({ text: "FROM alpine\nENV A=1 B=${A:-2}\nWORKDIR /app\nCOPY <<E /app/x\n$A\nE\nCMD [\"sh\"]\n" });
    expect(out.problem).toBeNull();
    expect(out.ms).toHaveLength(4);
  });

  it("reports a Dockerfile whose work outgrows its length, with the counts", async () => {
    // 14 doublings of 16 characters: over 500,000 characters expanded for a 200-character file.
    const text = "FROM scratch\nENV a=xxxxxxxxxxxxxxxx\n" + "ENV a=$a$a\n".repeat(14);
    expect(16 * 2 ** 14 * 2).toBeGreaterThan(WORK_BASE + WORK_PER_CHAR * text.length);
    const out = await sandbox.check({ text }, BARE_VARIANTS);
    expect(out.problem).toMatchObject({ kind: "work", variant: "buildkit" });
    expect(out.problem?.detail).toMatch(/^\d+ units of work for \d+ characters \(\{"instructions":15,/);
    // The same in-process (the worker only contains crashes).
    expect(checkText(text, BARE_VARIANTS).problem?.kind).toBe("work");
  });

  it(`bounds the report at ${OUTPUT_PER_CHAR} bytes per input character, ports aside`, () => {
    expect(checkText("FROM scratch\nEXPOSE 1-65535\n", BARE_VARIANTS).problem).toBeNull();
  });
});
