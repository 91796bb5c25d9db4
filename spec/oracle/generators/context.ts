/**
 * fast-check generators of build contexts and COPY/ADD/WORKDIR Dockerfiles, for the differential test of
 * the simulator's virtual filesystem against real builds (`spec/fs/copy/differential.ts`; the rules
 * observed so far are in `docs/semantics/copy-add.md`, their recording in
 * `spec/fixtures/engine-28.5/copy-add.json`).
 *
 * A generated case ({@link CopyGenCase}) is plain data that shrinks well: context entries over a small
 * alphabet of names (so that sources, wildcards, `.dockerignore` patterns and destinations collide
 * often), archives described by their members and compression (made into bytes only when the case is
 * written, see {@link renderCase}), an optional `.dockerignore`, an optional `/etc/passwd` + `/etc/group`
 * (copied in first by each stage, so that `--chown`/`USER` names resolve), an optional first stage `s`
 * and the final stage's lines. Sources are *indices* into the paths the context has (and the stage `s`
 * writes), not a `chain`, so fast-check shrinks the context and the Dockerfile independently.
 *
 * Every Dockerfile is `FROM scratch` (all files of the result are known) and never needs the network:
 * no URL sources, `--from` only names an earlier stage (by name or index), no images.
 *
 * Covered: files (modes incl. setuid/setgid/sticky), directories (modes), symlinks (relative, absolute,
 * `../`, dangling, to archives); archives (plain tar, gzip, bzip2, xz, zstd; members: files, dirs,
 * symlinks, hard links, owners, odd modes, rarely a `../` member) under honest and misleading names
 * (a gzip named `.txt`, an xz named `.tar`, text named `.tar.gz`, a gzip of non-tar data), `.dockerignore`
 * with exceptions; destinations absolute, relative with and without WORKDIR, with and without trailing
 * slash, `.`/`./`/`/`, existing directories and files, deep new parents; `--chown` numeric (`1000`,
 * `1000:`, `:1000`, …) and by name, `--chmod` octal and symbolic (BuildKit cases only: the classic builder
 * refuses it), `--link`, `--exclude`, JSON-form sources, `--from=s`/`--from=0`; wildcards; several
 * sources; `../` and absolute sources; missing sources; `WORKDIR`; `USER`.
 *
 * @module
 */
import fc from "fast-check";
import type { ArchiveSpec, TarMember } from "../../fs/copy/archives.js";
import type { CaseContextValue } from "../../fs/copy/cases.js";

/** The builder a case is generated for (BuildKit cases may use `--chmod`). */
export type GenBuilder = "buildkit" | "legacy";

/** A context entry other than an archive. */
export type GenValue =
  | string
  | { readonly content: string; readonly mode: number }
  | { readonly symlink: string }
  | { readonly dir: true; readonly mode: number };

/** An archive in the context: its name decides nothing (detection is by content), `honest` says whether the compression matches it. */
export interface GenArchive {
  readonly name: string;
  /** Tar members, or null for a non-tar payload (`raw`). */
  readonly members: readonly TarMember[] | null;
  readonly raw: string;
  /** The compression the name suggests is used when `honest`; else `compress`. */
  readonly honest: boolean;
  readonly compress: Compression;
  /** Mode of the archive file in the context. */
  readonly mode: number;
}

/** Compressions of an archive (`none`: plain tar). */
export type Compression = "none" | "gzip" | "bzip2" | "xz" | "zstd";

/** A COPY/ADD source, resolved when the Dockerfile is rendered. */
export type GenSource =
  /** The `i`-th (modulo) path of the context (implied parent directories included). */
  | { readonly k: "ctx"; readonly i: number }
  /** The `i`-th archive of the context (falls back to `ctx` without archives). */
  | { readonly k: "archive"; readonly i: number }
  /** A context path written with a `../` or `/` prefix, or under `./`. */
  | { readonly k: "prefixed"; readonly prefix: "../" | "/" | "./" | "sub/../"; readonly i: number }
  /** A literal word: a wildcard, `.`, a missing path. */
  | { readonly k: "lit"; readonly p: string }
  /**
   * A heredoc (`<<EOF`, `<<-"T"`, …) whose body lines follow the instruction (BuildKit writes a file named
   * `name`; the classic builder copies only the other sources). Not in JSON form, where it is a plain path.
   */
  | { readonly k: "heredoc"; readonly word: string; readonly name: string; readonly dash: boolean; readonly body: readonly string[] };

