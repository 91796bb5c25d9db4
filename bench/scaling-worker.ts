/**
 * Child process of the scaling benchmark: `scaling-worker.ts <series> <builder>` runs one series
 * with one builder ({@link runSeries}) and prints its {@link SeriesResult} as one JSON line. Each
 * series runs in a fresh process so that one series' heap (the largest sizes leave a large old
 * generation behind) does not slow the garbage collection of the next.
 *
 * @module
 */
import { runSeries, SERIES } from "./scaling.js";

const [name, builder] = process.argv.slice(2);
const series = SERIES.find((s) => s.name === name);
if (series === undefined || (builder !== "legacy" && builder !== "buildkit")) {
  console.error(`usage: scaling-worker.ts <${SERIES.map((s) => s.name).join("|")}> <legacy|buildkit>`);
  process.exit(2);
}
console.log(JSON.stringify(runSeries(series, builder)));
