/**
 * The adversarial inputs of issue 17: each a family of inputs of growing size (a Dockerfile, with a
 * build context or downloads where the case needs one). The bench measures each case's time and
 * peak memory in a fresh process (`adversarial.ts`); `spec/hardening/adversarial.spec.ts` runs
 * each case at its smallest size (no throw, work within the fuzz bound, budgets as unknowns), and
 * the work-counter size series are in `spec/hardening/budgets.spec.ts`,
 * `spec/hardening/path-work-budgets.spec.ts` and `spec/hardening/work-counter.spec.ts`.
 *
 * @module
 */
import { gzipSync } from "fflate";
import type { Builder } from "../src/core/builder.js";
import { memoryContext } from "../src/fs/context/memory-context.js";
import type { Download } from "../src/fs/download/download.js";
import { fetchUrls, type FetchLike } from "../src/fs/download/fetch-urls.js";
import type { SimulateOptions } from "../src/simulate.js";

/** One input of a case: the Dockerfile and the options to simulate it with. */
export interface AdversarialInput {
  readonly text: string;
  readonly options?: SimulateOptions;
  /** Async preparation the case measures too (a download). */
  readonly prepare?: () => Promise<SimulateOptions>;
}

/** One case of the issue, as a family of inputs of growing size. */
export interface AdversarialCase {
  readonly name: string;
  /** The issue's wording of the case. */
  readonly description: string;
  readonly unit: string;
  /** The size the issue reports (measured against the 2 s / 500 MB target). */
  readonly issueSize: number;
  /** Sizes of the growth series (the specs take the first few). */
  readonly sizes: readonly number[];
  readonly builders: readonly Builder[];
  readonly input: (size: number) => AdversarialInput;
}

const BOTH: readonly Builder[] = ["buildkit", "legacy"];

/** A tar archive of one file of `bytes` zeros (512-byte header + content + end blocks), built lazily by gzip. */
function tarOfZeros(bytes: number): Uint8Array {
  const tar = new Uint8Array(512 + Math.ceil(bytes / 512) * 512 + 1024);
  const header = tar.subarray(0, 512);
  const put = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) header[at + i] = s.charCodeAt(i);
  };
  put(0, "zeros");
  put(100, "0000644\0");
  put(108, "0000000\0");
  put(116, "0000000\0");
  put(124, bytes.toString(8).padStart(11, "0") + "\0");
  put(136, "00000000000\0");
  put(156, "0");
  put(257, "ustar\x0000");
  put(148, "        ");
  let sum = 0;
  for (const b of header) sum += b;
  put(148, sum.toString(8).padStart(6, "0") + "\0 ");
  return tar;
}

/** A `fetch` whose response body never ends (each read returns 1 MiB more). */
const endlessFetch: FetchLike = async () => ({
  status: 200,
  statusText: "OK",
  headers: { get: () => null },
  body: new ReadableStream<Uint8Array>({
    pull(c) {
      c.enqueue(new Uint8Array(1 << 20));
    },
  }),
  arrayBuffer: async () => {
    throw new Error("endless body read whole");
  },
});