/** A COPY/ADD line. */
export interface GenCopy {
  readonly kind: "copy";
  readonly cmd: "COPY" | "ADD";
  readonly chown: string | null;
  readonly chmod: string | null;
  readonly link: boolean;
  readonly exclude: string | null;
  readonly json: boolean;
  readonly sources: readonly GenSource[];
  readonly dest: string;
  /**
   * With several sources, whether a `/` is appended to a destination without one (the classic builder
   * refuses several sources otherwise, so most multi-source lines get it; the rest check that refusal).
   */
  readonly multiSlash: boolean;
}

/** A `COPY --from` of the first stage (rendered only when the case has one). */
export interface GenFrom {
  readonly kind: "from";
  readonly ref: "s" | "0";
  readonly chown: string | null;
  readonly chmod: string | null;
  /** Index (modulo) into the paths stage `s` writes (see {@link stageOutputs}), or a literal path. */
  readonly src: { readonly k: "out"; readonly i: number } | { readonly k: "lit"; readonly p: string };
  readonly dest: string;
}

/** Any generated line. */
export type GenLine = GenCopy | GenFrom | { readonly kind: "workdir"; readonly path: string } | { readonly kind: "user"; readonly user: string };

/** A generated case. */
export interface CopyGenCase {
  readonly builder: GenBuilder;
  readonly entries: readonly (readonly [string, GenValue])[];
  readonly archives: readonly GenArchive[];
  /** `.dockerignore` lines, or null for none. */
  readonly ignore: readonly string[] | null;
  /** Whether the context has `etc/passwd` and `etc/group` and each stage starts with `COPY etc/ /etc/`. */
  readonly passwd: boolean;
  /** Lines of the first stage `s`, or null for a single-stage Dockerfile. */
  readonly stage: readonly GenLine[] | null;
  readonly lines: readonly GenLine[];
  /**
   * The image the final stage starts from, or null for `scratch` (see {@link CopyCaseOptions.base}).
   * Stage `s` always starts from `scratch`.
   */
  readonly base: string | null;
}

/**
 * What the COPY/ADD differential's base image (`oracle/copy-base`, built by `spec/oracle/base-images.ts`)
 * has where the generated destinations and WORKDIRs land, for the coverage tags of base-image cases
 * ({@link BASE_TAGS}); `spec/fs/copy/base-image.spec.ts` checks it against the image's recorded files.
 */
export const COPY_BASE_PATHS = {
  dirs: ["/dst", "/dst/sub", "/w", "/opt", "/opt/out", "/tmp"],
  files: ["/c.txt", "/dst/a", "/dst/sub/x", "/rel"],
  symlinks: { "/sub": "dst/sub", "/out": "/opt/out", "/a": "missing" },
} as const;

// ---------------------------------------------------------------------------------------------------------
// Alphabets

/** Path components: few, so paths collide; one with a dot, one that looks like a glob target. */
const NAMES = ["a", "b", "c.txt", "d.md", "sub", "x"] as const;
const NAME = fc.constantFrom(...NAMES);
/** File modes worth distinguishing (setuid/setgid/sticky included: the builders differ on them). */
const FILE_MODE = fc.constantFrom(0o644, 0o600, 0o755, 0o444, 0o4755, 0o2755, 0o1644, 0o000);
const DIR_MODE = fc.constantFrom(0o755, 0o700, 0o750, 0o1777, 0o2755, 0o555, 0o711);
const TEXT = fc.oneof(fc.constantFrom("", "A\n", "BB\n"), fc.string({ maxLength: 8 }));

/** A relative path of 1–3 components. */
const relPathArb: fc.Arbitrary<string> = fc.array(NAME, { minLength: 1, maxLength: 3 }).map((p) => p.join("/"));

/**
 * /etc/passwd and /etc/group of the context: the users and groups of `spec/fs/copy/cases.ts`, plus a group
 * `bob` (3000) that is not bob's primary group (1004), so `--chown=bob` succeeds in both builders with
 * different gids (BuildKit: the primary gid; classic: the group named like the user).
 */
export const PASSWD =
  "root:x:0:0:root:/root:/bin/sh\n" +
  "alice:x:1001:1002:Alice:/home/alice:/bin/sh\n" +
  "bob:x:1003:1004::/home/bob:/bin/sh\n" +
  "staff:x:1005:1005::/:/bin/sh\n";
export const GROUP = "root:x:0:\n" + "alicegrp:x:1002:\n" + "staff:x:2000:alice\n" + "devs:x:2001:bob\n" + "bob:x:3000:\n";

