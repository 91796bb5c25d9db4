import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type DefaultTheme } from "vitepress";
import { WARNING_CODES } from "../site/warning-codes.js";

/** Pages that are plain Markdown (also read on GitHub): raw HTML in them is shown as text. */
const LITERAL_PAGES = /^(semantics\/(docker-28\.5|copy-add|heredocs)|oracle|benchmarks|guide\/explain-cmd)\.md$/;

const root = fileURLToPath(new URL("../..", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { version: string };

// The typedoc API reference (typedoc-plugin-markdown + typedoc-vitepress-theme) writes its own sidebar.
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = new URL("../api/typedoc-sidebar.json", import.meta.url);
  if (!existsSync(file)) return [{ text: "Run `npm run docs:api` first", link: "/api/" }];
  const items = JSON.parse(readFileSync(file, "utf8")) as DefaultTheme.SidebarItem[];
  const names: Record<string, string> = { index: "dockerfile-semantics", node: "dockerfile-semantics/node" };
  return items.map((i) => ({ ...i, text: names[i.text ?? ""] ?? i.text ?? "", collapsed: false }));
}

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: "Guide",
    items: [
      { text: "Getting started", link: "/guide/getting-started" },
      { text: "What will my container run?", link: "/matrix" },
      { text: "The CLI and the REPL", link: "/guide/explain-cmd" },
      { text: "The library", link: "/guide/library" },
      { text: "Playground", link: "/playground" },
    ],
  },
  {
    text: "Concepts",
    items: [
      { text: "Inheritance across FROM", link: "/concepts/inheritance" },
      { text: "Layers and history", link: "/concepts/layers-history" },
      { text: "ADD vs COPY", link: "/concepts/add-vs-copy" },
      { text: "ENV vs ARG scoping", link: "/concepts/env-arg" },
      { text: "PID 1 and signals", link: "/concepts/pid1-signals" },
      { text: "Base images", link: "/concepts/base-images" },
    ],
  },
  {
    text: "Warnings",
    collapsed: true,
    items: [{ text: "All codes", link: "/warnings/" }, ...WARNING_CODES.map((w) => ({ text: w.code, link: `/warnings/${w.slug}` }))],
  },
  {
    text: "Reference",
    items: [
      { text: "BuildKit vs classic", link: "/builders" },
      { text: "Semantics", link: "/semantics/" },
      { text: "Docker 28.5, rule by rule", link: "/semantics/docker-28.5" },
      { text: "COPY and ADD", link: "/semantics/copy-add" },
      { text: "Heredocs", link: "/semantics/heredocs" },
      { text: "Fidelity", link: "/fidelity" },
      { text: "The oracle", link: "/oracle" },
      { text: "Benchmarks", link: "/benchmarks" },
      { text: "About this site", link: "/site" },
    ],
  },
];

export default defineConfig({
  title: "dockerfile-semantics",
  description: "What Docker will do with a Dockerfile, without building it: config, argv of PID 1, history, layers, files, and why.",
  lang: "en-US",
  cleanUrls: false,
  outDir: "./.site",
  srcExclude: ["**/README.md", "site/**", "examples/**", ".generated/**", "screenshots/**"],
  lastUpdated: false,
  head: [["link", { rel: "icon", href: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='3' fill='%232563eb'/><text x='3' y='12' font-size='10' fill='white' font-family='monospace'>D</text></svg>" }]],
  markdown: {
    lineNumbers: false,
    theme: { light: "github-light", dark: "github-dark" },
    config(md) {
      // The reference pages are plain Markdown written for GitHub too: `<rootfs>` in them is text, not a tag.
      md.core.ruler.after("inline", "literal-html", (state) => {
        const path = (state.env as { relativePath?: string }).relativePath ?? "";
        // Go templates in inline code (`{{json .Config}}`, in TSDoc and the reference pages) are text, not Vue interpolation.
        const walkCode = (tokens: typeof state.tokens) => {
          for (const t of tokens) {
            if (t.type === "code_inline" && t.content.includes("{{")) {
              t.type = "html_inline";
              t.content = `<code v-pre>${md.utils.escapeHtml(t.content)}</code>`;
            }
            if (t.children) walkCode(t.children);
          }
        };
        walkCode(state.tokens);
        if (!LITERAL_PAGES.test(path)) return;
        const walk = (tokens: typeof state.tokens) => {
          for (const t of tokens) {
            if (t.type === "html_inline" || t.type === "html_block") {
              t.type = t.type === "html_inline" ? "text" : "paragraph_text";
              if (t.type === "paragraph_text") {
                t.type = "text";
                t.block = true;
              }
            }
            if (t.children) walk(t.children);
          }
        };
        walk(state.tokens);
      });
    },
  },
  vite: {
    resolve: { conditions: ["dockerfile-semantics-source", "module", "browser", "development|production"] },
    ssr: { resolve: { conditions: ["dockerfile-semantics-source"], externalConditions: ["dockerfile-semantics-source"] } },
    worker: { format: "es" },
    build: { chunkSizeWarningLimit: 1500 },
  },
  themeConfig: {
    logo: { src: "/logo.svg", alt: "" },
    nav: [
      { text: "Guide", link: "/guide/getting-started", activeMatch: "/guide/|/concepts/|/matrix" },
      { text: "Warnings", link: "/warnings/", activeMatch: "/warnings/" },
      { text: "Reference", link: "/semantics/", activeMatch: "/semantics/|/builders|/fidelity|/oracle|/benchmarks" },
      { text: "API", link: "/api/", activeMatch: "/api/" },
      { text: "Playground", link: "/playground" },
      { text: `v${pkg.version}`, items: [{ text: "Changelog (git log)", link: "/site#versions" }] },
    ],
    sidebar: {
      "/api/": [{ text: "API reference", items: [{ text: "Overview", link: "/api/" }, ...apiSidebar()] }],
      "/": guide,
    },
    search: { provider: "local" },
    outline: { level: [2, 3] },
    footer: { message: "MIT licensed. Every rule checked against real builds on Docker Engine 28.5.", copyright: "dockerfile-semantics contributors" },
  },
});
