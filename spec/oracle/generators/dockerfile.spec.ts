/**
 * The case generators, without Docker: determinism, validity rate, coverage of the instruction set, and
 * that shrink candidates are strictly smaller.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHeredocWord } from "../../../src/expand/index.js";
import { parseDockerfile } from "../../../src/parse/parse-dockerfile.js";
import { generateCases } from "../differential.js";
import { caseArb, DELIBERATE_BAD_FROM, mountedNames, renderDockerfile, shrinkCandidates, unresolvedNames, type GenCase } from "./dockerfile.js";

/** The heredoc forms a Dockerfile uses (BuildKit's three RUN forms, COPY/ADD, ONBUILD), by parsing it. */
function heredocForms(text: string): Set<string> {
  const forms = new Set<string>();
  for (const e of parseDockerfile(text).entries) {
    if (!e.ok) {
      if (e.failures.some((f) => f.code === "build/heredoc")) forms.add("broken");
      continue;
    }
    const i = e.instruction;
    if (i.keyword === "ONBUILD" && i.expression.includes("\n")) forms.add("onbuild");
    if ((i.keyword === "COPY" || i.keyword === "ADD") && i.heredocs.length > 0) forms.add("copy");
    if (i.keyword !== "RUN" || i.heredocs.length === 0 || i.command.form !== "shell") continue;
    const alone = parseHeredocWord(i.command.text);
    forms.add(!alone.ok || alone.heredoc === null ? "run-command" : i.heredocs[0]!.content.startsWith("#!") ? "run-shebang" : "run-body");
    if (i.flags.length > 0) forms.add("run-flag");
  }
  return forms;
}

