/**
 * A static file server for the built docs site (`docs/.site`), on 127.0.0.1 and a free port, serving
 * `x.html` for `/x` and `index.html` for directories, as a static host would.
 *
 * @module
 */
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** The file a URL path names under `root`, or null. */
export async function fileFor(root: string, urlPath: string): Promise<string | null> {
  const path = normalize(decodeURIComponent(urlPath.split(/[?#]/)[0]!)).replace(/^(\.\.[/\\])+/, "");
  const base = join(root, path);
  for (const candidate of [base, `${base}.html`, join(base, "index.html")]) if (await isFile(candidate)) return candidate;
  return null;
}

/** Starts serving `root`; resolves to the base URL and a `close`. */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const server = createServer(async (req, res) => {
    const file = await fileFor(root, req.url ?? "/");
    if (file === null) {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end(await readFile(join(root, "404.html")).catch(() => "not found"));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(await readFile(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
