import { chromium } from "playwright-core";
import { serveStatic } from "./spec/browser/static-server.ts";
const srv = await serveStatic("docs/.site");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
const errors: string[] = [];
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
page.on("pageerror", (e) => errors.push(String(e)));
for (const p of process.argv.slice(2)) {
  await page.goto(srv.url + p, { waitUntil: "networkidle" });
  if (p.includes("playground")) await page.waitForSelector('[data-testid="argv"] .w', { timeout: 60000 });
  await page.screenshot({ path: `/tmp/w19-${p.replace(/[^a-z0-9]+/gi, "_")}.png`, fullPage: false });
}
console.log(errors);
await browser.close(); await srv.close();
