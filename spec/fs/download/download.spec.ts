/**
 * The pure parts of `ADD <url>` (src/fs/download): Go's URL path and `Content-Disposition` reading,
 * each builder's name and failure for a download, and that a simulation given any downloads never
 * throws. The rules themselves are checked against real builds in add-url.spec.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dispositionFileName, parseDispositionParams } from "../../../src/fs/download/content-disposition.js";
import { buildkitDownloadName, classicDownloadName, goBase, goUrlPath, UNNAMED_DOWNLOAD } from "../../../src/fs/download/download-name.js";
import { resolveDownload, type Download } from "../../../src/fs/download/download.js";
import { entryTarsum } from "../../../src/fs/vfs/classic-source-hash.js";
import { simulate } from "../../../src/simulate.js";

const segment = fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom("a", "b", " ", "é", "%", "+", "~", "-", "_", "ü", "z") }).filter((s) => s !== "." && s !== "..");
const segments = fc.array(segment, { minLength: 0, maxLength: 4 });

describe("goUrlPath (Go's url.Parse Path)", () => {
  it("decodes what encodeURIComponent encoded, per segment, and ignores query and fragment", () => {
    fc.assert(
      fc.property(segments, fc.boolean(), fc.boolean(), fc.boolean(), (segs, slash, query, fragment) => {
        const raw = segs.map(encodeURIComponent).join("/") + (slash && segs.length > 0 ? "/" : "");
        const url = `https://example.com/${raw}${query ? "?a=%20b" : ""}${fragment ? "#x%20y" : ""}`;
        expect(goUrlPath(url)).toBe("/" + segs.join("/") + (slash && segs.length > 0 ? "/" : ""));
      }),
    );
  });
  it("fails (null) on a bad escape or a control character, as Go does", () => {
    expect(goUrlPath("https://h/%zz")).toBeNull();
    expect(goUrlPath("https://h/a%2")).toBeNull();
    expect(goUrlPath("https://h/a\tb")).toBeNull();
    expect(goUrlPath("https://h")).toBe("");
  });
});

describe("download names", () => {
  it("BuildKit: the last non-empty path segment, decoded; __unnamed__ without one", () => {
    fc.assert(
      fc.property(segments, fc.boolean(), (segs, slash) => {
        const url = `http://h/${segs.map(encodeURIComponent).join("/")}${slash ? "/" : ""}`;
        expect(buildkitDownloadName(url)).toBe(segs.length === 0 ? UNNAMED_DOWNLOAD : segs[segs.length - 1]);
      }),
    );
  });
  it("classic: the URL's last segment unless the path ends in /, then Content-Disposition's filename base", () => {
    fc.assert(
      fc.property(segments, fc.boolean(), fc.option(segments, { nil: undefined }), (segs, slash, cd) => {
        const url = `http://h/${segs.map(encodeURIComponent).join("/")}${slash && segs.length > 0 ? "/" : ""}`;
        const header = cd === undefined ? null : `attachment; filename*=UTF-8''${encodeURIComponent(cd.join("/")).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16))}`;
        const got = classicDownloadName(url, header, dispositionFileName);
        if (segs.length > 0 && !slash) expect(got).toBe(segs[segs.length - 1]);
        else if (cd === undefined || cd.length === 0) expect(got).toBe("");
        else expect(got).toBe(goBase(cd.join("/")));
      }),
    );
  });
});

/** RFC 5987 percent-encoding: encodeURIComponent leaves !'()* as they are, which are not token characters. */
const pct = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

describe("Content-Disposition (Go's mime.ParseMediaType)", () => {
  const printable = fc.string({ minLength: 1, maxLength: 12, unit: fc.mapToConstant({ num: 95, build: (v) => String.fromCharCode(0x20 + v) }) });
  it("reads back any quoted filename whose quote and backslash are escaped", () => {
    fc.assert(
      fc.property(printable, fc.constantFrom("attachment", "inline", "form-data"), (name, type) => {
        const quoted = name.replace(/["\\]/g, (c) => "\\" + c);
        expect(dispositionFileName(`${type}; filename="${quoted}"`)).toBe(name);
      }),
    );
  });
  it("reads RFC 2231 UTF-8 filenames, and continuations in order", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength: 8 }), (a, b) => {
        expect(dispositionFileName(`attachment; filename*=UTF-8''${pct(a + b)}`)).toBe(a + b);
        expect(dispositionFileName(`attachment; filename*0*=UTF-8''${pct(a)}; filename*1*=${pct(b)}`)).toBe(a + b);
      }),
    );
  });
  it("gives nothing for what Go rejects: duplicates that differ, no type, junk after the value", () => {
    expect(parseDispositionParams("attachment; filename=a; filename=b")).toBeNull();
    expect(dispositionFileName("attachment; filename=a; filename=a")).toBe("a");
    expect(dispositionFileName('; filename="x"')).toBeNull();
    expect(dispositionFileName('attachment; filename="x" junk')).toBeNull();
    expect(dispositionFileName("attachment; filename*=latin1''x")).toBeNull();
    expect(dispositionFileName("attachment;")).toBeNull();
  });
});

