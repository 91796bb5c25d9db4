/**
 * `npm run bench:playground`: the docs playground's size and speed, on the built site (`npm run docs` first).
 *
 * - **JS, gzipped**: what the playground page loads: the page's scripts (`playground.html`'s `<script>` and
 *   `modulepreload` links), the playground component's chunk (loaded on that page only) and the Web Worker
 *   with the engine; each file gzipped at level 9 as a server would send it. Apart: the catalog of official
 *   images, which the worker loads after its first answer.
 * - **Time to first result**: chromium (Debian's package; `CHROMIUM_PATH`) opens the playground and the page
 *   marks `playground:first-result` when the first answer is on screen; the median of `--runs N` (default 5)
 *   fresh page loads, each with an empty cache, from a local server.
 *
 * Writes `bench/results/playground.json` (or `--out FILE`; `-` for none).
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { findChromium } from "../spec/browser/chromium.js";
import { serveStatic } from "../spec/browser/static-server.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SITE = join(ROOT, "docs/.site");
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg("--runs") ?? 5);
const out = arg("--out") ?? join(ROOT, "bench/results/playground.json");

const html = readFileSync(join(SITE, "playground.html"), "utf8");
const pageScripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]!);
const chunks = readdirSync(join(SITE, "assets/chunks"));
const component = chunks.filter((f) => /^Playground\..*\.js$/.test(f)).map((f) => `/assets/chunks/${f}`);
const worker = readdirSync(join(SITE, "assets")).filter((f) => /^engine\.worker-.*\.js$/.test(f)).map((f) => `/assets/${f}`);
// The catalog of official images the worker imports lazily, after its first answer.
const catalog = readdirSync(join(SITE, "assets")).filter((f) => /^catalog-.*\.js$/.test(f)).map((f) => `/assets/${f}`);
if (component.length !== 1 || worker.length !== 1) throw new Error(`expected one playground chunk and one worker, found ${component.join(", ")} / ${worker.join(", ")}`);

const sizeOf = (url: string) => {
  const bytes = readFileSync(join(SITE, url));
  return { file: url, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const files = [...new Set([...pageScripts, ...component, ...worker])].map(sizeOf);
const total = (list: typeof files) => ({ bytes: list.reduce((a, f) => a + f.bytes, 0), gzip: list.reduce((a, f) => a + f.gzip, 0) });
const sizes = {
  total: total(files),
  engineWorker: total(files.filter((f) => worker.includes(f.file))),
  playgroundComponent: total(files.filter((f) => component.includes(f.file))),
  siteFramework: total(files.filter((f) => pageScripts.includes(f.file))),
  catalogLoadedLater: total(catalog.map(sizeOf)),
  files,
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`playground JS, gzipped: ${kb(sizes.total.gzip)} in all (${kb(sizes.total.bytes)} raw): engine worker ${kb(sizes.engineWorker.gzip)}, playground component ${kb(sizes.playgroundComponent.gzip)}, site framework ${kb(sizes.siteFramework.gzip)}; then the catalog of official images, loaded by the worker after its first answer, ${kb(sizes.catalogLoadedLater.gzip)}`);

let firstResult: { runs: number[]; medianMs: number } | { skipped: string };
const chromium = findChromium();
if (chromium === null) {
  firstResult = { skipped: "no chromium executable (apt-get install chromium, or set CHROMIUM_PATH)" };
  console.log(`time to first result: skipped, ${firstResult.skipped}`);
} else {
  const server = await serveStatic(SITE);
  const { chromium: pw } = await import("playwright-core");
  const browser = await pw.launch({ executablePath: chromium, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/playground.html`);
    await page.waitForFunction(() => performance.getEntriesByName("playground:first-result").length > 0, undefined, { timeout: 120_000 });
    times.push(await page.evaluate(() => performance.getEntriesByName("playground:first-result")[0]!.startTime));
    await context.close();
  }
  await browser.close();
  await server.close();
  const sorted = [...times].sort((a, b) => a - b);
  firstResult = { runs: times.map((t) => Math.round(t)), medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!) };
  console.log(`time to first result (navigation start to the first answer on screen): median ${firstResult.medianMs} ms over ${runs} loads (${firstResult.runs.join(", ")} ms)`);
}

const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
})();
if (out !== "-") {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), commit, sizes, firstResult }, null, 1) + "\n");
  console.log(`wrote ${out}`);
}
