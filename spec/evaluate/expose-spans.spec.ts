/**
 * EXPOSE ranges are kept as spans while a stage is evaluated and listed per port only on output
 * (src/image/exposed-ports.ts): the listing must be what Docker writes, and the work must not
 * depend on how many ports a range names (issue 17).
 *
 * The model below is written from Docker's rule, independently of the implementation: every port
 * of every EXPOSE word (`start`-`end`, protocol lower-cased, `tcp` by default) becomes the key
 * `port/proto` of `Config.ExposedPorts`, added to what the base image or stage lists; each key
 * once, in the order first named (the parser sorts each EXPOSE's arguments as strings); the last
 * instruction naming a key is where it comes from.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toInspectConfig } from "../../src/image/config.js";
import { exposedPortEntries, exposedPortKeys } from "../../src/image/exposed-ports.js";
import type { Origin } from "../../src/image/origin.js";
import type { TracedEntry } from "../../src/image/traced-entry.js";
import { stateOf } from "../../src/evaluate/instruction-steps.js";
import { simulate } from "../../src/simulate.js";
import { fuzzRuns, fuzzSeed } from "../robustness/fuzz.js";
import { BUILDERS, imageWith, resolverWith } from "../helpers/simulate.js";

interface Word {
  readonly start: number;
  readonly end: number;
  /** As written: "", "tcp", "UDP", "Sctp", … */
  readonly proto: string;
}

const text = (w: Word) => `${w.start === w.end && w.start % 2 === 0 ? w.start : `${w.start}-${w.end}`}${w.proto === "" ? "" : `/${w.proto}`}`;

const word: fc.Arbitrary<Word> = fc
  .record({
    start: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 40 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 65_535 }), weight: 1 }),
    width: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 6 }), weight: 40 }, { arbitrary: fc.integer({ min: 0, max: 2_000 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 70_000 }), weight: 1 }),
    proto: fc.constantFrom("", "tcp", "TCP", "udp", "Udp", "sctp", "SCTP"),
  })
  .map(({ start, width, proto }) => ({ start, end: Math.min(65_535, start + width), proto }));

/** One EXPOSE instruction: its words, some of them given through an ENV variable first. */
const instruction = fc.record({ words: fc.array(word, { minLength: 1, maxLength: 4 }), viaEnv: fc.integer({ min: 0, max: 2 }) });

/** Keys a base image may list: canonical ones, and some written in ways EXPOSE never writes. */
const baseKey = fc.oneof(
  fc.record({ p: fc.integer({ min: 0, max: 45 }), proto: fc.constantFrom("tcp", "udp", "sctp") }).map(({ p, proto }) => `${p}/${proto}`),
  fc.constantFrom("8080", "80/TCP", "07/tcp", "x/udp"),
);

/** The naive model: each port of each word, in order; where each key was set, oldest first. */
function naive(base: readonly string[], stages: readonly (readonly { readonly line: number; readonly words: readonly Word[] }[])[]) {
  const setters = new Map<string, (number | "base")[]>();
  const set = (key: string, by: number | "base") => {
    const list = setters.get(key);
    if (list === undefined) setters.set(key, [by]);
    else if (list[list.length - 1] !== by) list.push(by);
  };
  for (const k of base) set(k, "base");
  for (const stage of stages) {
    for (const i of stage) {
      for (const w of i.words) {
        const proto = w.proto === "" ? "tcp" : w.proto.toLowerCase();
        for (let p = w.start; p <= w.end; p++) set(`${p}/${proto}`, i.line);
      }
    }
  }
  return setters;
}

const by = (o: Origin): number | "base" | "other" => (o.kind === "base-image" ? "base" : o.kind === "instruction" ? o.site.line : "other");

function chainOf(e: TracedEntry): (number | "base" | "other")[] {
  const out: (number | "base" | "other")[] = [];
  for (let r: TracedEntry | undefined = e; r !== undefined; r = r.replaced) out.push(by(r.origin));
  return out;
}