const body = fc.uint8Array({ maxLength: 40 });
const status = fc.oneof(fc.constantFrom(200, 204, 301, 404, 500), fc.integer({ min: 100, max: 599 }));

describe("resolveDownload", () => {
  it("BuildKit without --checksum: a status below 200 or from 400 fails at cache-key time; otherwise the body is the file", () => {
    fc.assert(
      fc.property(status, body, (st, b) => {
        const r = resolveDownload("buildkit", "http://h/f.bin", { kind: "response", status: st, statusText: "", contentDisposition: null, body: b }, { checksum: null, intoDirectory: true });
        if (st < 200 || st >= 400) expect(r).toEqual({ ok: false, phase: "cache-key", message: `failed to load cache key: invalid response status ${st}`, approximate: false });
        else expect(r).toEqual(expect.objectContaining({ ok: true, name: "f.bin", content: b }));
      }),
    );
  });
  it("BuildKit with --checksum: the status is not looked at, the SHA-256 decides", async () => {
    const { createHash } = await import("node:crypto");
    fc.assert(
      fc.property(status, body, fc.boolean(), (st, b, right) => {
        const sum = "sha256:" + createHash("sha256").update(b).digest("hex");
        const given = right ? sum : "sha256:" + "f".repeat(64);
        const r = resolveDownload("buildkit", "http://h/f.bin", { kind: "response", status: st, statusText: "", contentDisposition: null, body: b }, { checksum: given, intoDirectory: true });
        if (right || sum === given) expect(r.ok).toBe(true);
        else expect(r).toEqual({ ok: false, phase: "exec", message: `digest mismatch ${sum}: ${given}`, approximate: false });
      }),
    );
  });
  it("classic: from 400 the status line and the trimmed body; below, a tarsum of name, 0600, 0:0 and content", () => {
    fc.assert(
      fc.property(status, fc.string({ maxLength: 20 }), (st, text) => {
        const b = new TextEncoder().encode(text);
        const r = resolveDownload("legacy", "http://h/x/f.bin", { kind: "response", status: st, statusText: "Reason", contentDisposition: null, body: b }, { checksum: null, intoDirectory: true });
        if (st >= 400) expect(r).toEqual({ ok: false, phase: "exec", message: `ADD failed: failed to GET http://h/x/f.bin with status ${st} Reason: ${text.trim()}`, approximate: false });
        else expect(r).toEqual({ ok: true, name: "f.bin", content: b, classicHash: entryTarsum({ type: "file", path: "f.bin", mode: 0o600, size: b.length, content: b }) });
      }),
    );
  });
  it("a connection failure keeps Go's cause after Get \"<url>\": for each builder", () => {
    const d: Download = { kind: "failed", cause: "dial tcp 127.0.0.1:9: connect: connection refused" };
    expect(resolveDownload("buildkit", "http://127.0.0.1:9/x", d, { checksum: null, intoDirectory: false })).toEqual(expect.objectContaining({ phase: "cache-key", message: 'failed to load cache key: Get "http://127.0.0.1:9/x": dial tcp 127.0.0.1:9: connect: connection refused' }));
    expect(resolveDownload("legacy", "http://127.0.0.1:9/x", d, { checksum: null, intoDirectory: false })).toEqual(expect.objectContaining({ message: 'ADD failed: Get "http://127.0.0.1:9/x": dial tcp 127.0.0.1:9: connect: connection refused' }));
  });
});

describe("simulate with downloads", () => {
  const download: fc.Arbitrary<Download> = fc.oneof(
    fc.record({ kind: fc.constant("response" as const), status, statusText: fc.string({ maxLength: 5 }), contentDisposition: fc.option(fc.string({ maxLength: 30 }), { nil: null }), body }),
    fc.record({ kind: fc.constant("failed" as const), cause: fc.string({ maxLength: 10 }) }),
  );
  const url = fc.constantFrom("http://h/a.tar.gz", "http://h/", "https://h/d/", "http://h/x%20y", "http://h/%zz");
  const line = fc.tuple(fc.constantFrom("ADD", "ADD --chown=1:2", "ADD --checksum=sha256:" + "0".repeat(64), "ADD --unpack", "ADD --chmod=600", "COPY"), fc.array(url, { minLength: 1, maxLength: 2 }), fc.constantFrom("/d/", "/f", "rel", "/f/x", "."));
  it("never throws, with both builders, whatever the downloads hold", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(url, download), { maxLength: 5 }), fc.constantFrom("buildkit" as const, "legacy" as const), (lines, ds, builder) => {
        const text = `FROM scratch\n${lines.map(([k, us, d]) => `${k} ${us.join(" ")} ${d}`).join("\n")}\n`;
        const sim = simulate(text, { builder, downloads: new Map(ds) });
        expect(sim.evaluation.downloadUrls.every((u) => text.includes(u))).toBe(true);
      }),
    );
  });
});

