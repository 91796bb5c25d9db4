/**
 * Scaling series: synthetic Dockerfiles of growing size through the full pipeline, with the
 * fitted growth exponent of each (log-log least squares of time against size).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Builder } from "../src/core/builder.js";
import { simulate } from "../src/simulate.js";
import { growthExponent, round } from "./stats.js";

/** A series: a name, what grows, the sizes, and the Dockerfile of a given size. */
export interface Series {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly sizes: readonly number[];
  readonly generate: (size: number) => string;
}

const BASE = "sim/busybox:latest";

/** The mix of instructions the `instructions` series cycles through (index `i`). */
function mixedInstruction(i: number): string {
  switch (i % 10) {
    case 0:
      return `ENV K${i}=v${i}`;
    case 1:
      return `LABEL l${i}="value ${i}"`;
    case 2:
      return `RUN echo ${i} && true`;
    case 3:
      return `WORKDIR /w${i % 7}`;
    case 4:
      return `EXPOSE ${1024 + (i % 60000)}/tcp`;
    case 5:
      return `COPY a${i} b${i} /d${i % 5}/`;
    case 6:
      // A bounded set of ARG names: the classic builder writes every ARG in force into each RUN's
      // history text, so unique names would make the output itself grow quadratically.
      return `ARG A${i % 8}=x${i}`;
    case 7:
      return `USER u${i % 3}`;
    case 8:
      return `RUN ["/bin/sh", "-c", "echo $K${i - 8}"]`;
    default:
      return `CMD ["run", "${i}"]`;
  }
}

/** The series of issue 6. */
export const SERIES: readonly Series[] = [
  {
    name: "instructions",
    unit: "instructions",
    description: "one stage of N instructions cycling through ENV, LABEL, RUN (shell and exec), WORKDIR, EXPOSE, COPY, ARG, USER, CMD",
    sizes: [10, 100, 1_000, 10_000, 100_000],
    generate: (n) => {
      const lines = [`FROM ${BASE}`];
      for (let i = 1; i < n; i++) lines.push(mixedInstruction(i));
      return lines.join("\n") + "\n";
    },
  },
  {
    name: "stages",
    unit: "stages",
    description: "N independent stages of 4 instructions each, then a final stage that COPYs --from every one (so BuildKit needs them all)",
    sizes: [1, 10, 100, 1_000, 10_000],
    generate: (n) => {
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push(`FROM ${BASE} AS s${i}`, `ENV STAGE=${i}`, `RUN echo ${i} > /out${i}`, `WORKDIR /s${i}`, `CMD ["s${i}"]`);
      lines.push(`FROM ${BASE}`);
      for (let i = 0; i < n; i++) lines.push(`COPY --from=s${i} /out${i} /`);
      return lines.join("\n") + "\n";
    },
  },
  {
    name: "from-chain",
    unit: "stages deep",
    description: "a chain FROM s(i-1) AS s(i), N deep, each stage setting ENV DEPTH (same key) and building on the previous",
    sizes: [1, 10, 100, 1_000, 10_000],
    generate: (n) => {
      const lines = [`FROM ${BASE} AS s0`, "ENV DEPTH=0"];
      for (let i = 1; i < n; i++) lines.push(`FROM s${i - 1} AS s${i}`, `ENV DEPTH=${i}`);
      lines.push('CMD ["echo", "$DEPTH"]');
      return lines.join("\n") + "\n";
    },
  },
  {
    name: "env-chain",
    unit: "ENV instructions",
    description: "ENV V0=x, then ENV V(i)=${V(i-1)}: N variables, each referencing the previous",
    sizes: [10, 100, 1_000, 10_000, 100_000],
    generate: (n) => {
      const lines = [`FROM ${BASE}`, "ENV V0=x"];
      for (let i = 1; i < n; i++) lines.push(`ENV V${i}=\${V${i - 1}}`);
      lines.push("CMD env");
      return lines.join("\n") + "\n";
    },
  },
  {
    name: "copy-sources",
    unit: "COPY sources",
    description: "one COPY of N sources (src/f0 … src/fN-1) to /dst/ (simulate takes no build context: sources are not read)",
    sizes: [10, 100, 1_000, 10_000, 100_000],
    generate: (n) => {
      const srcs: string[] = [];
      for (let i = 0; i < n; i++) srcs.push(`src/f${i}`);
      return `FROM ${BASE}\nCOPY ${srcs.join(" ")} /dst/\nCMD ["ls", "/dst"]\n`;
    },
  },
];

/** One size of a series, timed. */
export interface SeriesPoint {
  readonly size: number;
  readonly bytes: number;
  /** Best wall time of the runs (the least disturbed by other load); null when not run. */
  readonly ms: number | null;
  /**
   * Mean CPU time (user + system, every thread of the process) per timed run: the amortised
   * cost, garbage collection included; null when not run. For reference beside `ms`.
   */
  readonly meanCpuMs: number | null;
  /** Timed runs after the warm-up run (0 when skipped). */
  readonly reps: number;
  /** Why the size was not run: its time predicted from the previous sizes exceeded the budget. */
  readonly skipped?: string;
}

