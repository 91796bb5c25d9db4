/**
 * `ADD <url>` cases, built for real against the local server of `server.ts` (recorded in
 * `spec/fixtures/engine-28.5/add-url.json` by `record.ts`) and simulated with the downloads
 * `fetchDownloads` gets from the same server. Dockerfiles say `{URL}` for the server and `{REFUSED}`
 * for a host:port that refuses connections.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { FixtureContextValue } from "../copy/harness.js";
import type { ServedCase } from "../copy/record-served.js";
import { fixedRoutes } from "./server.js";

/** One case (`context`: entries besides the Dockerfile; `paths`: where the files are compared). */
export type UrlCase = ServedCase;

function sha256Of(path: string): string {
  const body = fixedRoutes().get(path)?.body ?? "";
  return "sha256:" + createHash("sha256").update(typeof body === "string" ? Buffer.from(body, "utf8") : body).digest("hex");
}

const FILE_SUM = sha256Of("/file.txt");
const ZERO_SUM = "sha256:" + "0".repeat(64);

const c = (id: string, title: string, lines: string, paths: readonly string[] = ["/d", "/f", "/x"], context?: Record<string, FixtureContextValue>): UrlCase => ({
  id,
  title,
  dockerfile: `FROM scratch\n${lines}\n`,
  paths,
  ...(context === undefined ? {} : { context }),
});

