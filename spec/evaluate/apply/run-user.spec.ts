// USER + RUN: whether the RUN's process can start as the user (src/evaluate/apply/run-user.ts).
// Every row was built on Docker Engine 28.5.2 with both builders (D2, D3, D4 of docs/oracle.md):
// `oracle/busybox` (no /etc/passwd, no /etc/group), `oracle/passwd` (passwd: root 0:0, app 1000:1001;
// group: root 0, grp 2000 with member app), and `oracle/passwd` after `RUN rm /etc/group`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BaseImage } from "../../../src/image/base-image.js";
import { BUILDERS, imageWith, resolverWith, sim, type Builder } from "../../helpers/simulate.js";

const PASSWD = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001:app:/home/app:/bin/sh\n";
const GROUP = "root:x:0:\ngrp:x:2000:app\n";
const NONE: BaseImage = imageWith("docker.io/t/none:latest", {}, { files: { complete: false, entries: { "/etc/passwd": { type: "absent" }, "/etc/group": { type: "absent" } } } });
const BOTH: BaseImage = imageWith("docker.io/t/both:latest", {}, { files: { complete: false, entries: { "/etc/passwd": { type: "file", content: PASSWD }, "/etc/group": { type: "file", content: GROUP } } } });
const NOGROUP: BaseImage = imageWith("docker.io/t/nogroup:latest", {}, { files: { complete: false, entries: { "/etc/passwd": { type: "file", content: PASSWD }, "/etc/group": { type: "absent" } } } });
/** An image whose files the simulator was not given. */
const UNKNOWN: BaseImage = imageWith("docker.io/t/unknown:latest", {});
const resolver = resolverWith(NONE, BOTH, NOGROUP, UNKNOWN);

type Image = "none" | "both" | "nogroup" | "unknown";
const run = (image: Image, user: string, builder: Builder, extra = "") =>
  sim(`FROM t/${image}\n${extra}USER ${user}\nRUN true\n`, { builder, resolver });
const errorOf = (image: Image, user: string, builder: Builder): string | null => run(image, user, builder).error?.message ?? null;
const B = (m: string): string => `process "/bin/sh -c true" did not complete successfully: ${m}`;
const ROOT_L = "unable to find user root: no matching entries in passwd file";

/** [user, BuildKit error, classic error] (null: the RUN starts). */
const NO_FILES: [string, string | null, string | null][] = [
  ["root", B("unable to find user root: invalid argument"), ROOT_L],
  ["0", B("unable to find user 0: invalid argument"), null],
  ["1000", B("unable to find user 1000: invalid argument"), null],
  ["4242", B("unable to find user 4242: invalid argument"), null],
  ["0:0", null, null],
  ["1000:1000", null, null],
  ["root:0", null, ROOT_L],
  ["root:root", null, ROOT_L],
  ["0:root", null, "unable to find group root: no matching entries in group file"],
  ["nobody", B("unable to find user nobody: invalid argument"), "unable to find user nobody: no matching entries in passwd file"],
  ["nobody:0", B("unable to find user nobody: invalid argument"), "unable to find user nobody: no matching entries in passwd file"],
  ["app:0", B("unable to find user app: invalid argument"), "unable to find user app: no matching entries in passwd file"],
  ["1000:grp", B("unable to find user 1000: invalid argument"), "unable to find group grp: no matching entries in group file"],
  ["0:grp", B("unable to find user 0: invalid argument"), "unable to find group grp: no matching entries in group file"],
  [":0", B("unable to find user 0: invalid argument"), null],
  ["+5:0", B("unable to find user +5: invalid argument"), null],
  ["0:0:x", B("unable to find user 0: invalid argument"), "unable to find group 0:x: no matching entries in group file"],
];

const RANGE = "uids and gids must be in range 0-2147483647";
/** With /etc/passwd and /etc/group: the same message from both builders (BuildKit's wrapped). */
const WITH_FILES: [string, string | null][] = [
  ["root", null], ["0", null], ["0:0", null], ["1000", null], ["1000:1000", null], ["root:0", null], ["root:root", null],
  ["0:root", null], ["1000:grp", null], ["app", null], ["app:0", null], ["4242", null],
  ["nobody", "unable to find user nobody: no matching entries in passwd file"],
  ["nobody:0", "unable to find user nobody: no matching entries in passwd file"],
  ["0:nogroup", "unable to find group nogroup: no matching entries in group file"],
  ["app:nogroup", "unable to find group nogroup: no matching entries in group file"],
  ["99999999999", RANGE],
  ["1000:99999999999", RANGE],
  ["1000:1000:x", "unable to find group 1000:x: no matching entries in group file"],
];

