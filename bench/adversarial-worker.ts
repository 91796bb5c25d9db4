/**
 * Child process of the adversarial bench: `adversarial-worker.ts <case> <size> <builder>` simulates
 * one input of one case (preparation included) and prints one JSON line: wall and CPU time, the budgets
 * hit, the build error if any. Its peak memory is measured from outside (`/usr/bin/time -v`).
 *
 * @module
 */
import { simulate } from "../src/simulate.js";
import { ADVERSARIAL_CASES } from "./adversarial-cases.js";

const [name, sizeText, builder] = process.argv.slice(2);
const c = ADVERSARIAL_CASES.find((x) => x.name === name);
if (c === undefined || (builder !== "buildkit" && builder !== "legacy")) {
  console.error(`usage: adversarial-worker.ts <${ADVERSARIAL_CASES.map((x) => x.name).join("|")}> <size> <buildkit|legacy>`);
  process.exit(2);
}
const input = c.input(Number(sizeText));
const t0 = performance.now();
const c0 = process.cpuUsage();
const prepared = input.prepare === undefined ? {} : await input.prepare();
const sim = simulate(input.text, { builder, ...input.options, ...prepared });
const ms = performance.now() - t0;
const used = process.cpuUsage(c0);
const cpuMs = (used.user + used.system) / 1000;
const budgets = sim.diagnostics.filter((d) => d.code === "budget/exceeded").map((d) => d.message.replace(/ was exceeded.*$/, ""));
console.log(JSON.stringify({ ms: Math.round(ms * 10) / 10, cpuMs: Math.round(cpuMs * 10) / 10, bytes: input.text.length, budgets: [...new Set(budgets)], error: sim.error?.message.slice(0, 120) ?? null }));