/** Archive names: honest ones (compression suggested by the extension) and misleading ones. */
const ARCHIVE_NAMES = ["t.tar", "t.tar.gz", "t.tgz", "u.tar.bz2", "u.tar.xz", "u.tar.zst", "v.txt", "noext", "sub/in.tar.gz", "fake.tar.gz"] as const;

/** The compression an archive name suggests (`none` for names that suggest none or no archive at all). */
export function impliedCompression(name: string): Compression {
  if (/\.(tar\.gz|tgz|gz)$/.test(name)) return "gzip";
  if (/\.bz2$/.test(name)) return "bzip2";
  if (/\.xz$/.test(name)) return "xz";
  if (/\.zst$/.test(name)) return "zstd";
  return "none";
}

/** Whether an archive name looks like a tar archive. */
const looksLikeArchive = (name: string): boolean => /\.(tar|tgz|tar\.\w+)$/.test(name);

// ---------------------------------------------------------------------------------------------------------
// Context

const valueArb: fc.Arbitrary<GenValue> = fc.oneof(
  { withCrossShrink: true },
  { weight: 5, arbitrary: TEXT },
  { weight: 3, arbitrary: fc.record({ content: TEXT, mode: FILE_MODE }) },
  { weight: 2, arbitrary: fc.record({ dir: fc.constant(true as const), mode: DIR_MODE }) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      relPathArb.map((t) => ({ symlink: t })),
      relPathArb.map((t) => ({ symlink: `/${t}` })),
      relPathArb.map((t) => ({ symlink: `../${t}` })),
      fc.constantFrom({ symlink: "missing" }, { symlink: "t.tar.gz" }, { symlink: "../../../outside" }, { symlink: "." }),
    ),
  },
);

const MEMBER_NAMES = ["m", "a", "dir", "dir/m", "dir/sub/n", "c.txt", "sub/x", "x"] as const;
const memberArb = fc.record({
  name: fc.oneof({ withCrossShrink: true }, { weight: 30, arbitrary: fc.constantFrom(...MEMBER_NAMES) }, { weight: 1, arbitrary: fc.constant("../up") }),
  type: fc.constantFrom("file", "dir", "file", "symlink", "hardlink"),
  content: TEXT,
  fileMode: FILE_MODE,
  dirMode: DIR_MODE,
  owner: fc.constantFrom([0, 0], [1000, 1000], [1234, 5678], [0, 2000]),
  names: fc.boolean(),
  target: fc.constantFrom("m", "a", "dir/m", "/etc/passwd", "../x", "c.txt"),
});

type RawMember = typeof memberArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * Valid tar members: distinct names, nothing under a non-directory member, hard links only to an
 * earlier file member (else the member becomes a file).
 */
function sanitizeMembers(raw: readonly RawMember[]): TarMember[] {
  const out: TarMember[] = [];
  const byName = new Map<string, TarMember>();
  for (const r of raw) {
    if (byName.has(r.name)) continue;
    const parts = r.name.split("/");
    let ok = true;
    for (let i = 1; i < parts.length && ok; i++) {
      const p = byName.get(parts.slice(0, i).join("/"));
      ok = p === undefined || p.type === "dir";
    }
    if (ok && [...byName.keys()].some((k) => k.startsWith(r.name + "/"))) ok = r.type === "dir";
    if (!ok) continue;
    const owner = { uid: r.owner[0]!, gid: r.owner[1]!, ...(r.names ? { uname: "tu", gname: "tg" } : {}) };
    let m: TarMember;
    if (r.type === "dir") m = { name: r.name, type: "dir", mode: r.dirMode, ...owner };
    else if (r.type === "symlink") m = { name: r.name, type: "symlink", target: r.target, mode: 0o777, ...owner };
    else if (r.type === "hardlink" && byName.get(r.target)?.type === "file") m = { name: r.name, type: "hardlink", target: r.target, mode: byName.get(r.target)!.mode, ...owner };
    else m = { name: r.name, type: "file", content: r.content, mode: r.fileMode, ...owner };
    out.push(m);
    byName.set(r.name, m);
  }
  return out;
}

