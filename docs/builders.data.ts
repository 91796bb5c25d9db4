// Data loader of docs/builders.md: every recorded case where BuildKit and the classic builder differed.
import type * as View from "./site/fixtures-view.js";

export default {
  watch: ["./site/fixtures-view.ts"],
  async load() {
    const { fixturePages } = (await import(/* @vite-ignore */ new URL("./site/fixtures-view.ts", import.meta.url).href)) as typeof View;
    return fixturePages()
      .filter((p) => p.name !== "matrix-docs")
      .map((p) => ({ name: p.name, title: p.title, total: p.cases.length, cases: p.cases.filter((c) => c.differs.length > 0).map((c) => ({ id: c.id, anchor: c.anchor, title: c.title, differs: c.differs })) }));
  },
};
