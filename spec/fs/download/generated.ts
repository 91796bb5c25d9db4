/**
 * fast-check generated `ADD <url>` cases for the differential test against real builds: routes on the
 * local server (names with spaces, archives, empty bodies, error statuses, `Content-Disposition`
 * variants, redirects) and ADD lines over them (destinations into a directory, to a file, relative to
 * WORKDIR, over what an earlier line wrote; `--chown`, BuildKit's `--chmod`, `--checksum` right,
 * wrong or empty, `--unpack`; one or two sources; a query string). Every destination lies under `/o`.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import type { OracleBuilder } from "../../oracle/engine.js";
import { ustar } from "../copy/archives.js";
import type { Route } from "./server.js";

/** One generated route: a path under the case's prefix and what it answers. */
export interface GenRoute {
  readonly path: string;
  readonly route: Route;
}

/** One generated case: its routes (paths relative to its prefix) and its Dockerfile lines (`{P}` is the prefix URL). */
export interface GenUrlCase {
  readonly routes: readonly GenRoute[];
  readonly lines: readonly string[];
}

const NAMES = ["f.txt", "a b.txt", "t.tar.gz", "x", "d/", "", "sub/n.bin", "t.txt"] as const;

const bodyArb = fc.oneof(
  fc.constantFrom("hello\n", "", "  spaced body  \n"),
  fc.constant("archive"),
);

const dispositionArb = fc.constantFrom<string | undefined>(
  undefined,
  undefined,
  'attachment; filename="n.bin"',
  "attachment; filename*=UTF-8''%C3%A9t%C3%A9.txt",
  'attachment; filename="p/q.bin"',
  "attachment; filename=a; filename=b",
  'inline; filename="dir/"',
);

function archiveBytes(): Uint8Array {
  return new Uint8Array(gzipSync(ustar([{ name: "m/in.txt", type: "file", content: "in\n", mode: 0o640, uid: 7, gid: 8 }, { name: "m/", type: "dir", mode: 0o750 }])));
}

function bytesOf(body: string): Uint8Array {
  return body === "archive" ? archiveBytes() : new TextEncoder().encode(body);
}

/** The SHA-256 digest BuildKit computes of a route's body. */
export function routeDigest(r: Route): string {
  const b = r.body === undefined ? new Uint8Array() : typeof r.body === "string" ? new TextEncoder().encode(r.body) : r.body;
  return "sha256:" + createHash("sha256").update(b).digest("hex");
}

/** One route, or a redirect and the route it points to. */
const routesArb: fc.Arbitrary<GenRoute[]> = fc
  .record({
    name: fc.constantFrom(...NAMES),
    body: bodyArb,
    status: fc.constantFrom(200, 200, 200, 200, 200, 200, 200, 200, 404, 500),
    contentDisposition: dispositionArb,
    redirect: fc.boolean(),
  })
  .map(({ name, body, status, contentDisposition, redirect }) => {
    const route: Route = {
      status,
      ...(status === 404 ? { statusText: "Not Found" } : status === 500 ? { statusText: "Internal Server Error" } : {}),
      body: bytesOf(body),
      ...(contentDisposition === undefined ? {} : { contentDisposition }),
    };
    return redirect ? [{ path: `r/${name}`, route: { redirect: name } }, { path: name, route }] : [{ path: name, route }];
  });

const destArb = fc.constantFrom("/o/", "/o/f", "/o/d/", "/o/d", "rel/", "/o/f/x", ".");

/** Cases for one builder (`--chmod` only for BuildKit: the classic builder refuses it anyway). */
export function urlCaseArb(builder: OracleBuilder): fc.Arbitrary<GenUrlCase> {
  return fc.array(routesArb, { minLength: 1, maxLength: 3 }).chain((generated) => {
    const routes: GenRoute[] = [];
    for (const r of generated.flat()) if (!routes.some((x) => x.path === r.path)) routes.push(r);
    const served = routes;
    const lineArb = fc
      .record({
        sources: fc.array(fc.record({ k: fc.nat({ max: served.length - 1 }), query: fc.boolean() }), { minLength: 1, maxLength: 2 }),
        dest: destArb,
        chown: fc.constantFrom<string | null>(null, null, "5:6", "7"),
        chmod: builder === "buildkit" ? fc.constantFrom<string | null>(null, null, "640", "u+x") : fc.constant(null),
        checksum: fc.constantFrom<"none" | "right" | "wrong" | "empty">("none", "none", "none", "none", "none", "right", "right", "wrong", "empty"),
        unpack: fc.constantFrom<string | null>(null, null, "--unpack", "--unpack=false"),
      })
      .map(({ sources, dest, chown, chmod, checksum, unpack }) => {
        const first = served[sources[0]!.k]!;
        const target = first.route.redirect === undefined ? first.route : (routes.find((r) => r.path === first.route.redirect)?.route ?? first.route);
        const flags = [
          chown === null ? "" : `--chown=${chown}`,
          chmod === null ? "" : `--chmod=${chmod}`,
          checksum === "none" ? "" : checksum === "empty" ? "--checksum=" : `--checksum=${checksum === "right" ? routeDigest(target) : "sha256:" + "0".repeat(64)}`,
          unpack ?? "",
        ].filter((f) => f !== "");
        const urls = sources.map((s) => `{P}/${encodeURI(served[s.k]!.path)}${s.query ? "?q=1" : ""}`);
        return ["ADD", ...flags, ...urls, dest].join(" ");
      });
    return fc.record({ workdir: fc.boolean(), lines: fc.array(lineArb, { minLength: 1, maxLength: 2 }) }).map(({ workdir, lines }) => ({
      routes,
      lines: [...(workdir || lines.some((l) => / (rel\/|\.)$/.test(l)) ? ["WORKDIR /o/w"] : []), ...lines],
    }));
  });
}

/** The Dockerfile of a case, with `{P}` standing for `{URL}/<prefix>`. */
export function renderUrlCase(c: GenUrlCase, prefix: string): string {
  return `FROM scratch\n${c.lines.map((l) => l.replaceAll("{P}", `{URL}/${prefix}`)).join("\n")}\n`;
}