const archiveArb: fc.Arbitrary<GenArchive> = fc.record({
  name: fc.constantFrom(...ARCHIVE_NAMES),
  members: fc.oneof({ withCrossShrink: true }, { weight: 6, arbitrary: fc.array(memberArb, { minLength: 1, maxLength: 5 }).map(sanitizeMembers) }, { weight: 1, arbitrary: fc.constant(null) }),
  raw: fc.constantFrom("plain text\n", "not a tar\n"),
  honest: fc.oneof({ withCrossShrink: true }, { weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  compress: fc.constantFrom<Compression>("gzip", "none", "bzip2", "xz", "zstd"),
  mode: fc.constantFrom(0o644, 0o600, 0o755),
});

/** `.dockerignore` lines: exclusions and `!` exceptions over the same alphabet. */
const IGNORE_LINES = [
  "a",
  "*.md",
  "sub",
  "sub/*",
  "!sub/x",
  "!sub/a",
  "**/x",
  "*.tar*",
  "!t.tar",
  "x",
  "Dockerfile",
  ".dockerignore",
  "c.txt",
  "*/b",
  "[ab]",
  "!a",
  "sub/**",
  "!sub/sub",
  "# comment",
] as const;

/** The actual compression of an archive. */
export function archiveCompression(a: GenArchive): Compression {
  const implied = impliedCompression(a.name);
  // An honest name without an implied compression (`v.txt`, `noext`) still gets one: that is the point of them.
  return a.honest && (implied !== "none" || looksLikeArchive(a.name)) ? implied : a.compress;
}

/** Whether an archive's name says something its content does not. */
export function isMisleading(a: GenArchive): boolean {
  const c = archiveCompression(a);
  if (a.members === null) return looksLikeArchive(a.name) || impliedCompression(a.name) !== "none";
  return c !== impliedCompression(a.name) || !looksLikeArchive(a.name);
}

/** The {@link ArchiveSpec} of an archive. */
export function archiveSpec(a: GenArchive): ArchiveSpec {
  const c = archiveCompression(a);
  const body = a.members === null ? { raw: a.raw } : { tar: a.members };
  return c === "none" ? body : { ...body, compress: c };
}

// ---------------------------------------------------------------------------------------------------------
// Dockerfile lines

/** Destinations: absolute, relative, trailing slash or not, `.`/`./`/`/`, deep new parents, likely existing. */
const DESTS = [
  "/dst/",
  "/dst",
  "/",
  ".",
  "./",
  "rel",
  "rel/",
  "/a",
  "/sub/",
  "/sub",
  "/c.txt",
  "/dst/a",
  "/dst/sub/",
  "/out/x/y/",
  "/out/x/y",
  "a/",
  "sub",
  "/w/",
  "/dst/../top/",
  "//dst//",
] as const;
const destArb = fc.constantFrom(...DESTS);

const NUMERIC_CHOWN = ["1000:1000", "1000", "0:2000", "1000:", ":1000", "-1:0"] as const;
const NAME_CHOWN = ["alice", "alice:staff", "bob", "staff", "root", "root:root", "nobody", "alice:nogroup", "1001:staff", "bob:1004", ":staff"] as const;
const chownArb: fc.Arbitrary<string | null> = fc.oneof(
    { withCrossShrink: true },
  { weight: 8, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMERIC_CHOWN) },
  { weight: 2, arbitrary: fc.constantFrom(...NAME_CHOWN) },
);
const OCTAL_CHMOD = ["0700", "600", "4755", "0755", "0444"] as const;
const SYMBOLIC_CHMOD = ["u+x", "go-rwx", "a+X", "u=rw,go=r", "g+s", "o-r,u+w"] as const;
const chmodArb = (allowed: boolean): fc.Arbitrary<string | null> =>
  allowed
    ? fc.oneof(
    { withCrossShrink: true },
        { weight: 6, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom(...OCTAL_CHMOD) },
        { weight: 1, arbitrary: fc.constantFrom(...SYMBOLIC_CHMOD) },
      )
    : fc.constant(null);

/** A heredoc source: delimiter quoting, `<<-`, and body lines with references, escapes, tabs and a CR. */
const heredocSourceArb: fc.Arbitrary<GenSource> = fc
  .tuple(
    fc.constantFrom("EOF", "h.txt", "c.txt", "T"),
    fc.constantFrom("", '"', "'"),
    fc.boolean(),
    fc.array(fc.constantFrom("hello", "", "v=$X ${X:-dflt} ${HOME}", "\\$X \\\\", "'q' \"$X\"", "\tin-tab", "crlf\r", " EOF"), { maxLength: 3 }),
  )
  .map(([name, quote, dash, body]) => ({ k: "heredoc" as const, word: `<<${dash ? "-" : ""}${quote}${name}${quote}`, name, dash, body }));

const WILDCARDS = ["*", "*.txt", "?", "s*", "sub/*", "[a-c]*", "*/x", "*.tar*", "[^a]*", "*.gz", "nomatch*"] as const;

/** A source; archives are drawn often (ADD of a non-archive and COPY of an archive are interesting too). */
const sourceArb: fc.Arbitrary<GenSource> =
  fc.oneof(
    { withCrossShrink: true },
    { weight: 8, arbitrary: fc.nat(63).map((i) => ({ k: "ctx" as const, i })) },
    { weight: 6, arbitrary: fc.nat(7).map((i) => ({ k: "archive" as const, i })) },
    { weight: 3, arbitrary: fc.constantFrom(...WILDCARDS).map((p) => ({ k: "lit" as const, p })) },
    { weight: 1, arbitrary: fc.constantFrom(".", "./", "missing", "sub/missing").map((p) => ({ k: "lit" as const, p })) },
    { weight: 2, arbitrary: heredocSourceArb },
    {
      weight: 1,
      arbitrary: fc.record({ k: fc.constant("prefixed" as const), prefix: fc.constantFrom("../" as const, "/" as const, "./" as const, "sub/../" as const), i: fc.nat(63) }),
    },
  );

const copyArb = (chmod: boolean): fc.Arbitrary<GenCopy> =>
  fc.record({
    kind: fc.constant("copy" as const),
    cmd: fc.constantFrom("COPY" as const, "ADD" as const),
    chown: chownArb,
    chmod: chmodArb(chmod),
    link: fc.oneof({ withCrossShrink: true }, { weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    exclude: fc.oneof({ withCrossShrink: true }, { weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom("*.md", "sub", "x") }),
    json: fc.oneof({ withCrossShrink: true }, { weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    sources: fc.oneof(
      { withCrossShrink: true },
      { weight: 3, arbitrary: fc.array(sourceArb, { minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.array(sourceArb, { minLength: 2, maxLength: 3 }) },
    ),
    dest: destArb,
    multiSlash: fc.oneof({ withCrossShrink: true }, { weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  });

const fromArb = (chmod: boolean): fc.Arbitrary<GenFrom> =>
  fc.record({
    kind: fc.constant("from" as const),
    ref: fc.constantFrom("s" as const, "0" as const),
    chown: chownArb,
    chmod: chmodArb(chmod),
    src: fc.oneof(
    { withCrossShrink: true },
      { weight: 5, arbitrary: fc.nat(15).map((i) => ({ k: "out" as const, i })) },
      { weight: 1, arbitrary: fc.constantFrom("/", "/dst/*", "/*", "/missing", "dst").map((p) => ({ k: "lit" as const, p })) },
    ),
    dest: destArb,
  });

const WORKDIRS = ["/w", "rel", "/", "sub/dir", "/dst", "/out/x"] as const;
const USERS = ["1000", "1000:1000", "alice", "bob:staff", "root", "ghost"] as const;
const stateArb: fc.Arbitrary<GenLine> = fc.oneof(
    { withCrossShrink: true },
  { weight: 3, arbitrary: fc.constantFrom(...WORKDIRS).map((path) => ({ kind: "workdir" as const, path })) },
  { weight: 1, arbitrary: fc.constantFrom(...USERS).map((user) => ({ kind: "user" as const, user })) },
);

const linesArb = (chmod: boolean, withFrom: boolean): fc.Arbitrary<GenLine[]> =>
  fc.array(
    fc.oneof(
      { weight: 6, arbitrary: copyArb(chmod) as fc.Arbitrary<GenLine> },
      { weight: 2, arbitrary: stateArb },
      ...(withFrom ? [{ weight: 2, arbitrary: fromArb(chmod) as fc.Arbitrary<GenLine> }] : []),
    ),
    { minLength: 1, maxLength: 5 },
  );

/** Options of {@link copyCaseArb}. */
export interface CopyCaseOptions {
  /** Most context entries (archives not counted; default 8). */
  readonly maxEntries?: number;
  /**
   * An image for the final stage's `FROM` instead of `scratch` (the differential uses `oracle/copy-base`,
   * whose files are {@link COPY_BASE_PATHS}): destinations and WORKDIRs then land on its existing
   * directories, files and symlinks, and `--chown` names resolve from its `/etc/passwd` and `/etc/group`
   * (the context's own copies come in only in ~1/4 of such cases).
   */
  readonly base?: string;
}

/**
 * Generated cases for `builder`: a context (1–`maxEntries` entries, up to 2 archives, `.dockerignore`
 * in ~1/3, passwd in ~2/3) and a Dockerfile of one stage, or (~1/3) two stages where the final one may
 * `COPY --from` the first. `--chmod` only for BuildKit.
 */
export function copyCaseArb(builder: GenBuilder, options: CopyCaseOptions = {}): fc.Arbitrary<CopyGenCase> {
  const chmod = builder === "buildkit";
  return fc.record({
    builder: fc.constant(builder),
    entries: fc.array(fc.tuple(relPathArb, valueArb), { minLength: 1, maxLength: options.maxEntries ?? 8 }),
    archives: fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(archiveArb, { minLength: 1, maxLength: 2 }) }),
    ignore: fc.oneof({ withCrossShrink: true }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...IGNORE_LINES), { minLength: 1, maxLength: 4 }) }),
    passwd: fc.oneof({ withCrossShrink: true }, { weight: options.base === undefined ? 1 : 3, arbitrary: fc.constant(false) }, { weight: options.base === undefined ? 2 : 1, arbitrary: fc.constant(true) }),
    stage: fc.oneof({ withCrossShrink: true }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: linesArb(chmod, false) }),
    lines: linesArb(chmod, true),
    base: fc.constant(options.base ?? null),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

/**
 * The context of a case, as `spec/fs/copy/cases.ts` values (archives still as specs), without the
 * Dockerfile: entries whose path lies under a non-directory are dropped, as are later duplicates.
 */
export function renderContext(g: CopyGenCase): Record<string, CaseContextValue> {
  const out: Record<string, CaseContextValue> = {};
  const isDir = (v: CaseContextValue | undefined): boolean => v === undefined || (typeof v === "object" && "dir" in v);
  const put = (p: string, v: CaseContextValue): void => {
    if (p in out || p === "Dockerfile" || p === ".dockerignore" || p === "etc" || p.startsWith("etc/")) return;
    const parts = p.split("/");
    for (let i = 1; i < parts.length; i++) if (!isDir(out[parts.slice(0, i).join("/")])) return;
    if (!isDir(v) && Object.keys(out).some((k) => k.startsWith(p + "/"))) return;
    out[p] = v;
  };
  if (g.passwd) {
    out["etc/passwd"] = PASSWD;
    out["etc/group"] = GROUP;
  }
  for (const a of g.archives) put(a.name, { archive: archiveSpec(a), mode: a.mode });
  for (const [p, v] of g.entries) put(p, v);
  if (g.ignore !== null) out[".dockerignore"] = g.ignore.join("\n") + "\n";
  return out;
}

/** Every path of a context (and its implied parent directories) plus `Dockerfile`, sorted. */
export function contextPaths(context: Readonly<Record<string, unknown>>): string[] {
  const out = new Set<string>(["Dockerfile"]);
  for (const p of Object.keys(context)) {
    const parts = p.split("/");
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join("/"));
  }
  return [...out].sort();
}

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

function cleanAbs(p: string): string {
  const out: string[] = [];
  for (const c of p.split("/")) {
    if (c === "" || c === ".") continue;
    if (c === "..") out.pop();
    else out.push(c);
  }
  return "/" + out.join("/");
}

/** Paths stage `s` probably writes (absolute destinations of its COPY lines, `/` last), for `--from` sources. */
export function stageOutputs(stage: readonly GenLine[]): string[] {
  const out: string[] = [];
  for (const l of stage) if (l.kind === "copy") out.push(cleanAbs(l.dest));
  return [...new Set([...out, "/"])];
}

function sourceWord(s: GenSource, paths: readonly string[], archives: readonly string[]): string {
  switch (s.k) {
    case "ctx":
      return pick(paths, s.i);
    case "archive":
      return archives.length > 0 ? pick(archives, s.i) : pick(paths, s.i);
    case "prefixed":
      return s.prefix + pick(paths, s.i);
    case "lit":
      return s.p;
    case "heredoc":
      return s.word;
  }
}

/** The body lines and terminator of each heredoc source, in order (tab-indented for `<<-`). */
function heredocBodies(sources: readonly GenSource[]): string {
  return sources.map((s) => (s.k !== "heredoc" ? "" : [...s.body, s.name].map((l) => `\n${s.dash ? "\t" : ""}${l}`).join(""))).join("");
}

function flags(l: { chown: string | null; chmod: string | null }): string {
  return (l.chown === null ? "" : ` --chown=${l.chown}`) + (l.chmod === null ? "" : ` --chmod=${l.chmod}`);
}

function renderLine(l: GenLine, paths: readonly string[], archives: readonly string[], outputs: readonly string[] | null): string | null {
  switch (l.kind) {
    case "workdir":
      return `WORKDIR ${l.path}`;
    case "user":
      return `USER ${l.user}`;
    case "from": {
      if (outputs === null) return null;
      const src = l.src.k === "out" ? pick(outputs, l.src.i) : l.src.p;
      return `COPY --from=${l.ref}${flags(l)} ${src} ${l.dest}`;
    }
    case "copy": {
      const dest = l.sources.length > 1 && l.multiSlash && !l.dest.endsWith("/") ? l.dest + "/" : l.dest;
      const json = l.json && !l.sources.some((s) => s.k === "heredoc");
      const words = [...l.sources.map((s) => sourceWord(s, paths, archives)), dest];
      const f = flags(l) + (l.link ? " --link" : "") + (l.exclude === null ? "" : ` --exclude=${l.exclude}`);
      return `${l.cmd}${f} ${json ? JSON.stringify(words).replace(/","/g, '", "') : words.join(" ")}${heredocBodies(l.sources)}`;
    }
  }
}

/** The Dockerfile of a case. */
export function renderDockerfile(g: CopyGenCase): string {
  const context = renderContext(g);
  const paths = contextPaths(context);
  const archives = g.archives.map((a) => a.name).filter((n) => n in context);
  const out: string[] = [];
  const outputs = g.stage === null ? null : stageOutputs(g.stage);
  const render = (lines: readonly GenLine[], outs: readonly string[] | null): void => {
    if (g.passwd) out.push("COPY etc/ /etc/");
    for (const l of lines) {
      const r = renderLine(l, paths, archives, outs);
      if (r !== null) out.push(r);
    }
  };
  if (g.stage !== null) {
    out.push("FROM scratch AS s");
    render(g.stage, null);
  }
  out.push(`FROM ${g.base ?? "scratch"}`);
  render(g.lines, outputs);
  return out.join("\n") + "\n";
}

/** A rendered case: the Dockerfile and the context (archives as specs, Dockerfile not included). */
export interface RenderedCopyCase {
  readonly builder: GenBuilder;
  readonly dockerfile: string;
  readonly context: Record<string, CaseContextValue>;
  /** What the case exercises (see {@link caseTags}). */
  readonly tags: readonly string[];
}

/** Renders a generated case. */
export function renderCase(g: CopyGenCase): RenderedCopyCase {
  return { builder: g.builder, dockerfile: renderDockerfile(g), context: renderContext(g), tags: caseTags(g) };
}

/** Every tag {@link caseTags} can give: the coverage categories of the generator. */
export const TAGS = [
  "dest-absolute",
  "dest-relative-no-workdir",
  "dest-relative-workdir",
  "dest-trailing-slash",
  "dest-dot",
  "dest-existing",
  "chown-numeric",
  "chown-name",
  "chown-name-passwd",
  "chmod-octal",
  "chmod-symbolic",
  "from-stage",
  "add-archive",
  "add-archive-none",
  "add-archive-gzip",
  "add-archive-bzip2",
  "add-archive-xz",
  "add-archive-zstd",
  "add-non-tar",
  "misleading-name",
  "wildcard",
  "multi-source",
  "symlink",
  "dockerignore",
  "dockerignore-exception",
  "workdir",
  "user",
  "link",
  "exclude",
  "json-form",
  "source-prefixed",
  "heredoc",
  "heredoc-chomp",
  "heredoc-quoted",
  "heredoc-with-path",
] as const;

/** Tags only cases on a base image ({@link CopyCaseOptions.base}) get: what they write over or into. */
export const BASE_TAGS = ["base-over-dir", "base-over-file", "base-through-symlink", "base-workdir-existing", "base-chown-name"] as const;
export type CopyTag = (typeof TAGS)[number] | (typeof BASE_TAGS)[number];

/** What a case exercises, from its rendered Dockerfile and context. */
export function caseTags(g: CopyGenCase): CopyTag[] {
  const tags = new Set<CopyTag>();
  const context = renderContext(g);
  const paths = contextPaths(context);
  const archives = g.archives.filter((a) => a.name in context);
  const archiveNames = archives.map((a) => a.name);
  const all: { lines: readonly GenLine[]; final: boolean }[] = [...(g.stage === null ? [] : [{ lines: g.stage, final: false }]), { lines: g.lines, final: true }];
  for (const { lines, final } of all) {
    let workdir = false;
    let wd = "/";
    const written: string[] = g.passwd ? ["/etc"] : [];
    for (const l of lines) {
      if (l.kind === "workdir") {
        tags.add("workdir");
        workdir = true;
        wd = cleanAbs(l.path.startsWith("/") ? l.path : `${wd}/${l.path}`);
        if (final && g.base !== null && baseKind(wd) !== null) tags.add("base-workdir-existing");
        written.push(wd);
        continue;
      }
      if (l.kind === "user") {
        tags.add("user");
        continue;
      }
      if (l.kind === "from" && (!final || g.stage === null)) continue;
      if (l.chown !== null) {
        if (/^-?\d*(:\d*)?$/.test(l.chown)) tags.add("chown-numeric");
        else tags.add(g.passwd ? "chown-name-passwd" : "chown-name");
        if (final && g.base !== null && !g.passwd && !/^-?\d*(:\d*)?$/.test(l.chown)) tags.add("base-chown-name");
      }
      if (l.chmod !== null) tags.add(/^\d+$/.test(l.chmod) ? "chmod-octal" : "chmod-symbolic");
      if (l.dest.startsWith("/")) tags.add("dest-absolute");
      else tags.add(workdir ? "dest-relative-workdir" : "dest-relative-no-workdir");
      if (l.dest.endsWith("/")) tags.add("dest-trailing-slash");
      if (l.dest === "." || l.dest === "./") tags.add("dest-dot");
      // An earlier line of the stage wrote at, above or under this destination: it (or a parent) exists.
      const abs = cleanAbs(l.dest.startsWith("/") ? l.dest : `${wd}/${l.dest}`);
      if (final && g.base !== null) {
        const k = baseKind(abs);
        if (k !== null) tags.add(k === "dir" ? "base-over-dir" : k === "file" ? "base-over-file" : "base-through-symlink");
      }
      if (written.some((w) => w === abs || (abs !== "/" && (w.startsWith(abs + "/") || abs.startsWith(w + "/"))))) tags.add("dest-existing");
      written.push(abs);
      if (l.kind === "from") {
        tags.add("from-stage");
        continue;
      }
      if (l.link) tags.add("link");
      if (l.exclude !== null) tags.add("exclude");
      if (l.json && !l.sources.some((s) => s.k === "heredoc")) tags.add("json-form");
      for (const s of l.sources) {
        if (s.k !== "heredoc") continue;
        tags.add("heredoc");
        if (s.dash) tags.add("heredoc-chomp");
        if (/["']/.test(s.word)) tags.add("heredoc-quoted");
        if (l.sources.some((o) => o.k !== "heredoc")) tags.add("heredoc-with-path");
      }
      if (l.sources.length > 1) tags.add("multi-source");
      for (const s of l.sources) {
        const word = sourceWord(s, paths, archiveNames);
        if (s.k === "lit" && /[*?[]/.test(s.p)) tags.add("wildcard");
        if (s.k === "prefixed") tags.add("source-prefixed");
        const v = context[word.replace(/^(\.\.\/|\/|\.\/|sub\/\.\.\/)/, "")];
        if (v !== undefined && typeof v === "object" && "symlink" in v) tags.add("symlink");
        const a = archives.find((x) => x.name === word);
        if (a !== undefined && l.cmd === "ADD") {
          if (a.members === null) tags.add("add-non-tar");
          else {
            tags.add("add-archive");
            tags.add(`add-archive-${archiveCompression(a)}`);
          }
          if (isMisleading(a)) tags.add("misleading-name");
        }
      }
    }
  }
  if (Object.values(context).some((v) => typeof v === "object" && "symlink" in v) && all.some(({ lines }) => lines.some((l) => l.kind === "copy"))) tags.add("symlink");
  if (g.ignore !== null) {
    tags.add("dockerignore");
    if (g.ignore.some((p) => p.startsWith("!"))) tags.add("dockerignore-exception");
  }
  return [...TAGS, ...BASE_TAGS].filter((t) => tags.has(t));
}

/** What `oracle/copy-base` has at a path or on its way (a symlink first), or null for nothing. */
function baseKind(abs: string): "dir" | "file" | "symlink" | null {
  const parts = abs.split("/").filter((c) => c !== "");
  for (let i = 1; i <= parts.length; i++) {
    const p = "/" + parts.slice(0, i).join("/");
    if (p in COPY_BASE_PATHS.symlinks) return "symlink";
    if (i === parts.length) {
      if ((COPY_BASE_PATHS.dirs as readonly string[]).includes(p)) return "dir";
      if ((COPY_BASE_PATHS.files as readonly string[]).includes(p)) return "file";
    }
  }
  return null;
}
