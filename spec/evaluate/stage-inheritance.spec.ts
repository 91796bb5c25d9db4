// Inheritance through `FROM <stage>`: the history and the provenance (`via`) a stage takes from the
// stage it is built on. Docker's side (doc F): a stage built FROM another starts from that stage's
// image, so its history is the earlier stage's followed by its own, and its layer count the earlier
// stage's plus its own layers. The simulator shares the earlier stage's history list and `via`
// links instead of copying them, so a chain costs the same per stage at any depth (issue 6); the
// structural checks below fail if a copy comes back.
import { describe, expect, it } from "vitest";
import { historyEntries, historyList, type HistoryEntry } from "../../src/image/history.js";
import { viaStages, type Origin, type Via } from "../../src/image/origin.js";
import { explainField, type FieldAnswer } from "../../src/explain/explain-field.js";
import type { Simulation } from "../../src/simulate.js";
import { BUILDERS, sim } from "../helpers/simulate.js";

const CHAIN = "FROM sim/busybox AS a\nLABEL a=1\nCOPY x /x\nFROM a AS b\nLABEL b=1\nFROM b AS c\nCOPY y /y\nLABEL c=1\n";

function why(s: Simulation, field: string): FieldAnswer {
  const a = explainField(s, field);
  if (!a.ok) throw new Error(a.error);
  return a.value;
}

const label = (builder: string, kv: string) => (builder === "buildkit" ? `LABEL ${kv}` : `/bin/sh -c #(nop)  LABEL ${kv}`);

describe("history through FROM <stage> (doc F)", () => {
  it.each(BUILDERS)("each stage's history is the earlier stage's, then its own (%s)", (builder) => {
    const s = sim(CHAIN, { builder });
    expect(s.error).toBeNull();
    const [a, b, c] = s.evaluation.stages;
    const texts = (h: readonly HistoryEntry[]) => h.filter((e) => e.created_by.includes("LABEL")).map((e) => e.created_by);
    expect(texts(a!.history)).toEqual([label(builder, "a=1")]);
    expect(texts(b!.history)).toEqual([label(builder, "a=1"), label(builder, "b=1")]);
    expect(texts(c!.history)).toEqual([label(builder, "a=1"), label(builder, "b=1"), label(builder, "c=1")]);
    expect(a!.history).toHaveLength(2);
    expect(b!.history).toHaveLength(3);
    expect(c!.history).toHaveLength(5);
  });

  it.each(BUILDERS)("layers: the base image's 2, plus one per COPY of every stage in the chain (%s)", (builder) => {
    const [a, b, c] = sim(CHAIN, { builder }).evaluation.stages;
    expect([a!.layers, b!.layers, c!.layers]).toEqual([3, 3, 4]);
    expect(c!.historyList.layers).toBe(2);
    expect(c!.historyList.length).toBe(c!.history.length);
  });

  it.each(BUILDERS)("the earlier stage's list is shared, not copied, and its own entries stay its own (%s)", (builder) => {
    const [a, b, c] = sim(CHAIN, { builder }).evaluation.stages;
    expect(c!.historyList.parent).toBe(b!.historyList);
    expect(b!.historyList.parent).toBe(a!.historyList);
    expect(a!.historyList.parent).toBeNull();
    expect(b!.historyList.own.map((e) => e.created_by)).toEqual([label(builder, "b=1")]);
  });

  it("reading a later stage's history first does not change an earlier one's; reads return the same array", () => {
    const [a, b, c] = sim(CHAIN).evaluation.stages;
    const cHistory = c!.history;
    expect(a!.history.map((e) => e.created_by)).toEqual(["LABEL a=1", "COPY x /x # buildkit"]);
    expect(b!.history).toHaveLength(3);
    expect(c!.history).toBe(cHistory);
    expect(cHistory).toHaveLength(5);
  });
});

describe("historyList / historyEntries", () => {
  const origin: Origin = { kind: "default", reason: "test" };
  const e = (created_by: string, empty_layer = true): HistoryEntry => ({ created_by, empty_layer, origin });

  it("counts and flattens in order, reusing an ancestor's flat array when there is one", () => {
    const root = historyList(null, [e("A"), e("B", false)]);
    const mid = historyList(root, []);
    const leaf = historyList(mid, [e("C", false), e("D")]);
    expect([root.length, mid.length, leaf.length]).toEqual([2, 2, 4]);
    expect([root.layers, mid.layers, leaf.layers]).toEqual([1, 1, 2]);
    expect(historyEntries(mid).map((h) => h.created_by)).toEqual(["A", "B"]);
    expect(historyEntries(leaf).map((h) => h.created_by)).toEqual(["A", "B", "C", "D"]);
    expect(historyEntries(root).map((h) => h.created_by)).toEqual(["A", "B"]);
    expect(historyEntries(leaf)).toBe(historyEntries(leaf));
  });

  it("an empty list flattens to no entries", () => {
    expect(historyEntries(historyList(null, []))).toEqual([]);
    expect(historyEntries(historyList(historyList(null, []), []))).toEqual([]);
  });
});

describe("via: the stages a value was inherited through", () => {
  const text = "FROM sim/busybox AS a\nENV A=1\nFROM a AS b\nENV B=2\nFROM b AS c\nFROM c\n";

  it.each(BUILDERS)("nearest first, each stage only once (%s)", (builder) => {
    const s = sim(text, { builder });
    const env = s.stage!.config.Env;
    expect(viaStages(env.find((x) => x.key === "A")!.via)).toEqual(["c", "b", "a"]);
    expect(viaStages(env.find((x) => x.key === "B")!.via)).toEqual(["c", "b"]);
    expect(viaStages(s.stage!.config.WorkingDir.via)).toEqual(["c", "b", "a"]);
    expect(why(s, "Env.A").entries[0]!.via).toEqual(["c", "b", "a"]);
    expect(why(s, "Env.A").entries[0]!.why).toBe('line 2, stage "a": ENV A=1 (through stage "c", "b", "a")');
  });

  it.each(BUILDERS)("a value of the stage itself has none (%s)", (builder) => {
    const s = sim(text, { builder });
    expect(s.evaluation.stages[1]!.config.Env.find((x) => x.key === "B")!.via).toBeUndefined();
    expect(why(s, "Env.B").entries[0]!.via).toEqual(["c", "b"]);
  });

  it.each(BUILDERS)("each stage adds one link in front of the earlier stage's list, which it shares (%s)", (builder) => {
    const s = sim(text, { builder });
    const [, b, c, d] = s.evaluation.stages;
    const a = (st: typeof b) => st!.config.Env.find((x) => x.key === "A")!.via;
    expect(a(d)!.next).toBe(a(c));
    expect(a(c)!.next).toBe(a(b));
    // Values that came through the same stages share the new link.
    expect(d!.config.Entrypoint.via).toBe(a(d));
    expect(d!.config.WorkingDir.via).toBe(a(d));
    expect(d!.config.Env.find((x) => x.key === "B")!.via!.next).toBe(c!.config.Env.find((x) => x.key === "B")!.via);
  });

  it("viaStages of nothing is empty", () => {
    expect(viaStages(undefined)).toEqual([]);
    expect(viaStages(null)).toEqual([]);
    const v: Via = { stage: "x", next: null };
    expect(viaStages(v)).toEqual(["x"]);
  });
});