describe("oracle case generators", () => {
  const sample = fc.sample(caseArb(), { numRuns: 300, seed: 123 });

  it("are deterministic in the seed", () => {
    expect(fc.sample(caseArb(), { numRuns: 20, seed: 5 })).toEqual(fc.sample(caseArb(), { numRuns: 20, seed: 5 }));
  });

  it("cover every instruction the simulator models, the escape directive, continuations and run overrides", () => {
    const text = sample.map(renderDockerfile).join("\n").toUpperCase();
    for (const k of ["ARG", "ENV", "LABEL", "WORKDIR", "USER", "EXPOSE", "VOLUME", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "CMD", "ENTRYPOINT", "ONBUILD", "MAINTAINER", "RUN", "FROM SCRATCH", "# ESCAPE=`", "${"]) {
      expect(text, k).toContain(k);
    }
    expect(sample.some((c) => c.stages.length > 1)).toBe(true);
    expect(sample.some((c) => c.target !== undefined)).toBe(true);
    expect(sample.some((c) => Object.keys(c.buildArgs).length > 0)).toBe(true);
    expect(sample.some((c) => c.runs.some((r) => r.entrypoint !== undefined))).toBe(true);
    expect(sample.every((c) => JSON.stringify(c.runs[0]) === "{}")).toBe(true);
  });

  it("generate heredocs in every form, all terminated; CI's 300 cases (seed 4) hold them in at least 50", () => {
    const forms = sample.map((c) => heredocForms(renderDockerfile(c)));
    for (const f of ["run-body", "run-shebang", "run-command", "run-flag", "copy", "onbuild"]) expect(forms.some((s) => s.has(f)), f).toBe(true);
    expect(forms.filter((s) => s.has("broken"))).toEqual([]);
    const ci = generateCases(300, 4).map((c) => heredocForms(renderDockerfile(c)));
    const withHeredoc = ci.filter((s) => s.size > 0).length;
    console.log(`generated Dockerfile cases with heredocs in CI's run (ORACLE_RUNS=300, seed 4): ${withHeredoc} of 300 per builder`);
    expect(withHeredoc).toBeGreaterThanOrEqual(50);
  });

  it("mount earlier stages in RUN --mount (both kinds and casings); CI's 300 cases (seed 4) hold at least 10", () => {
    const mounts = sample.flatMap((c) => c.stages.flatMap((s) => s.lines.filter((l) => mountedNames(l).length > 0)));
    expect(mounts.some((l) => /type=cache/.test(l)), "cache").toBe(true);
    expect(mounts.some((l) => /--mount=from=/.test(l)), "bind").toBe(true);
    expect(mounts.some((l) => /from=(Base|BASE|Build|bUiLd)\b/.test(l)), "casing").toBe(true);
    const ci = generateCases(300, 4).filter((c) => c.stages.some((s) => s.lines.some((l) => mountedNames(l).length > 0))).length;
    console.log(`generated Dockerfile cases with RUN --mount=from in CI's run (ORACLE_RUNS=300, seed 4): ${ci} of 300 per builder`);
    expect(ci).toBeGreaterThanOrEqual(10);
    expect(unresolvedNames({ escape: null, globals: [], stages: [{ from: "FROM scratch AS base", lines: [] }, { from: "FROM oracle/busybox", lines: ["RUN --mount=from=Build,target=/m true"] }], buildArgs: {}, runs: [{}] })).toEqual(["--mount from=build"]);
  });

  it("name only base images and stages that exist, in the cases and in every shrink candidate", () => {
    const many = fc.sample(caseArb(), { numRuns: 2000, seed: 77 });
    for (const c of many) expect(unresolvedNames(c), renderDockerfile(c)).toEqual([]);
    // The base-image argument and stage references are exercised (else this test would prove little).
    expect(many.some((c) => c.stages.some((s) => /\$\{?BASE/.test(s.from)))).toBe(true);
    expect(many.some((c) => c.stages.some((s) => /^\S+ (base|build)\b/.test(s.from)))).toBe(true);
    // Shrinking two levels deep from 150 cases (the shrinker drops globals, stages, args and words).
    for (const c of many.slice(0, 150)) {
      let level: GenCase[] = [c];
      for (let depth = 0; depth < 2; depth++) {
        const next = level.flatMap(shrinkCandidates);
        for (const s of next) expect(unresolvedNames(s), renderDockerfile(s)).toEqual([]);
        level = next.filter((_, i) => i % 7 === 0);
      }
    }
  });

  it("put RUN (and ONBUILD RUN) only in stages that have /bin/sh: none on scratch or on a stage built on scratch", () => {
    const many = fc.sample(caseArb(), { numRuns: 2000, seed: 78 });
    let runs = 0;
    let scratchStages = 0;
    for (const c of many) {
      const shell: boolean[] = [];
      c.stages.forEach((s) => {
        const ref = /^\S+\s+(\S+)/.exec(s.from)![1]!;
        const parent = ["base", "build", "s-1"].indexOf(ref);
        shell.push(ref === "scratch" ? false : parent >= 0 ? shell[parent]! : true);
        const hasRun = s.lines.some((l) => /(^|\n)\s*(onbuild\s+)?run\b/i.test(l));
        if (hasRun) runs++;
        if (!shell[shell.length - 1]) {
          scratchStages++;
          expect(hasRun, renderDockerfile(c)).toBe(false);
        }
      });
    }
    expect(runs).toBeGreaterThan(100);
    expect(scratchStages).toBeGreaterThan(100);
  });

  it("the name check flags an unknown image, an unset ${BASE}, an unknown stage and an unknown --target", () => {
    const c = (from: string[], extra: Partial<GenCase> = {}): GenCase => ({
      escape: null,
      globals: [],
      stages: from.map((f) => ({ from: f, lines: [] })),
      buildArgs: {},
      runs: [{}],
      ...extra,
    });
    expect(unresolvedNames(c(["FROM oracle/nope"]))).toEqual(["oracle/nope"]);
    expect(unresolvedNames(c(["FROM oracle/${BASE}"]))).toEqual(["oracle/${BASE} (= oracle/)"]);
    expect(unresolvedNames(c(["FROM oracle/${BASE}"], { globals: ["ARG BASE=env"] }))).toEqual([]);
    expect(unresolvedNames(c(["FROM oracle/$BASE"], { globals: ["ARG BASE=env"], buildArgs: { BASE: "x" } }))).toEqual(["oracle/$BASE (= oracle/x)"]);
    expect(unresolvedNames(c(["FROM build AS base", "FROM oracle/busybox AS Build"]))).toEqual(["build"]);
    expect(unresolvedNames(c(["FROM oracle/busybox AS Build", "FROM build"]))).toEqual([]);
    expect(unresolvedNames(c(["FROM scratch AS a"], { target: "b" }))).toEqual(["--target b"]);
    expect(unresolvedNames(c([], { stages: [{ from: "FROM scratch", lines: [DELIBERATE_BAD_FROM] }] }))).toEqual([]);
  });

  it("shrink candidates differ from the case and are no larger (smaller, or a base replaced by busybox)", () => {
    // Replacing a base image by oracle/busybox is simpler but not shorter: base references count as one character.
    const size = (c: (typeof sample)[number]): number => renderDockerfile(c).replace(/oracle\/[\w$\-{}]+/g, "B").length + JSON.stringify([c.buildArgs, c.runs, c.target ?? ""]).length;
    for (const c of sample.slice(0, 40)) {
      for (const s of shrinkCandidates(c)) {
        expect(s).not.toEqual(c);
        expect(size(s)).toBeLessThanOrEqual(size(c));
      }
    }
  });
});