describe("the known divergence of a failing download after an execution error (BuildKit)", () => {
  const text = `FROM scratch\nADD --checksum=sha256:${"0".repeat(64)} http://h/f.txt /d/\nADD http://h/nope /f/\n`;
  const downloads = new Map<string, Download>([
    ["http://h/f.txt", { kind: "response", status: 200, statusText: "OK", contentDisposition: null, body: new TextEncoder().encode("x") }],
    ["http://h/nope", { kind: "response", status: 404, statusText: "Not Found", contentDisposition: null, body: new Uint8Array() }],
  ]);
  it("reports the download's failure and warns that the earlier step's may be reported instead", () => {
    const sim = simulate(text, { downloads });
    expect(sim.error?.message).toBe("failed to load cache key: invalid response status 404");
    const warned = sim.diagnostics.filter((d) => d.code === "simulator/known-divergence");
    expect(warned).toHaveLength(1);
    expect(warned[0]!.builder).toBe("buildkit");
    expect(warned[0]!.message).toContain("digest mismatch");
  });
  it("does not warn when nothing earlier fails, nor for the classic builder", () => {
    expect(simulate("FROM scratch\nADD http://h/nope /f/\n", { downloads }).diagnostics.some((d) => d.code === "simulator/known-divergence")).toBe(false);
    expect(simulate(text, { downloads, builder: "legacy" }).diagnostics.some((d) => d.code === "simulator/known-divergence")).toBe(false);
  });
});

describe("shrinking a generated ADD <url> case (the shrinker the engine differential uses)", () => {
  it("replays the diverging run and returns a smaller case that still diverges", async () => {
    const { shrinkUrlCase } = await import("./differential.js");
    const { urlCaseArb } = await import("./generated.js");
    const seed = 21;
    const cases = fc.sample(urlCaseArb("buildkit"), { numRuns: 60, seed });
    const diverges = (c: { lines: readonly string[] }): boolean => c.lines.some((l) => l.includes("--chown"));
    const index = cases.findIndex(diverges);
    expect(index).toBeGreaterThanOrEqual(0);
    const fake = async (c: { lines: readonly string[] }) => (diverges(c) ? [{ id: "x", builder: "buildkit" as const, category: "build" as const, engine: "e", simulator: "s" }] : []);
    const r = await shrinkUrlCase(fake, "buildkit", seed, index, 500);
    expect(r).not.toBeNull();
    expect(diverges(r!.case)).toBe(true);
    const size = (c: { lines: readonly string[]; routes: readonly unknown[] }) => c.lines.join("\n").length + c.routes.length;
    expect(size(r!.case)).toBeLessThanOrEqual(size(cases[index]!));
    // Minimal: one ADD line, and nothing else in it but what makes it diverge.
    expect(r!.case.lines.filter((l) => l.startsWith("ADD"))).toHaveLength(1);
    expect(r!.case.lines.find((l) => l.startsWith("ADD"))).toMatch(/^ADD --chown=\S+ \S+ \S+$/);
  });
});

describe("several downloads of one ADD failing (BuildKit fetches them at the same time)", () => {
  it("reports the first and records each as an error diagnostic; the classic builder stops at the first", () => {
    const downloads = new Map<string, Download>([
      ["http://h/a", { kind: "response", status: 500, statusText: "", contentDisposition: null, body: new Uint8Array() }],
      ["http://h/b", { kind: "response", status: 404, statusText: "", contentDisposition: null, body: new Uint8Array() }],
    ]);
    const text = "FROM scratch\nADD http://h/a http://h/b /o/\n";
    const bk = simulate(text, { downloads });
    expect(bk.error?.message).toBe("failed to load cache key: invalid response status 500");
    expect(bk.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([
      "failed to load cache key: invalid response status 500",
      "failed to load cache key: invalid response status 404",
    ]);
    const classic = simulate(text, { downloads, builder: "legacy" });
    expect(classic.diagnostics.filter((d) => d.severity === "error")).toHaveLength(1);
  });
});