/** Every recorded case, in fixture order. */
export const URL_CASES: readonly UrlCase[] = [
  c("into-dir", "a file into a directory: mode 0600, owner 0:0", "ADD {URL}/file.txt /d/"),
  c("to-file", "a file to a file path", "ADD {URL}/file.txt /f"),
  c("into-existing-dir", "into an existing directory without a trailing slash", "ADD {URL}/file.txt /d/\nADD {URL}/cd /d"),
  c("over-existing-file", "over an existing file", "ADD {URL}/file.txt /d/\nADD {URL}/cd /d/file.txt"),
  c("archive-not-extracted", "a tar.gz download is never extracted", "ADD {URL}/arch.tar.gz /x/"),
  c("unpack-true", "ADD --unpack=true of a downloaded archive", "ADD --unpack=true {URL}/arch.tar.gz /x/"),
  c("unpack-true-not-archive", "ADD --unpack of a download that is no archive", "ADD --unpack {URL}/file.txt /x/"),
  c("unpack-true-chown", "ADD --unpack --chown of a downloaded archive", "ADD --unpack --chown=3:4 {URL}/arch.tar.gz /x/"),
  c("chown", "--chown gives the file and the created directory the owner", "ADD --chown=5:6 {URL}/file.txt /d/"),
  c("chmod", "--chmod (BuildKit; the classic builder refuses it)", "ADD --chmod=755 {URL}/file.txt /d/"),
  c("query-ignored", "the query is not part of the name", "ADD {URL}/file.txt?a=b /d/"),
  c("percent-decoded", "the name is the decoded path", "ADD {URL}/a%20b.txt /d/"),
  c("path-over-disposition", "a URL path with a name wins over Content-Disposition", "ADD {URL}/cd?x=1 /d/"),
  c("disposition-dir-url", "a URL ending in / into a directory: Content-Disposition names it for the classic builder", "ADD {URL}/cd/ /d/"),
  c("disposition-to-file", "a URL ending in / to a file path", "ADD {URL}/cd/ /f"),
  c("disposition-path", "Content-Disposition filename with a path", "ADD {URL}/cd-path/ /d/"),
  c("disposition-rfc2231", "Content-Disposition filename*=UTF-8''…", "ADD {URL}/cd-star/ /d/"),
  c("disposition-duplicate", "a Content-Disposition Go cannot parse", "ADD {URL}/cd-dup/ /d/"),
  c("disposition-dir-name", "a Content-Disposition filename ending in /", "ADD {URL}/cd-dir/ /d/"),
  c("root-into-dir", "the server root into a directory", "ADD {URL}/ /d/"),
  c("root-to-file", "the server root to a file path", "ADD {URL}/ /f"),
  c("dir-url-into-dir", "a URL path ending in / without Content-Disposition", "ADD {URL}/dir/ /d/"),
  c("redirect", "a redirect: the name comes from the URL asked for", "ADD {URL}/redir /d/"),
  c("empty-body", "an empty download", "ADD {URL}/empty /d/"),
  c("not-found", "a 404", "ADD {URL}/nope /d/"),
  c("server-error", "a 500 (the classic builder trims the body)", "ADD {URL}/boom /d/"),
  c("refused", "a refused connection", "ADD http://{REFUSED}/x.txt /d/"),
  c("multi-into-dir", "two downloads into a directory", "ADD {URL}/file.txt {URL}/arch.tar.gz /d/"),
  c("multi-to-file", "two downloads to a path without a trailing slash", "ADD {URL}/file.txt {URL}/arch.tar.gz /f"),
  c("workdir-relative", "a relative destination under WORKDIR", "WORKDIR /w\nADD {URL}/file.txt rel/", ["/w"]),
  c("under-a-file", "a destination below a downloaded file", "ADD {URL}/file.txt /f\nADD {URL}/cd /f/x"),
  c("checksum-ok", "--checksum that matches", `ADD --checksum=${FILE_SUM} {URL}/file.txt /d/`),
  c("checksum-mismatch", "--checksum that does not match", `ADD --checksum=${ZERO_SUM} {URL}/file.txt /d/`),
  c("checksum-sha512", "a sha512 checksum (BuildKit compares it with the SHA-256)", `ADD --checksum=sha512:${"a".repeat(128)} {URL}/file.txt /d/`),
  c("checksum-bad-format", "a checksum that is not a digest", "ADD --checksum=abc {URL}/file.txt /d/"),
  c("checksum-bad-length", "a sha256 checksum of the wrong length", "ADD --checksum=sha256:abc {URL}/file.txt /d/"),
  c("checksum-variable", "--checksum from an ARG", `ARG SUM=${FILE_SUM}\nADD --checksum=$SUM {URL}/file.txt /d/`),
  c("checksum-empty", "an empty --checksum is none", "ADD --checksum= {URL}/file.txt /d/"),
  c("checksum-404-page", "with --checksum BuildKit keeps a 404 page whose digest matches", `ADD --checksum=${sha256Of("/nope")} {URL}/nope /d/`),
  c("checksum-404-mismatch", "with --checksum a 404 is a digest mismatch", `ADD --checksum=${FILE_SUM} {URL}/nope /d/`),
  c("checksum-refused", "with --checksum a refused connection fails when the copy runs", `ADD --checksum=${FILE_SUM} http://{REFUSED}/x.txt /d/`),
  c("checksum-bad-format-local", "a bad checksum on a local source: which error first", "ADD --checksum=abc local.txt /d/", ["/d"], { "local.txt": "local\n" }),
  c("checksum-multiple", "--checksum with two URL sources", `ADD --checksum=${FILE_SUM} {URL}/file.txt {URL}/cd /d/`),
  c("checksum-multiple-bad-format", "a bad --checksum with a local and a URL source: which error first", "ADD --checksum=abc local.txt {URL}/file.txt /d/", ["/d"], { "local.txt": "local\n" }),
  c("failure-order", "a 404 after an ADD that fails to chown", "ADD {URL}/file.txt /d/\nADD --chown=nobody {URL}/file.txt /x/\nADD {URL}/nope /f/"),
  c("failure-order-checksum", "a 404 after a checksum mismatch", `ADD ${"--checksum=" + ZERO_SUM} {URL}/file.txt /d/\nADD {URL}/nope /f/`),
  c("copy-url", "COPY refuses URLs", "COPY {URL}/file.txt /d/"),
];
