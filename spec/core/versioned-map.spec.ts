// core/versioned-map.ts: every version of the map stays readable as it was, whatever is set later.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextVersionOf, VersionedMap } from "../../src/core/versioned-map.js";

describe("VersionedMap", () => {
  it("a version read later shows the keys and values it had, in first-set order", () => {
    const m = new VersionedMap<number>();
    m.set("b", 1);
    m.set("a", 2);
    const v2 = m.view();
    m.set("b", 3);
    m.set("c", 4);
    expect([...v2]).toEqual([["b", 1], ["a", 2]]);
    expect(v2.has("c")).toBe(false);
    expect(v2.size).toBe(2);
    expect([...m.view()]).toEqual([["b", 3], ["a", 2], ["c", 4]]);
  });

  it("builds on the newest version in place and copies an older one", () => {
    const m = VersionedMap.of<number>([["a", 1]]);
    const old = m.view();
    expect(nextVersionOf(old)).toBe(m);
    m.set("a", 2);
    const branch = nextVersionOf(old);
    expect(branch).not.toBe(m);
    branch.set("b", 9);
    expect([...branch.view()]).toEqual([["a", 1], ["b", 9]]);
    expect([...m.view()]).toEqual([["a", 2]]);
  });

  it("every version equals a Map copied at that point (property)", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d"), fc.integer()), { maxLength: 40 }), (sets) => {
      const m = new VersionedMap<number>();
      const plain = new Map<string, number>();
      const copies: [ReturnType<typeof m.view>, Map<string, number>][] = [[m.view(), new Map()]];
      for (const [k, v] of sets) {
        m.set(k, v);
        plain.set(k, v);
        copies.push([m.view(), new Map(plain)]);
      }
      for (const [view, copy] of copies) {
        expect([...view.entries()]).toEqual([...copy.entries()]);
        expect([...view.keys()]).toEqual([...copy.keys()]);
        expect([...view.values()]).toEqual([...copy.values()]);
        expect(view.size).toBe(copy.size);
        const seen: [string, number][] = [];
        view.forEach((v, k, map) => {
          expect(map).toBe(view);
          seen.push([k, v]);
        });
        expect(seen).toEqual([...copy.entries()]);
        for (const k of ["a", "b", "c", "d"]) expect(view.get(k)).toBe(copy.get(k));
      }
    }));
  });

  it("the newest version is one object until the map changes (no view allocated per read)", () => {
    const m = VersionedMap.of<number>([["a", 1]]);
    const v1 = m.view();
    expect(m.view()).toBe(v1);
    m.set("a", 2);
    const v2 = m.view();
    expect(v2).not.toBe(v1);
    expect(m.view()).toBe(v2);
    expect([v1.get("a"), v2.get("a")]).toEqual([1, 2]);
  });
});
