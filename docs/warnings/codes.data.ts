// Data loader of docs/warnings/index.md: the codes, with each trap's title and severity from the rules themselves.
import type * as Codes from "../site/warning-codes.js";
import type * as Api from "dockerfile-semantics";

const load = (rel: string) => import(/* @vite-ignore */ rel.startsWith(".") ? new URL(rel, import.meta.url).href : rel);

export default {
  async load() {
    const { WARNING_CODES } = (await load("../site/warning-codes.ts")) as typeof Codes;
    const { RULES } = (await load("dockerfile-semantics")) as typeof Api;
    const rule = new Map(RULES.map((r) => [r.code as string, r]));
    return {
      traps: WARNING_CODES.filter((w) => w.family === "trap").map((w) => ({ code: w.code, slug: w.slug, title: rule.get(w.code)?.title ?? "", severity: rule.get(w.code)?.severity ?? "" })),
      notices: WARNING_CODES.filter((w) => w.family === "notice").map((w) => ({ code: w.code, slug: w.slug, meaning: w.meaning })),
      failures: BUILD_FAILURES,
    };
  },
};

// The BuildFailureCode union of src/core/diagnostic.ts, listed on the codes page. A new code must be added here:
// spec/docs/warning-pages.spec.ts checks at typecheck time that this list is exactly that union.
export const BUILD_FAILURES = [
  "build/empty-dockerfile", "build/no-instructions", "build/no-stages", "build/no-build-stage", "build/unknown-instruction",
  "build/directive", "build/flag", "build/arguments", "build/json-not-strings", "build/expansion", "build/invalid-value",
  "build/stage", "build/target", "build/onbuild", "build/copy", "build/user", "build/run", "build/heredoc", "build/context",
] as const;