describe("EXPOSE spans, listed per port only on output", () => {
  it("property: the listed ExposedPorts, their order and where each came from match a naive per-port expansion (ranges, lists, protocols, ENV, overlaps, stages, base keys)", () => {
    fc.assert(
      fc.property(
        fc.option(fc.uniqueArray(baseKey, { maxLength: 5 }), { nil: null }),
        fc.array(fc.array(instruction, { maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...BUILDERS),
        (base, stageInstructions, builder) => {
          const lines: string[] = [base === null ? "FROM scratch AS s0" : "FROM sim/ports AS s0"];
          const stages: { line: number; words: Word[] }[][] = [];
          stageInstructions.forEach((instructions, s) => {
            if (s > 0) lines.push(`FROM s${s - 1} AS s${s}`);
            const stage: { line: number; words: Word[] }[] = [];
            for (const { words, viaEnv } of instructions) {
              const k = Math.min(viaEnv, words.length);
              if (k > 0) lines.push(`ENV P="${words.slice(0, k).map(text).join(" ")}"`);
              lines.push(`EXPOSE ${[...(k > 0 ? ["$P"] : []), ...words.slice(k).map(text)].join(" ")}`);
              // Docker's parser sorts an EXPOSE's arguments as strings before they are expanded
              // (both builders): "$P" sorts first, the literal words in string order after it.
              const literal = words.slice(k).sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
              stage.push({ line: lines.length, words: [...words.slice(0, k), ...literal] });
            }
            stages.push(stage);
          });
          const listed = Object.fromEntries((base ?? []).map((k) => [k, {}]));
          const image = imageWith("docker.io/sim/ports:latest", { ExposedPorts: listed });
          // (A stage with no instruction at all is not a build for the classic builder.)
          const sim = simulate(lines.join("\n") + "\nLABEL end=1\n", { builder, resolver: resolverWith(image) });
          expect(sim.error).toBeNull();
          // The base image's keys in its object's order (the order a JSON config is read in).
          const want = naive(Object.keys(listed), stages);
          const config = sim.stage!.config;
          // What Docker writes: every key once (Go marshals a map in key order; a JavaScript object
          // lists an integer-like key such as a base image's "8080" first whatever its order).
          const keys = [...want.keys()];
          const inspect = toInspectConfig(config).ExposedPorts;
          const sorted = (xs: readonly string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(inspect === null ? [] : sorted(Object.keys(inspect))).toEqual(sorted(keys));
          expect(inspect === null).toBe(keys.length === 0);
          expect(Object.values(inspect ?? {}).every((v) => Object.keys(v).length === 0)).toBe(true);
          // First-seen order, and the provenance of each key: the last setter first, then what it replaced.
          expect(exposedPortKeys(config.ExposedPorts)).toEqual(keys);
          const entries = exposedPortEntries(config.ExposedPorts);
          expect(entries.map((e) => e.key)).toEqual(keys);
          // (Every key of small sets; of large ones every 97th, the first and the last.)
          const step = entries.length > 3_000 ? 97 : 1;
          for (let j = 0; j < entries.length; j += j + step < entries.length || j === entries.length - 1 ? step : entries.length - 1 - j) {
            const e = entries[j]!;
            expect(chainOf(e)).toEqual([...want.get(e.key)!].reverse());
          }
        },
      ),
      { numRuns: fuzzRuns(60), seed: fuzzSeed(1717) },
    );
  });

  it("BuildKit's history lists every parsed key, duplicates included; the classic builder's the words as written", () => {
    const t = "FROM scratch\nEXPOSE 80-82 81/UDP 80\n";
    const created = (b: (typeof BUILDERS)[number]) => simulate(t, { builder: b }).stage!.history.at(-1)!.created_by;
    // BuildKit's parser sorts the words as strings ("80" < "80-82" < "81/UDP") before they are parsed.
    expect(created("buildkit")).toBe("EXPOSE [80/tcp 80/tcp 81/tcp 82/tcp 81/udp]");
    expect(created("legacy")).toBe("/bin/sh -c #(nop)  EXPOSE 80 80-82 81/UDP");
  });

  it("a state recorded before a later EXPOSE does not see its ports", () => {
    const stage = simulate("FROM scratch\nEXPOSE 1-3\nEXPOSE 2-5/udp 1\n").stage!;
    const steps = stage.steps.map((s) => exposedPortKeys(stateOf(s).config.ExposedPorts));
    expect(steps).toEqual([["1/tcp", "2/tcp", "3/tcp"], ["1/tcp", "2/tcp", "3/tcp", "2/udp", "3/udp", "4/udp", "5/udp"]]);
  });
});

describe("the work of EXPOSE does not grow with the ports a range names", () => {
  const chain = (stages: number, ports: string) => {
    const lines = ["FROM scratch AS s0", `EXPOSE ${ports}`];
    for (let i = 1; i < stages; i++) lines.push(`FROM s${i - 1} AS s${i}`, `EXPOSE ${ports}`);
    return lines.join("\n") + "\n";
  };
  // Without the budget (which charges the ports Docker would list), to see the evaluator's own work.
  const work = (text: string, builder: (typeof BUILDERS)[number]) => simulate(text, { builder, budgets: { configEntries: Number.POSITIVE_INFINITY } }).evaluation.work;

  it("one EXPOSE 0-65535 writes one config entry", () => {
    for (const builder of BUILDERS) expect(work("FROM scratch\nEXPOSE 0-65535\n", builder).entries).toBe(1);
  });

  it("100 stages each with EXPOSE 0-65535: the same work as with EXPOSE 80, bounded by the stages (each takes over one span per stage before it)", () => {
    const stages = 100;
    for (const builder of BUILDERS) {
      const wide = work(chain(stages, "0-65535"), builder);
      const narrow = work(chain(stages, "80"), builder);
      expect(wide.entries).toBe(narrow.entries);
      expect(wide.files).toBe(narrow.files);
      // The expansion counter counts the characters of the words: 7 for "0-65535", 2 for "80".
      expect(wide.instructions).toBe(stages);
      // One span added per stage, and per stage the spans and the few variables it takes over.
      expect(wide.entries).toBeLessThanOrEqual(stages + (stages * (stages + 1)) / 2 + 4 * stages);
      expect(wide.entries).toBeLessThan(65_536);
    }
  });
});