/** With /etc/passwd but no /etc/group: [user, BuildKit, classic]. */
const NO_GROUP_FILE: [string, string | null, string | null][] = [
  ["app", B("unable to find groups for spec app: invalid argument"), null],
  ["root", B("unable to find groups for spec root: invalid argument"), null],
  ["4242:grp", B("unable to find groups for spec : invalid argument"), "unable to find group grp: no matching entries in group file"],
  ["4242", null, null],
];

describe("USER + RUN without /etc/passwd or /etc/group (verified on 28.5.2)", () => {
  it.each(NO_FILES)("USER %s", (user, buildkit, legacy) => {
    expect(errorOf("none", user, "buildkit")).toBe(buildkit);
    expect(errorOf("none", user, "legacy")).toBe(legacy);
  });
});

describe("USER + RUN with /etc/passwd and /etc/group (verified on 28.5.2)", () => {
  it.each(WITH_FILES)("USER %s", (user, message) => {
    expect(errorOf("both", user, "buildkit")).toBe(message === null ? null : B(message));
    expect(errorOf("both", user, "legacy")).toBe(message);
  });
});

describe("USER + RUN with /etc/passwd but no /etc/group (verified on 28.5.2)", () => {
  it.each(NO_GROUP_FILE)("USER %s", (user, buildkit, legacy) => {
    expect(errorOf("nogroup", user, "buildkit")).toBe(buildkit);
    expect(errorOf("nogroup", user, "legacy")).toBe(legacy);
  });
});

describe("USER + RUN where the user database is unknown", () => {
  it.each(BUILDERS)("an image whose files were not supplied: no failure claimed, a notice instead (%s)", (builder) => {
    const s = run("unknown", "nobody", builder);
    expect(s.error).toBeNull();
    const d = s.diagnostics.find((x) => x.code === "files/unknown");
    expect(d?.severity).toBe("info");
    expect(d?.message).toContain("unable to find user nobody");
  });
  it("after a RUN on an image without passwd: a known divergence (BuildKit USER 0)", () => {
    const s = run("none", "0", "buildkit", "RUN true\n");
    expect(s.error).toBeNull();
    const d = s.diagnostics.filter((x) => x.code === "simulator/known-divergence");
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: "warning", builder: "buildkit", range: { start: { line: 3 } } });
    expect(d[0]!.message).toContain(B("unable to find user 0: invalid argument"));
  });
  it.each(BUILDERS)("no warning where the lookup cannot fail: USER 0:0 (BuildKit), or numeric (classic) after a RUN (%s)", (builder) => {
    const s = run("none", builder === "buildkit" ? "0:0" : "1000", builder, "RUN true\n");
    expect(s.diagnostics.filter((x) => x.code === "simulator/known-divergence" || x.code === "files/unknown")).toEqual([]);
  });
});

describe("properties", () => {
  const part = fc.constantFrom("", "root", "0", "1000", "4242", "app", "nobody", "grp", "nogroup", "+5", "-1", "99999999999", "00");
  const spec = fc.oneof(part, fc.tuple(part, part).map(([u, g]) => `${u}:${g}`), fc.tuple(part, part, part).map(([a, b, c]) => `${a}:${b}:${c}`));
  const images: Image[] = ["none", "both", "nogroup"];
  it("unknown files never claim a failure, and claim success only where every known database agrees", () => {
    fc.assert(
      fc.property(spec, fc.constantFrom(...BUILDERS), (user, builder) => {
        fc.pre(user !== "" && !/\s/.test(user));
        const unknown = run("unknown", user, builder);
        expect(unknown.error).toBeNull();
        const notice = unknown.diagnostics.some((d) => d.code === "files/unknown");
        const outcomes = new Set(images.map((i) => errorOf(i, user, builder)));
        // Some concrete database fails where another succeeds, or fails otherwise: the simulator says it cannot tell.
        if (outcomes.size > 1) expect(notice).toBe(true);
        if (!notice) expect([...outcomes]).toEqual([null]);
      }),
      { numRuns: 300 },
    );
  });
  it("BuildKit: a uid:gid pair of root or uint32 ids never reads a file", () => {
    const id = fc.oneof(fc.constant("root"), fc.nat({ max: 0xffffffff }).map(String));
    fc.assert(
      fc.property(id, id, fc.constantFrom<Image>("none", "both", "nogroup", "unknown"), (u, g, image) => {
        const s = run(image, `${u}:${g}`, "buildkit");
        expect(s.error).toBeNull();
        expect(s.diagnostics.filter((d) => d.code === "files/unknown")).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
