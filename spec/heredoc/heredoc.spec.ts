/**
 * Heredocs against real builds: every case of `cases.ts` as recorded on Docker 28.5 with both builders
 * (`spec/fixtures/engine-28.5/heredoc.json`; re-record with `node --import tsx spec/heredoc/record.ts`)
 * is simulated and compared (build outcome and error, history, layers, files) by the rules of
 * `spec/fs/copy/compare.ts`; the argv each RUN ran (`/proc/1/cmdline`, recorded as a file's SHA-256) is
 * checked against the simulator's history. When an engine is present, a few cases are rebuilt live.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareCase, simulateCase, type FixtureCase } from "../fs/copy/compare.js";
import { buildAndExport, historyLength } from "../fs/copy/harness.js";
import { finalBaseImage } from "../fs/copy/record.js";
import { ensureBaseImages, type OracleBuilder } from "../oracle/engine.js";
import { oracleSuite } from "../oracle/suite.js";
import { HEREDOC_CASES } from "./cases.js";
import { HEREDOC_FIXTURE_PATH } from "./record.js";

const fixture = JSON.parse(readFileSync(HEREDOC_FIXTURE_PATH, "utf8")) as { engine: string; cases: FixtureCase[] };
const BUILDERS = ["buildkit", "legacy"] as const;
/** A Dockerfile with a RUN (or an ONBUILD RUN). */
const RUNS = /^\s*(ONBUILD\s+)?RUN\s/im;

describe(`heredocs vs recorded real builds (engine ${fixture.engine})`, () => {
  it("has every case of cases.ts, in order, with the same Dockerfile", () => {
    expect(fixture.engine).toMatch(/^28\.5\./);
    expect(fixture.cases.map((c) => c.id)).toEqual(HEREDOC_CASES.map((c) => c.id));
    for (const [k, c] of HEREDOC_CASES.entries()) expect(fixture.cases[k]!.dockerfile, c.id).toBe(c.dockerfile);
  });

  for (const c of fixture.cases) {
    for (const builder of BUILDERS) {
      it(`${c.id} [${builder}]: ${c.title}`, () => {
        const r = compareCase(c, builder);
        // What a RUN writes is opaque to the simulator (docs/oracle.md); the argv it ran is checked below.
        expect(r.divergences.filter((d) => d.category !== "files" || !RUNS.test(c.dockerfile)).map((d) => `${d.category}: engine ${JSON.stringify(d.engine)}\n  simulator ${JSON.stringify(d.simulator)}`)).toEqual([]);
      });
    }
  }
});

/** The argv of a BuildKit `RUN … # buildkit` history entry with the default shell: `|N k=v …` dropped, then `/bin/sh -c <rest>`. */
function argvOfHistory(createdBy: string): string[] | null {
  let text = createdBy.replace(/^RUN /, "").replace(/ # buildkit$/, "");
  const m = /^\|(\d+) /.exec(text);
  if (m !== null) {
    text = text.slice(m[0].length);
    for (let k = 0; k < Number(m[1]); k++) text = text.slice(text.indexOf(" ") + 1);
  }
  for (const shell of ["/bin/sh -c ", "/bin/ash -c "]) if (text.startsWith(shell)) return [...shell.trim().split(" "), text.slice(shell.length)];
  return null;
}

const sha256 = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

describe("the argv a BuildKit RUN heredoc runs is the one its history shows (PID 1 recorded in /out/pid1)", () => {
  const withPid1 = fixture.cases.filter((c) => c.results.buildkit.ok && c.results.buildkit.files.some((f) => f.path === "/out/pid1"));

  it("covers the RUN forms: plain, <<-, quoted, CRLF, SHELL, --mount, --network, ONBUILD and shebang", () => {
    expect(withPid1.map((c) => c.id).sort()).toEqual(
      ["heredoc-onbuild-run", "heredoc-run-chomp", "heredoc-run-crlf", "heredoc-run-mount", "heredoc-run-network", "heredoc-run-plain", "heredoc-run-quoted", "heredoc-run-shebang", "heredoc-run-shebang-chomp", "heredoc-run-shell"].sort(),
    );
  });

  for (const c of withPid1) {
    it(`${c.id}: /proc/1/cmdline matches the simulated history`, () => {
      const sim = simulateCase(c, "buildkit");
      const run = sim.stage!.history.filter((h) => h.created_by.startsWith("RUN ")).at(-1)!;
      const argv = argvOfHistory(run.created_by);
      expect(argv, run.created_by).not.toBeNull();
      // A script file (`#!` body) is started by the shell, which execs it as its last command: the kernel
      // then runs the interpreter of the `#!` line with the script's path.
      const script = /^\/dev\/pipes\/\S+$/.test(argv![2]!);
      const expected = script ? ["/bin/sh", argv![2]!] : argv!;
      const pid1 = c.results.buildkit.ok ? c.results.buildkit.files.find((f) => f.path === "/out/pid1")! : undefined;
      expect(pid1?.sha256, JSON.stringify(expected)).toBe(sha256(expected.map((a) => a + "\0").join("")));
    });
  }
});

const LIVE = ["heredoc-copy-expand", "heredoc-copy-chomp", "heredoc-copy-multi", "heredoc-run-command-after", "heredoc-run-shebang"];

await oracleSuite("heredocs: a few cases rebuilt live on this engine agree with the simulator", (engine) => {
  for (const id of LIVE) {
    const c = HEREDOC_CASES.find((k) => k.id === id)!;
    for (const builder of BUILDERS as readonly OracleBuilder[]) {
      it(`${id} [${builder}]`, async () => {
        const image = finalBaseImage(c.dockerfile);
        if (image !== "scratch") await ensureBaseImages(engine);
        const recorded = fixture.cases.find((k) => k.id === id)!;
        const context = Object.fromEntries(Object.entries(recorded.context).filter(([k]) => k !== "Dockerfile"));
        const baseHistory = image === "scratch" ? 0 : await historyLength(engine, image);
        const result = await buildAndExport(engine, builder, c.dockerfile, context, c.paths, { ...(c.buildArgs === undefined ? {} : { buildArgs: c.buildArgs }), baseHistory });
        const live: FixtureCase = { ...recorded, results: { ...recorded.results, [builder]: result } };
        expect(compareCase(live, builder).divergences.filter((d) => d.category !== "files" || !RUNS.test(c.dockerfile))).toEqual([]);
      }, 300_000);
    }
  }
});
