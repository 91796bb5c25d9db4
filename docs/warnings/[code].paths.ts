// One page per warning code (docs/site/warning-codes.ts). The example's findings are simulated here, at site
// build; the modules are imported at run time so that `dockerfile-semantics` resolves to the sources.
import type * as Codes from "../site/warning-codes.js";
import type * as Examples from "../site/warning-examples.js";
import type { FindingView } from "../site/engine.js";

const load = (rel: string) => import(/* @vite-ignore */ new URL(rel, import.meta.url).href);

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\{/g, "&#123;").replace(/\n/g, " ");
const CONTAINER = { error: "danger", warning: "warning", info: "info" } as const;

function findingLines(findings: readonly FindingView[]): string {
  if (findings.length === 0) return "_(nothing reported)_\n";
  return findings.map((f) => `::: ${CONTAINER[f.severity]} ${f.code}${f.line === null ? "" : ` · line ${f.line}`}\n<span v-pre>${esc(f.message)}</span>\n:::\n`).join("\n");
}

function playgroundLink(page: Codes.WarningCodePage): string {
  const p = new URLSearchParams({ df: page.example.dockerfile });
  for (const [ref, config] of Object.entries(page.example.options?.images ?? {})) p.append("i", `${ref}=${JSON.stringify({ Config: config, Os: "linux", RootFS: { Layers: ["sha256:0"] } })}`);
  for (const [path, content] of Object.entries(page.example.options?.context ?? {})) p.append("f", `${path}=${content}`);
  return `/playground#${p.toString().replace(/\(/g, "%28").replace(/\)/g, "%29")}`;
}

export default {
  watch: ["../site/warning-codes.ts", "../site/warning-examples.ts", "../site/engine.ts"],
  async paths() {
    const { WARNING_CODES } = (await load("../site/warning-codes.ts")) as typeof Codes;
    const { findingsOfExample } = (await load("../site/warning-examples.ts")) as typeof Examples;
    return WARNING_CODES.map((page) => {
      const found = findingsOfExample(page, page.example.dockerfile);
      const fixed = page.example.fixed === undefined ? null : findingsOfExample(page, page.example.fixed).filter((f) => f.code === page.code);
      const content = [
        `# \`${page.code}\``,
        "",
        `<span class="differ-badge" style="color: var(--vp-c-text-2); border-color: var(--vp-c-divider)">${page.family === "trap" ? "trap warning" : "notice"}</span>`,
        "",
        page.meaning,
        "",
        "## Why it happens",
        "",
        page.why,
        "",
        "## Example",
        "",
        "```dockerfile",
        page.example.dockerfile.replace(/\n$/, ""),
        "```",
        "",
        `What the simulator reports for it (computed when this site was built${page.example.line === null ? "" : `; the finding is on line ${page.example.line}`}):`,
        "",
        findingLines(found),
        `[Open it in the playground](${playgroundLink(page)})`,
        "",
        "## The fix",
        "",
        page.fix,
        "",
        ...(page.example.fixed === undefined
          ? []
          : ["```dockerfile", page.example.fixed.replace(/\n$/, ""), "```", "", fixed !== null && fixed.length === 0 ? `With the fix, \`${page.code}\` is no longer reported.` : "", ""]),
        "## Real-build evidence",
        "",
        ...page.evidence.map((e) => `- [${e.text}](${e.link})`),
        "",
        "See [all codes](/warnings/).",
        "",
      ].join("\n");
      return { params: { code: page.slug }, content };
    });
  },
};