/** The cases, in the issue's order. */
export const ADVERSARIAL_CASES: readonly AdversarialCase[] = [
  {
    name: "expose-range",
    description: "EXPOSE 80-N: one port range",
    unit: "ports",
    issueSize: 59_921,
    sizes: [1_000, 4_000, 16_000, 59_921],
    builders: BOTH,
    input: (n) => ({ text: `FROM scratch\nEXPOSE 80-${79 + n}\n` }),
  },
  {
    name: "expose-chain",
    description: "a chain of N stages, each FROM the previous with EXPOSE 0-65535",
    unit: "stages",
    issueSize: 100,
    sizes: [5, 10, 25, 100],
    builders: BOTH,
    input: (n) => {
      const lines = ["FROM scratch AS s0", "EXPOSE 0-65535"];
      for (let i = 1; i < n; i++) lines.push(`FROM s${i - 1} AS s${i}`, "EXPOSE 0-65535");
      return { text: lines.join("\n") + "\n" };
    },
  },
  {
    name: "workdir-relative",
    description: "relative WORKDIR repeated N times",
    unit: "WORKDIRs",
    issueSize: 2_000,
    sizes: [250, 500, 1_000, 2_000, 8_000],
    builders: BOTH,
    input: (n) => ({ text: "FROM scratch\n" + "WORKDIR a\n".repeat(n) }),
  },
  {
    name: "env-doubling",
    description: "ENV a=$a$a repeated N times (the value doubles each time)",
    unit: "doublings",
    issueSize: 26,
    sizes: [10, 14, 18, 22, 26],
    builders: BOTH,
    input: (n) => ({ text: "FROM scratch\nENV a=x\n" + "ENV a=$a$a\n".repeat(n) }),
  },
  {
    name: "trim-pattern",
    description: "${a%%$a} with a value of N characters",
    unit: "characters",
    issueSize: 65_536,
    sizes: [4_096, 16_384, 65_536, 262_144],
    builders: BOTH,
    input: (n) => ({ text: "FROM scratch\nENV a=x\n" + "ENV a=$a$a\n".repeat(Math.round(Math.log2(n))) + "ENV b=${a%%$a}\n" }),
  },
  {
    name: "from-chain-vars",
    description: "a FROM chain N deep where each stage adds a variable",
    unit: "stages",
    issueSize: 10_000,
    sizes: [500, 1_000, 2_000, 5_000, 10_000],
    builders: BOTH,
    input: (n) => {
      const lines = ["FROM scratch AS s0", "ENV v0=x"];
      for (let i = 1; i < n; i++) lines.push(`FROM s${i - 1} AS s${i}`, `ENV v${i}=x`);
      return { text: lines.join("\n") + "\n" };
    },
  },
  {
    name: "run-line",
    description: "a single RUN line of N bytes",
    unit: "bytes",
    issueSize: 100_000_000,
    sizes: [1_000_000, 4_000_000, 16_000_000, 100_000_000],
    builders: BOTH,
    input: (n) => ({ text: "FROM scratch\nRUN " + "x".repeat(n) + "\n" }),
  },
  {
    name: "workdir-path-file",
    description: "a Dockerfile of N bytes alternating relative WORKDIRs and a growing ENV PATH=$PATH:…",
    unit: "bytes",
    issueSize: 10_000_000,
    sizes: [250_000, 500_000, 1_000_000, 2_000_000, 10_000_000],
    builders: BOTH,
    input: (n) => {
      const pair = "WORKDIR d\nENV PATH=$PATH:/x\n";
      return { text: "FROM scratch\n" + pair.repeat(Math.ceil(n / pair.length)) };
    },
  },
  {
    name: "heredoc-unterminated",
    description: "an unterminated heredoc of N lines",
    unit: "lines",
    issueSize: 1_000_000,
    sizes: [62_500, 125_000, 250_000, 1_000_000],
    builders: BOTH,
    input: (n) => ({ text: "FROM scratch\nRUN <<EOF\n" + "echo line\n".repeat(n) }),
  },
  {
    name: "gzip-bomb",
    description: "ADD of a gzipped tar of one file of N MiB of zeros",
    unit: "MiB",
    issueSize: 1_024,
    sizes: [16, 64, 256, 1_024],
    builders: BOTH,
    input: (n) => {
      const gz = gzipSync(tarOfZeros(n * 1024 * 1024), { level: 9 });
      return { text: "FROM scratch\nADD bomb.tar.gz /x/\n", options: { context: memoryContext({ "bomb.tar.gz": gz }) } };
    },
  },
  {
    name: "gzip-zeros",
    description: "ADD of N MiB of zeros, gzipped (not a tar: detection alone)",
    unit: "MiB",
    issueSize: 1_024,
    sizes: [16, 64, 256, 1_024],
    builders: BOTH,
    input: (n) => {
      const gz = gzipSync(new Uint8Array(n * 1024 * 1024), { level: 9 });
      return { text: "FROM scratch\nADD zeros.gz /x/\n", options: { context: memoryContext({ "zeros.gz": gz }) } };
    },
  },
  {
    name: "fetch-endless",
    description: "--fetch of an endless HTTP response (N: the download budget in MiB)",
    unit: "MiB budget",
    issueSize: 64,
    sizes: [8, 16, 32, 64],
    builders: ["buildkit"],
    input: (n) => ({
      text: "FROM scratch\nADD http://endless.invalid/x /x\n",
      prepare: async (): Promise<SimulateOptions> => {
        const downloads: Map<string, Download> = await fetchUrls(["http://endless.invalid/x"], { fetch: endlessFetch, budgets: { downloadBytes: n * 1024 * 1024 } });
        return { downloads };
      },
    }),
  },
  {
    name: "build-arg",
    description: "a --build-arg of N MiB used twice",
    unit: "MiB",
    issueSize: 50,
    sizes: [2, 5, 12, 25, 50],
    builders: BOTH,
    input: (n) => ({ text: "FROM scratch\nARG A\nENV x=$A y=$A\n", options: { buildArgs: { A: "v".repeat(n * 1024 * 1024) } } }),
  },
  {
    name: "deep-nesting",
    description: "${a:-${a:-…}} nested N deep",
    unit: "levels",
    issueSize: 2_000,
    sizes: [100, 500, 2_000, 10_000],
    builders: BOTH,
    input: (n) => ({ text: "FROM scratch\nENV b=" + "${a:-".repeat(n) + "x" + "}".repeat(n) + "\n" }),
  },
];
