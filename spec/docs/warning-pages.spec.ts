/**
 * The warning-code pages (docs/site/warning-codes.ts): every code the simulator can emit as a trap or a
 * notice has a page, each page's example really raises its code on the stated line (the site shows what
 * the simulator computes for it) and its fix really removes it, and each evidence link points at a recorded
 * case that exists.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { RULES, type BuildFailureCode, type NoticeCode } from "dockerfile-semantics";
import { BUILD_FAILURES } from "../../docs/warnings/codes.data.js";
import { fixturePage, type FixtureSet } from "../../docs/site/fixtures-view.js";
import { WARNING_CODES } from "../../docs/site/warning-codes.js";
import { findingsOfExample } from "../../docs/site/warning-examples.js";

describe("warning-code pages", () => {
  it("cover every trap rule and every notice code, once", () => {
    const codes = WARNING_CODES.map((w) => w.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of RULES) expect(codes, r.code).toContain(r.code);
    const notices: Record<NoticeCode, true> = { "image/unknown": true, "syntax/frontend-ignored": true, "syntax/empty-continuation": true, "files/unknown": true, "files/not-fetched": true, "budget/exceeded": true };
    for (const n of Object.keys(notices)) expect(codes, n).toContain(n);
    expect(codes).toContain("simulator/known-divergence");
    expectTypeOf<(typeof BUILD_FAILURES)[number]>().toEqualTypeOf<BuildFailureCode>();
    expect(new Set(WARNING_CODES.map((w) => w.slug)).size).toBe(codes.length);
  });

  for (const page of WARNING_CODES) {
    it(`${page.code}: the example raises it on line ${page.example.line}, and the fix does not`, () => {
      const found = findingsOfExample(page, page.example.dockerfile).filter((f) => f.code === page.code);
      expect(found.length, page.example.dockerfile).toBeGreaterThan(0);
      expect(found.map((f) => f.line)).toContain(page.example.line);
      if (page.example.fixed !== undefined) expect(findingsOfExample(page, page.example.fixed).filter((f) => f.code === page.code)).toEqual([]);
    });
  }

  it("link their evidence to recorded cases that exist", () => {
    const anchors = new Map<string, Set<string>>();
    let checked = 0;
    for (const page of WARNING_CODES) {
      expect(page.evidence.length, page.code).toBeGreaterThan(0);
      for (const e of page.evidence) {
        const m = /^\/fixtures\/([\w-]+)(?:#(.+))?$/.exec(e.link);
        if (m === null) continue;
        const set = m[1] as FixtureSet;
        if (!anchors.has(set)) anchors.set(set, new Set(fixturePage(set).cases.map((c) => c.anchor)));
        if (m[2] !== undefined) {
          expect(anchors.get(set)!.has(m[2]), `${page.code}: ${e.link}`).toBe(true);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});
