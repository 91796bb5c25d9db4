/**
 * Diagnostics as a discriminated union: each family has the severities and payload its interface
 * promises, every known divergence the simulator can warn of is emitted somewhere and documented where
 * {@link KNOWN_DIVERGENCES} says, and the text rendering points the reader there.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diagnosticFamily, isKnownDivergence, KNOWN_DIVERGENCES, type Diagnostic, type KnownDivergenceId } from "../../src/core/diagnostic.js";
import type { Download } from "../../src/fs/download/download.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { renderFinding } from "../../src/explain/render-text.js";
import { simulate } from "../../src/simulate.js";
import { COPY_CASES } from "../fs/copy/cases.js";
import { loadCopyFixture, simulateCase } from "../fs/copy/compare.js";
import { loadFixtures, simEnv } from "../oracle/differential.js";
import { caseArb, renderDockerfile } from "../oracle/generators/dockerfile.js";

const busybox = loadFixtures().find((f) => f.fixture.bases["oracle/busybox:latest"] !== undefined)!.fixture;
const env = simEnv(busybox.bases, busybox.baseHistory);

/** What a code's prefix says its family is (the convention documented on `DiagnosticCode`). */
function familyByPrefix(code: string): string {
  if (code.startsWith("build/")) return "build-failure";
  if (code.startsWith("lint/")) return "lint";
  if (code === "simulator/known-divergence") return "known-divergence";
  if (/^(image|syntax|files)\//.test(code)) return "notice";
  return `(no family for ${code})`;
}

/** The invariants each family's interface promises, as a list of broken ones (empty when all hold). */
function brokenInvariants(d: Diagnostic): string[] {
  const out: string[] = [];
  const family = diagnosticFamily(d);
  if (family !== familyByPrefix(d.code)) out.push(`${d.code}: family ${family}, prefix says ${familyByPrefix(d.code)}`);
  if (family === "build-failure" && d.severity !== "error") out.push(`${d.code}: a build failure with severity ${d.severity}`);
  if (family !== "build-failure" && d.severity === "error") out.push(`${d.code}: severity error outside the build failures`);
  if (family === "known-divergence" && !(isKnownDivergence(d) && d.divergence in KNOWN_DIVERGENCES)) out.push(`${d.code}: no documented divergence id`);
  if (d.message.trim() === "") out.push(`${d.code}: empty message`);
  return out;
}

describe("diagnostic families", () => {
  it("every diagnostic and lint finding of generated Dockerfiles belongs to the family its code names, with that family's severity", () => {
    fc.assert(
      fc.property(caseArb({ invalidRate: 0.3 }), fc.constantFrom("buildkit" as const, "legacy" as const), (c, builder) => {
        const sim = simulate(renderDockerfile(c), { builder, resolver: env.resolver, buildArgs: c.buildArgs ?? {} });
        const all: Diagnostic[] = [...sim.diagnostics, ...lintDockerfile(sim)];
        expect(all.flatMap(brokenInvariants)).toEqual([]);
      }),
      { numRuns: 300, seed: 31 },
    );
  });

  it("a failed build's error is one of its build-failure diagnostics", () => {
    const sim = simulate("FROM scratch\nFOO bar\n");
    expect(sim.error).not.toBeNull();
    expect(sim.diagnostics.map(diagnosticFamily)).toContain("build-failure");
    expect(sim.diagnostics.filter((d) => diagnosticFamily(d) === "build-failure").map((d) => d.message)).toContain(sim.error!.message);
  });
});

describe("known divergences", () => {
  const downloads = new Map<string, Download>([
    ["http://h/f.txt", { kind: "response", status: 200, statusText: "OK", contentDisposition: null, body: new TextEncoder().encode("x") }],
    ["http://h/nope", { kind: "response", status: 404, statusText: "Not Found", contentDisposition: null, body: new Uint8Array() }],
  ]);
  /** One situation per divergence the docs list, each a case the simulator must warn on: the warning given, by id. */
  const emitted = ((): Map<KnownDivergenceId, Diagnostic> => {
    const sims = [
      simulate("FROM oracle/busybox\nRUN true\nUSER 1000\nRUN true\n", { resolver: env.resolver }),
      simulate(`FROM scratch\nADD --checksum=sha256:${"0".repeat(64)} http://h/f.txt /d/\nADD http://h/nope /f/\n`, { downloads }),
    ];
    const out = new Map<KnownDivergenceId, Diagnostic>();
    const fixture = loadCopyFixture();
    for (const c of COPY_CASES.filter((x) => x.knownDivergence !== undefined)) {
      const recorded = fixture.cases.find((x) => x.id === c.id)!;
      sims.push(simulateCase(recorded, c.knownDivergence!.builder === "legacy" ? "legacy" : "buildkit"));
    }
    for (const d of sims.flatMap((s) => s.diagnostics)) if (isKnownDivergence(d)) out.set(d.divergence, d);
    return out;
  })();

  it("each documented divergence is one the simulator emits (no dead id), and it emits no other", () => {
    expect([...emitted.keys()].sort()).toEqual(Object.keys(KNOWN_DIVERGENCES).sort());
  });

  it("each is documented where KNOWN_DIVERGENCES says: the file's Known divergences section has that item and names the id", () => {
    for (const [id, where] of Object.entries(KNOWN_DIVERGENCES)) {
      const [file, section, item] = where.split(", ") as [string, string, string];
      const text = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), "utf8");
      const start = text.search(new RegExp(`^#+ ${section}$`, "m"));
      expect(start, `${file} has a "${section}" heading`).toBeGreaterThanOrEqual(0);
      const body = text.slice(start).split(/\n#+ /)[0]!;
      // The item's bold title, then the id in parentheses: "1. **Title** (`id`, ...)" or "- **K1. Title** (`id`)".
      const title = /^\d+$/.test(item) ? `${item}\\. \\*\\*[^*]+\\*\\*` : `- \\*\\*${item}\\. [^*]+\\*\\*`;
      expect(body, `${file}, ${section}: item ${item} names \`${id}\` after its title`).toMatch(new RegExp(`^${title}\\s+\\(\`${id}\``, "m"));
    }
  });

  it("the text rendering of a known divergence says which it is and where the docs explain it", () => {
    for (const [id, d] of emitted) {
      const line = renderFinding(d);
      expect(line).toContain(`known divergence ${id}: ${KNOWN_DIVERGENCES[id]}`);
    }
    const plain = renderFinding({ code: "build/copy", severity: "error", message: "m", range: null });
    expect(plain).not.toContain("known divergence");
  });
});
