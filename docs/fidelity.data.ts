// Data loader of docs/fidelity.md: the simulator against every recorded ENTRYPOINT × CMD build, per
// category and builder, computed when the site is built (the same comparison spec/matrix/matrix.fixtures.spec.ts makes).
import type * as Cases from "../spec/matrix/matrix-cases.js";

export default {
  watch: ["../spec/fixtures/engine-28.5/matrix.json"],
  async load() {
    const { readFileSync } = await import("node:fs");
    const m = (await import(/* @vite-ignore */ new URL("../spec/matrix/matrix-cases.ts", import.meta.url).href)) as typeof Cases;
    const fixture = JSON.parse(readFileSync(new URL("../spec/fixtures/engine-28.5/matrix.json", import.meta.url), "utf8")) as Cases.MatrixFixture;
    const resolver = m.resolverFromInspect(fixture.bases);
    const recorded = new Map(fixture.cases.map((c) => [c.id, c]));
    const rows = new Map<string, Record<string, { agree: number; total: number }>>();
    for (const builder of ["buildkit", "legacy"] as const) {
      for (const c of m.matrixCases()) {
        const r = recorded.get(c.id);
        if (r === undefined) continue;
        for (const cell of m.compareCase(c, builder, r[builder], m.simulateCase(c, builder, resolver))) {
          const category = cell.cell.startsWith("run ") ? `docker run (${cell.cell.split(" ")[1]})` : cell.cell;
          const row = rows.get(category) ?? {};
          const t = (row[builder] ??= { agree: 0, total: 0 });
          t.total += 1;
          if (cell.agree) t.agree += 1;
          rows.set(category, row);
        }
      }
    }
    return { engine: fixture.engine, cases: fixture.cases.length, rows: [...rows.entries()].map(([category, by]) => ({ category, ...by })) };
  },
};