export interface SeriesResult {
  readonly name: string;
  readonly unit: string;
  readonly builder: Builder;
  readonly description: string;
  readonly points: readonly SeriesPoint[];
  /** Fitted over every size. */
  readonly exponent: number;
  /** Fitted over the three largest sizes (the asymptotic behaviour). */
  readonly tailExponent: number;
  /** {@link exponent}, fitted to the mean CPU times instead (for reference; the targets use the best times). */
  readonly meanCpuExponent: number;
  /** {@link tailExponent}, fitted to the mean CPU times. */
  readonly meanCpuTailExponent: number;
}

/** How long one text took: the best wall time, the mean CPU time, and the number of timed runs. */
export interface Timing {
  readonly ms: number;
  readonly meanCpuMs: number;
  readonly reps: number;
}

/**
 * Times one text: a warm-up run, then at least `minReps` timed runs, more until `budgetMs` is spent
 * (at most `maxReps`). `ms` is the best wall time (the warm-up included); `meanCpuMs` the mean CPU
 * time of the timed runs, which charges each run its share of garbage collection: a small input
 * can finish between two collections and so have a best time below its amortised cost, a large
 * one cannot.
 */
export function timeSimulate(text: string, builder: Builder, budgetMs = 150, maxReps = 200, minReps = 3): Timing {
  const first = performance.now();
  simulate(text, { builder });
  let best = performance.now() - first;
  let reps = 0;
  const cpu0 = process.cpuUsage();
  const until = performance.now() + budgetMs;
  while (reps < minReps || (reps < maxReps && performance.now() < until)) {
    const s = performance.now();
    simulate(text, { builder });
    best = Math.min(best, performance.now() - s);
    reps++;
  }
  const cpu = process.cpuUsage(cpu0);
  return { ms: best, meanCpuMs: (cpu.user + cpu.system) / 1000 / reps, reps };
}

/**
 * A size is skipped when its predicted time (from the growth between the two previous sizes)
 * exceeds this: a guard against a quadratic regression blowing the benchmark's time, set high
 * enough that every series reaches its largest size when it scales linearly (the largest sizes
 * are where a hidden O(n²) shows: two were found only there).
 */
export const DEFAULT_POINT_LIMIT_MS = 4000;

/** Runs one series with one builder; `maxSize` caps the sizes (for the smoke test). */
export function runSeries(series: Series, builder: Builder, maxSize = Infinity, budgetMs?: number, pointLimitMs = DEFAULT_POINT_LIMIT_MS): SeriesResult {
  const points: SeriesPoint[] = [];
  const measured: { x: number; y: number }[] = [];
  const measuredCpu: { x: number; y: number }[] = [];
  for (const size of series.sizes) {
    if (size > maxSize) continue;
    const text = series.generate(size);
    const last = measured[measured.length - 1];
    if (last !== undefined) {
      const prev = measured[measured.length - 2];
      const k = prev === undefined ? 1 : Math.max(1, growthExponent([prev, last]));
      const predicted = last.y * (size / last.x) ** k;
      if (predicted > pointLimitMs) {
        points.push({ size, bytes: text.length, ms: null, meanCpuMs: null, reps: 0, skipped: `predicted ${Math.round(predicted)} ms (exponent ${k.toFixed(2)}) over the ${pointLimitMs} ms budget` });
        continue;
      }
    }
    const { ms, meanCpuMs, reps } = timeSimulate(text, builder, budgetMs);
    points.push({ size, bytes: text.length, ms: round(ms, 4), meanCpuMs: round(meanCpuMs, 4), reps });
    measured.push({ x: size, y: ms });
    measuredCpu.push({ x: size, y: meanCpuMs });
  }
  const xy = measured;
  return {
    name: series.name,
    unit: series.unit,
    builder,
    description: series.description,
    points,
    exponent: round(growthExponent(xy), 3),
    tailExponent: round(growthExponent(xy.slice(-3)), 3),
    meanCpuExponent: round(growthExponent(measuredCpu), 3),
    meanCpuTailExponent: round(growthExponent(measuredCpu.slice(-3)), 3),
  };
}

const HERE = dirname(fileURLToPath(import.meta.url));

/** Runs {@link runSeries} for one series and builder in a fresh child process (`scaling-worker.ts`). */
export function runSeriesInChild(series: Series, builder: Builder): SeriesResult {
  const args = [...process.execArgv, join(HERE, "scaling-worker.ts"), series.name, builder];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) throw new Error(`scaling worker for ${series.name} ${builder} exited with ${r.status ?? r.signal}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as SeriesResult;
}
