/**
 * A local HTTP server for the `ADD <url>` cases: fixed routes (files, an archive, `Content-Disposition`
 * variants, redirects, error statuses) served on 127.0.0.1, which both the simulator's fetch and a
 * local Docker daemon reach (the daemon downloads ADD URLs itself, outside the build's `--network=none`).
 * Generated cases add routes of their own under a prefix. Node-side only.
 *
 * @module
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { ustar } from "../copy/archives.js";
import type { PlaceholderServer } from "../copy/record-served.js";

/** What one path answers. */
export interface Route {
  readonly status?: number;
  /** The reason phrase of the status line (Node's default for the status when absent). */
  readonly statusText?: string;
  readonly body?: string | Uint8Array;
  readonly contentDisposition?: string;
  /** Answer with a 302 to this path. */
  readonly redirect?: string;
  readonly lastModified?: string;
}

const LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT";

/** The routes every case may use (paths relative to the server root). */
export function fixedRoutes(): Map<string, Route> {
  const archive = gzipSync(ustar([{ name: "in.txt", type: "file", content: "inside\n", mode: 0o640, uid: 7, gid: 8 }]));
  const page404 = "<html><body><h1>404 Not Found</h1></body></html>\n";
  const r: [string, Route][] = [
    ["/file.txt", { body: "hello url\n", lastModified: LAST_MODIFIED }],
    ["/arch.tar.gz", { body: new Uint8Array(archive) }],
    ["/cd", { body: "content-disposition body\n", contentDisposition: 'attachment; filename="named.bin"' }],
    ["/cd/", { body: "content-disposition body\n", contentDisposition: 'attachment; filename="named.bin"' }],
    ["/cd-path/", { body: "path in the filename\n", contentDisposition: 'attachment; filename="sub/leaf.bin"' }],
    ["/cd-star/", { body: "rfc 2231\n", contentDisposition: "attachment; filename*=UTF-8''na%C3%AFve.txt" }],
    ["/cd-dup/", { body: "duplicate\n", contentDisposition: "attachment; filename=a.bin; filename=b.bin" }],
    ["/cd-dir/", { body: "directory name\n", contentDisposition: 'attachment; filename="d/"' }],
    ["/", { body: "index body\n" }],
    ["/dir/", { body: "index body\n" }],
    ["/redir", { redirect: "/file.txt" }],
    ["/nope", { status: 404, statusText: "Not Found", body: page404 }],
    ["/boom", { status: 500, statusText: "Internal Server Error", body: "  server exploded  \n" }],
    ["/a b.txt", { body: "spaced\n" }],
    ["/empty", { body: "" }],
  ];
  return new Map(r);
}

/** A running server. */
export interface DownloadServer {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  /** `127.0.0.1:<port>` of a port nothing listens on (a refused connection). */
  readonly refused: string;
  /** Adds or replaces a route. */
  route(path: string, r: Route): void;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** A port that refuses connections: one the system gave us, then closed. */
async function closedPort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Starts the server with the fixed routes. */
export async function startDownloadServer(): Promise<DownloadServer> {
  const routes = fixedRoutes();
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
    const r = routes.get(path);
    if (r === undefined) {
      res.writeHead(404, "Not Found", { "Content-Type": "text/plain" });
      res.end("no such route\n");
      return;
    }
    if (r.redirect !== undefined) {
      res.writeHead(302, "Found", { Location: r.redirect, "Content-Length": "0" });
      res.end();
      return;
    }
    const body = typeof r.body === "string" ? Buffer.from(r.body, "utf8") : Buffer.from(r.body ?? new Uint8Array());
    const headers: Record<string, string> = { "Content-Type": "application/octet-stream", "Content-Length": String(body.length) };
    if (r.contentDisposition !== undefined) headers["Content-Disposition"] = r.contentDisposition;
    if (r.lastModified !== undefined) headers["Last-Modified"] = r.lastModified;
    const status = r.status ?? 200;
    if (r.statusText === undefined) res.writeHead(status, headers);
    else res.writeHead(status, r.statusText, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  server.keepAliveTimeout = 1000;
  const port = await listen(server);
  const refusedPort = await closedPort();
  return {
    base: `http://127.0.0.1:${port}`,
    refused: `127.0.0.1:${refusedPort}`,
    route: (path, r) => void routes.set(path, r),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Puts a server's addresses into a text written with `{URL}` and `{REFUSED}`. */
export function withServer(text: string, s: Pick<DownloadServer, "base" | "refused">): string {
  return text.replaceAll("{URL}", s.base).replaceAll("{REFUSED}", s.refused);
}

/** The reverse of {@link withServer}, for what an engine or the simulator says. */
export function withoutServer(text: string, s: Pick<DownloadServer, "base" | "refused">): string {
  return text.replaceAll(s.base, "{URL}").replaceAll(s.refused, "{REFUSED}");
}

/** The server as the shared recorder's placeholder server (fills in and puts back its addresses). */
export function downloadPlaceholders(s: DownloadServer): PlaceholderServer {
  return { fill: (t) => withServer(t, s), unfill: (t) => withoutServer(t, s), close: () => s.close() };
}
