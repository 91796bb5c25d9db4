import { describe, expect, it } from "vitest";
import { explainRun } from "../../src/explain/explain-run.js";
import { PLAIN, renderExplanation } from "../../src/explain/render-text.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { simulate } from "../../src/simulate.js";

describe("renderExplanation (one-shot output)", () => {
  const sim = simulate('FROM scratch\nENTRYPOINT python app.py\nCMD ["--port", "80 80"]\n');
  const text = renderExplanation(explainRun(sim), PLAIN, lintDockerfile(sim));

  it("prints the final command as a shell-quoted line", () => {
    expect(text).toContain("  /bin/sh -c 'python app.py' --port '80 80'\n");
  });

  it("names the ENTRYPOINT × CMD cell", () => {
    expect(text).toContain("shell-form ENTRYPOINT + exec-form CMD: CMD words become $0 $1 … of /bin/sh -c");
  });

  it("traces each word", () => {
    expect(text).toMatch(/argv\[3\]\s+"--port"\s+Cmd: line 3, stage "0"/);
  });

  it("lists the warnings with code and line", () => {
    expect(text).toContain("Warnings:\n  warning lint/shell-entrypoint-swallows-args: line 2: ");
    expect(text).toContain("  warning lint/pid1-is-shell: line 2: ");
  });

  it("marks a finding judged without the facts it needs (no build context given)", () => {
    const s = simulate("FROM scratch\nADD a.tar /x/\n");
    expect(renderExplanation(explainRun(s), PLAIN, lintDockerfile(s))).toContain("[pending no build context was given");
  });

  it("says why docker run refuses, with the cell", () => {
    const s = simulate("FROM scratch\nLABEL a=b\n");
    const t = renderExplanation(explainRun(s));
    expect(t).toContain("docker run fails: no command specified");
    expect(t).toContain("no ENTRYPOINT + no CMD");
  });
});
