// Data loader of docs/matrix.md: the ENTRYPOINT × CMD table, simulated at site build (checked against
// real builds by spec/docs/matrix-page.spec.ts). The module is imported at run time, not bundled, so that
// Node resolves `dockerfile-semantics` to the sources (see docs/site.md, "How the site is built").
import type * as MatrixTable from "./site/matrix-table.js";

export default {
  watch: ["./site/matrix-table.ts"],
  async load() {
    const m = (await import(/* @vite-ignore */ new URL("./site/matrix-table.ts", import.meta.url).href)) as typeof MatrixTable;
    return { cells: m.matrixTable(), forms: m.FORMS, edge: m.EDGE_FORMS, all: m.ALL_FORMS, runs: m.RUN_NAMES, runLines: m.RUN_LINE, lines: { entrypoint: m.ENTRYPOINT_LINE, cmd: m.CMD_LINE } };
  },
};
