/**
 * The COPY/ADD case table recorded by `record.ts` into `spec/fixtures/engine-28.5/copy-add.json`.
 *
 * Every case builds its Dockerfile (written as `Dockerfile` at the context root, so it is part of the
 * context: `COPY . …` copies it too) with BuildKit and with the classic builder, then lists the exported
 * entries at and under `paths`. Cases use `FROM scratch` unless a note says otherwise, so every file of the
 * result comes from the Dockerfile and the context.
 *
 * Context values: a string (UTF-8 file, 0644), `{content, mode}`, `{base64, mode?}`, `{symlink}`,
 * `{dir: true, mode?}`; unlisted parents are 0755 directories. `{archive}` values are made by `record.ts`
 * (see `archives.ts`) and stored in the fixture as `{base64, mode?}`.
 *
 * @module
 */
import type { KnownDivergenceId } from "../../../src/core/diagnostic.js";
import type { ArchiveSpec, TarMember } from "./archives.js";
import type { FixtureContextValue } from "./harness.js";

/** A context value of a case: a fixture value or an archive made at record time. */
export type CaseContextValue = FixtureContextValue | { readonly archive: ArchiveSpec; readonly mode?: number };

/** One recorded case. */
export interface CopyCase {
  /** Stable id, `<area>-<what>`. */
  readonly id: string;
  readonly title: string;
  readonly dockerfile: string;
  readonly context: Readonly<Record<string, CaseContextValue>>;
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** Absolute paths whose exported entries (the path itself and everything under it) are recorded. */
  readonly paths: readonly string[];
  /** Anything the comparison must know (e.g. a busybox base whose files and RUN are opaque). */
  readonly note?: string;
  /**
   * A rule the simulator knowingly does not follow for this case (listed under "Known divergences"
   * in docs/semantics/copy-add.md): the builder it diverges with, and which divergence it is. `simulator.spec.ts`
   * checks that the case still diverges with that builder (so a fix is noticed) and that the
   * simulator warns (`simulator/known-divergence` with that `divergence` id) there.
   */
  readonly knownDivergence?: { readonly builder: "buildkit" | "legacy" | "both"; readonly divergence: KnownDivergenceId };
}

// ---------------------------------------------------------------------------------------------------------
// Shared contexts

const BASIC = {
  "a.txt": "A\n",
  "b.txt": "BB\n",
  "c.txt": "CCC\n",
  "d.md": "# D\n",
  "sub/x.txt": "X\n",
  "sub/deep/y.txt": "Y\n",
  "sub/deep/z.md": "Z\n",
} as const satisfies Record<string, CaseContextValue>;

const PASSWD =
  "root:x:0:0:root:/root:/bin/sh\n" +
  "alice:x:1001:1002:Alice:/home/alice:/bin/sh\n" +
  "bob:x:1003:1004::/home/bob:/bin/sh\n" +
  "staff:x:1005:1005::/:/bin/sh\n";
const GROUP = "root:x:0:\n" + "alicegrp:x:1002:\n" + "staff:x:2000:alice\n" + "devs:x:2001:bob\n";

/** /etc/passwd and /etc/group in the context (`COPY etc/ /etc/`): alice 1001:1002, bob 1003:1004 (no group 1004), user staff 1005:1005; groups alicegrp 1002, staff 2000, devs 2001. */
const ETC = { "etc/passwd": PASSWD, "etc/group": GROUP } as const;

const MODES = {
  "m/f600": { content: "600\n", mode: 0o600 },
  "m/f755": { content: "755\n", mode: 0o755 },
  "m/f444": { content: "444\n", mode: 0o444 },
  "m/f4755": { content: "suid\n", mode: 0o4755 },
  "m/f2755": { content: "sgid\n", mode: 0o2755 },
  "m/f1644": { content: "sticky file\n", mode: 0o1644 },
  "m/f000": { content: "none\n", mode: 0o000 },
  "m/d700": { dir: true, mode: 0o700 },
  "m/d700/in.txt": "in\n",
  "m/d1777": { dir: true, mode: 0o1777 },
  "m/d1777/t.txt": "t\n",
  "m/d2750": { dir: true, mode: 0o2750 },
  "m/d2750/g.txt": "g\n",
  "m/d555": { dir: true, mode: 0o555 },
  "m/d555/r.txt": "r\n",
  "m/empty": { dir: true, mode: 0o711 },
} as const satisfies Record<string, CaseContextValue>;

const LINKS = {
  "a.txt": "A\n",
  "sub/x.txt": "X\n",
  "sub/rel-link": { symlink: "x.txt" },
  "sub/up-link": { symlink: "../a.txt" },
  "sub/abs-link": { symlink: "/a.txt" },
  "sub/dangling": { symlink: "nowhere" },
  "sub/out-link": { symlink: "../../../../etc/hostname" },
  "sub/dir-link": { symlink: "../real" },
  "real/r.txt": "R\n",
  "real/inner/i.txt": "I\n",
  "file-link": { symlink: "a.txt" },
  "dir-link": { symlink: "real" },
  "abs-file-link": { symlink: "/a.txt" },
  "abs-dir-link": { symlink: "/real" },
  "dangling": { symlink: "missing-target" },
  "outside-link": { symlink: "../../../../../etc/hostname" },
  "chain-link": { symlink: "file-link" },
} as const satisfies Record<string, CaseContextValue>;

const TREE_TAR: readonly TarMember[] = [
  { name: "t/", type: "dir", mode: 0o750, uid: 1234, gid: 5678, uname: "tu", gname: "tg" },
  { name: "t/f.txt", type: "file", content: "tar file\n", mode: 0o640, uid: 1234, gid: 5678, uname: "tu", gname: "tg" },
  { name: "t/exec.sh", type: "file", content: "#!/bin/sh\n", mode: 0o4755, uid: 0, gid: 0 },
  { name: "t/sub/", type: "dir", mode: 0o1777, uid: 42, gid: 43 },
  { name: "t/sub/g.txt", type: "file", content: "g\n", mode: 0o600, uid: 65534, gid: 65534 },
  { name: "top.txt", type: "file", content: "top\n", mode: 0o444, uid: 7, gid: 8 },
];

const LINK_TAR: readonly TarMember[] = [
  { name: "l/", type: "dir", mode: 0o755 },
  { name: "l/orig.txt", type: "file", content: "orig\n", mode: 0o644, uid: 5, gid: 6 },
  { name: "l/sym", type: "symlink", target: "orig.txt", mode: 0o777, uid: 5, gid: 6 },
  { name: "l/abs-sym", type: "symlink", target: "/etc/passwd", mode: 0o777 },
  { name: "l/hard", type: "hardlink", target: "l/orig.txt", mode: 0o644, uid: 5, gid: 6 },
];

/** A tar with no directory entries: parents are implied. */
const NODIR_TAR: readonly TarMember[] = [
  { name: "p/q/r.txt", type: "file", content: "r\n", mode: 0o600, uid: 3, gid: 4 },
  { name: "s.txt", type: "file", content: "s\n", mode: 0o644, uid: 3, gid: 4 },
];

const tarOf = (tar: readonly TarMember[], compress?: ArchiveSpec["compress"]): CaseContextValue => ({
  archive: compress === undefined ? { tar } : { tar, compress },
});

const PASSWD_NOTE =
  "FROM oracle/passwd:latest (harness base image: busybox + /etc/passwd with root and app 1000:1001, /etc/group with root and grp 2000); RUN is opaque to the simulator.";

const BUSYBOX_NOTE = "FROM oracle/busybox:latest (harness base image); the base's files and any RUN are opaque to the simulator.";

// ---------------------------------------------------------------------------------------------------------

const cases: CopyCase[] = [];

function add(id: string, title: string, dockerfile: string, context: Record<string, CaseContextValue>, paths: string[], extra: Partial<Pick<CopyCase, "buildArgs" | "note" | "knownDivergence">> = {}): void {
  cases.push({ id, title, dockerfile, context, paths, ...extra });
}

// --- destinations ----------------------------------------------------------------------------------------

add("dest-abs-file-rename", "COPY a file to an absolute path in a new directory (rename)", "FROM scratch\nCOPY a.txt /dst/x.txt\n", BASIC, ["/dst"]);
add("dest-abs-trailing-slash", "COPY a file to a new directory given with a trailing slash", "FROM scratch\nCOPY a.txt /dst/\n", BASIC, ["/dst"]);
add("dest-abs-no-slash-new", "COPY a file to a new path without trailing slash: the path becomes the file", "FROM scratch\nCOPY a.txt /dst\n", BASIC, ["/dst"]);
add("dest-existing-dir-no-slash", "COPY a file to an existing directory without trailing slash: copied into it", "FROM scratch\nCOPY sub /dst/\nCOPY a.txt /dst\n", BASIC, ["/dst"]);
add("dest-existing-file-overwrite", "COPY over an existing file", "FROM scratch\nCOPY a.txt /dst\nCOPY b.txt /dst\n", BASIC, ["/dst"]);
add("dest-existing-file-trailing-slash", "COPY to an existing file's path with a trailing slash", "FROM scratch\nCOPY a.txt /dst\nCOPY b.txt /dst/\n", BASIC, ["/dst"]);
add("dest-existing-file-dir-source", "COPY a directory onto an existing file", "FROM scratch\nCOPY a.txt /dst\nCOPY sub /dst\n", BASIC, ["/dst"]);
add("dest-file-under-file", "COPY to a path under an existing file", "FROM scratch\nCOPY a.txt /dst\nCOPY b.txt /dst/x\n", BASIC, ["/dst"]);
add("dest-dir-onto-file-name", "COPY a file whose destination name is an existing directory (no trailing slash)", "FROM scratch\nCOPY sub /dst/\nCOPY a.txt /dst/deep\n", BASIC, ["/dst"]);
add("dest-relative-no-workdir", "Relative destination without WORKDIR resolves against /", "FROM scratch\nCOPY a.txt rel/x.txt\n", BASIC, ["/rel"]);
add("dest-relative-no-workdir-slash", "Relative destination directory without WORKDIR", "FROM scratch\nCOPY a.txt rel/\n", BASIC, ["/rel"]);
add("dest-relative-workdir", "Relative destination directory under WORKDIR", "FROM scratch\nWORKDIR /w\nCOPY a.txt rel/\n", BASIC, ["/w"]);
add("dest-relative-workdir-file", "Relative destination file name under WORKDIR", "FROM scratch\nWORKDIR /w\nCOPY a.txt renamed\n", BASIC, ["/w"]);
add("dest-dot-workdir", "COPY to . under WORKDIR", "FROM scratch\nWORKDIR /w\nCOPY a.txt .\n", BASIC, ["/w"]);
add("dest-dot-no-workdir", "COPY to . without WORKDIR (the root)", "FROM scratch\nCOPY a.txt .\n", BASIC, ["/a.txt"]);
add("dest-dotslash-workdir", "COPY to ./ under WORKDIR", "FROM scratch\nWORKDIR /w\nCOPY a.txt ./\n", BASIC, ["/w"]);
add("dest-dot-workdir-dir-source", "COPY a directory to . under a WORKDIR", "FROM scratch\nWORKDIR /w\nCOPY sub .\n", BASIC, ["/w"]);
add("dest-workdir-relative-chain", "Relative WORKDIR after an absolute one, then COPY to .", "FROM scratch\nWORKDIR /w\nWORKDIR x/y\nCOPY a.txt .\n", BASIC, ["/w"]);
add("dest-dotdot", "Destination with .. relative to WORKDIR", "FROM scratch\nWORKDIR /w/x\nCOPY a.txt ../up/\n", BASIC, ["/w"]);
add("dest-abs-dotdot", "Absolute destination with .. components", "FROM scratch\nCOPY a.txt /dst/../other/./\n", BASIC, ["/dst", "/other"]);
add("dest-dotdot-above-root", "Destination climbing above /", "FROM scratch\nCOPY a.txt /../../top/\n", BASIC, ["/top"]);
add("dest-double-slash", "Destination with repeated slashes", "FROM scratch\nCOPY a.txt //dst//x.txt\n", BASIC, ["/dst"]);
add("dest-env-var", "Destination from ENV and ARG", "FROM scratch\nENV D=/envdst\nARG N=file.txt\nCOPY a.txt $D/${N}\n", BASIC, ["/envdst"]);
add("dest-workdir-env", "WORKDIR from ENV, then relative COPY", "FROM scratch\nENV W=/ew\nWORKDIR $W\nCOPY a.txt sub/\n", BASIC, ["/ew"]);
add("dest-json-spaces", "JSON form with spaces in source and destination", 'FROM scratch\nCOPY ["with space.txt", "/dst dir/"]\n', { "with space.txt": "space\n" }, ["/dst dir"]);
add("dest-root", "COPY a directory's contents to /", "FROM scratch\nCOPY sub /\n", BASIC, ["/x.txt", "/deep"]);
add("dest-through-symlink", "COPY to a destination whose parent is a symlink created by an earlier COPY", "FROM scratch\nCOPY real /real/\nCOPY dir-link /lnk\nCOPY a.txt /lnk/\n", { "a.txt": "A\n", "real/r.txt": "R\n", "dir-link": { symlink: "real" } }, ["/real", "/lnk"], { note: "COPY dir-link /lnk copies the link's target directory (contents) to /lnk: see src-symlink-dir." });
add("dest-symlink-in-image", "COPY into a path through an absolute symlink in the image (symlink copied from a directory)", "FROM scratch\nCOPY tree/ /\nCOPY a.txt /alias/\n", { "a.txt": "A\n", "tree/target/keep.txt": "k\n", "tree/alias": { symlink: "/target" } }, ["/alias", "/target"]);
add("dest-symlink-file-overwrite", "COPY a file onto an existing symlink path", "FROM scratch\nCOPY tree/ /\nCOPY b.txt /flink\n", { "b.txt": "BB\n", "tree/real.txt": "real\n", "tree/flink": { symlink: "real.txt" } }, ["/flink", "/real.txt"]);

// --- multiple sources --------------------------------------------------------------------------------------

add("multi-to-new-no-slash", "Two files to a new path without trailing slash", "FROM scratch\nCOPY a.txt b.txt /dst\n", BASIC, ["/dst"]);
add("multi-to-existing-dir-no-slash", "Two files to an existing directory without trailing slash", "FROM scratch\nCOPY sub /dst/\nCOPY a.txt b.txt /dst\n", BASIC, ["/dst"]);
add("multi-to-slash", "Two files to a directory with trailing slash", "FROM scratch\nCOPY a.txt b.txt /dst/\n", BASIC, ["/dst"]);
add("multi-to-dot-workdir", "Two files to . under WORKDIR", "FROM scratch\nWORKDIR /w\nCOPY a.txt b.txt .\n", BASIC, ["/w"]);
add("multi-to-dot-no-workdir", "Two files to . without WORKDIR", "FROM scratch\nCOPY a.txt b.txt .\n", BASIC, ["/a.txt", "/b.txt"]);
add("multi-wildcard-two-no-slash", "Wildcard matching two files to a path without trailing slash", "FROM scratch\nCOPY [ab].txt /dst\n", BASIC, ["/dst"]);
add("multi-wildcard-one-no-slash", "Wildcard matching one file to a path without trailing slash", "FROM scratch\nCOPY a*.txt /dst\n", BASIC, ["/dst"]);
add("multi-wildcard-one-dir-no-slash", "Wildcard matching one directory to a path without trailing slash", "FROM scratch\nCOPY su* /dst\n", BASIC, ["/dst"]);
add("multi-file-and-dir", "A file and a directory to a directory: directory contents merge", "FROM scratch\nCOPY a.txt sub /dst/\n", BASIC, ["/dst"]);
add("multi-same-name", "Two sources with the same base name: the later wins", "FROM scratch\nCOPY x.txt sub/x.txt /dst/\n", { "x.txt": "top-level\n", "sub/x.txt": "nested\n" }, ["/dst"]);
add("multi-two-dirs-merge", "Two directories merged into one destination", "FROM scratch\nCOPY d1 d2 /dst/\n", { "d1/a": "1a\n", "d1/same": "from d1\n", "d1/s/x": "1x\n", "d2/b": "2b\n", "d2/same": "from d2\n", "d2/s/y": "2y\n" }, ["/dst"]);
add("multi-missing-one", "Two sources, one missing", "FROM scratch\nCOPY a.txt missing.txt /dst/\n", BASIC, ["/dst"]);

// --- sources ------------------------------------------------------------------------------------------------

add("src-dir-contents", "A directory source copies its contents, not the directory", "FROM scratch\nCOPY sub /dst/\n", BASIC, ["/dst"]);
add("src-dir-no-slash-new", "A directory to a new path without trailing slash", "FROM scratch\nCOPY sub /dst\n", BASIC, ["/dst"]);
add("src-dir-trailing-slash", "A directory source written with a trailing slash", "FROM scratch\nCOPY sub/ /dst\n", BASIC, ["/dst"]);
add("src-nested-dir", "A nested directory source", "FROM scratch\nCOPY sub/deep /dst/\n", BASIC, ["/dst"]);
add("src-dot", "COPY . copies the whole context (the Dockerfile included)", "FROM scratch\nCOPY . /dst/\n", BASIC, ["/dst"]);
add("src-dotslash", "COPY ./ copies the whole context", "FROM scratch\nCOPY ./ /dst\n", BASIC, ["/dst"]);
add("src-dotslash-file", "Source with ./ prefix", "FROM scratch\nCOPY ./sub/./x.txt /dst/\n", BASIC, ["/dst"]);
add("src-empty-dir", "An empty directory source creates only the destination", "FROM scratch\nCOPY empty /dst/\n", { "empty": { dir: true, mode: 0o700 } }, ["/dst"]);
add("src-empty-dir-no-slash", "An empty directory source to a new path without slash", "FROM scratch\nCOPY empty /dst\n", { "empty": { dir: true, mode: 0o700 } }, ["/dst"]);
add("src-missing", "A missing source", "FROM scratch\nCOPY missing.txt /dst/\n", BASIC, ["/dst"]);
add("src-missing-dir-path", "A source path under a file", "FROM scratch\nCOPY a.txt/x /dst/\n", BASIC, ["/dst"]);
add("src-parent-outside", "A ../ source leaving the context", "FROM scratch\nCOPY ../outside.txt /dst/\n", BASIC, ["/dst"]);
add("src-parent-resolves-inside", "A ../ source that names a context file once cleaned from the root", "FROM scratch\nCOPY ../a.txt /dst/\n", BASIC, ["/dst"]);
add("src-parent-inside", "sub/../a.txt stays inside the context", "FROM scratch\nCOPY sub/../a.txt /dst/\n", BASIC, ["/dst"]);
add("src-absolute", "An absolute source is relative to the context root", "FROM scratch\nCOPY /a.txt /sub /dst/\n", BASIC, ["/dst"]);
add("src-root-slash", "COPY / copies the whole context", "FROM scratch\nCOPY / /dst/\n", { "a.txt": "A\n" }, ["/dst"]);

// --- wildcards --------------------------------------------------------------------------------------------

add("glob-star", "Wildcard *", "FROM scratch\nCOPY *.txt /dst/\n", BASIC, ["/dst"]);
add("glob-question", "Wildcard ?", "FROM scratch\nCOPY ?.txt /dst/\n", { ...BASIC, "ab.txt": "ab\n" }, ["/dst"]);
add("glob-class", "Character class [a-b]", "FROM scratch\nCOPY [a-b].txt /dst/\n", BASIC, ["/dst"]);
add("glob-negated-class", "Negated class [^a]", "FROM scratch\nCOPY [^a].txt /dst/\n", BASIC, ["/dst"]);
add("glob-dir-star", "dir/* copies each match; a matched directory's contents are copied (not the directory)", "FROM scratch\nCOPY sub/* /dst/\n", BASIC, ["/dst"]);
add("glob-star-slash-name", "*/x.txt matches inside subdirectories", "FROM scratch\nCOPY */x.txt /dst/\n", { ...BASIC, "other/x.txt": "other x\n" }, ["/dst"]);
add("glob-star-matches-dirs", "* at the root matches files and directories", "FROM scratch\nCOPY s* /dst/\n", { "sa.txt": "sa\n", "sub/x.txt": "X\n", "sub/deep/y.txt": "Y\n", "sd": { dir: true } }, ["/dst"]);
add("glob-no-match", "A wildcard that matches nothing", "FROM scratch\nCOPY *.nope /dst/\n", BASIC, ["/dst"]);
add("glob-no-match-with-other", "A wildcard that matches nothing next to a real source", "FROM scratch\nCOPY a.txt *.nope /dst/\n", BASIC, ["/dst"]);
add("glob-invalid-pattern", "An invalid pattern (unclosed [)", "FROM scratch\nCOPY a[.txt /dst/\n", { ...BASIC, "a[.txt": "bracket\n" }, ["/dst"]);
add("glob-escaped", "A backslash-escaped wildcard character", "FROM scratch\nCOPY a\\*.txt /dst/\n", { ...BASIC, "a*.txt": "literal star\n" }, ["/dst"]);
add("glob-literal-star-name", "A file literally named with * matched by itself", "FROM scratch\nCOPY [\"star*\", \"/dst/\"]\n", { "star*": "literal\n", "starry": "other\n" }, ["/dst"]);
add("glob-dockerignored-match", "A wildcard whose matches are partly excluded by .dockerignore", "FROM scratch\nCOPY *.txt /dst/\n", { ...BASIC, ".dockerignore": "b.txt\n" }, ["/dst"]);
add("glob-dir-with-dir-star", "sub/deep/* to a directory", "FROM scratch\nCOPY sub/deep/* /dst/\n", BASIC, ["/dst"]);

// --- symlinks in the context --------------------------------------------------------------------------------

add("link-file-named", "A symlink to a file named as the source: followed", "FROM scratch\nCOPY file-link /dst/\n", LINKS, ["/dst"]);
add("link-chain-named", "A chain of symlinks named as the source", "FROM scratch\nCOPY chain-link /dst/\n", LINKS, ["/dst"]);
add("link-dir-named", "A symlink to a directory named as the source", "FROM scratch\nCOPY dir-link /dst/\n", LINKS, ["/dst"]);
add("link-abs-file-named", "An absolute symlink (/a.txt) named as the source", "FROM scratch\nCOPY abs-file-link /dst/\n", LINKS, ["/dst"]);
add("link-abs-dir-named", "An absolute symlink to a directory (/real) named as the source", "FROM scratch\nCOPY abs-dir-link /dst/\n", LINKS, ["/dst"]);
add("link-dangling-named", "A dangling symlink named as the source", "FROM scratch\nCOPY dangling /dst/\n", LINKS, ["/dst"]);
add("link-outside-named", "A symlink pointing outside the context named as the source", "FROM scratch\nCOPY outside-link /dst/\n", LINKS, ["/dst"]);
add("link-inside-dir", "Symlinks inside a copied directory are copied as symlinks", "FROM scratch\nCOPY sub /dst/\n", LINKS, ["/dst"]);
add("link-through-dir-link", "A source path through a symlinked directory", "FROM scratch\nCOPY dir-link/r.txt /dst/\n", LINKS, ["/dst"]);
add("link-wildcard", "A wildcard matching symlinks", "FROM scratch\nCOPY *-link /dst/\n", { "a.txt": "A\n", "real/r.txt": "R\n", "file-link": { symlink: "a.txt" }, "dir-link": { symlink: "real" } }, ["/dst"]);
add("link-dot", "COPY . with symlinks in the context", "FROM scratch\nCOPY . /dst/\n", LINKS, ["/dst"]);
add("link-rename-dest", "A symlinked file copied to a new file name", "FROM scratch\nCOPY file-link /dst/renamed\n", LINKS, ["/dst"]);

// --- .dockerignore --------------------------------------------------------------------------------------------

add("ign-dot-excludes", ".dockerignore excludes from COPY .", "FROM scratch\nCOPY . /dst/\n", { ...BASIC, ".dockerignore": "*.md\nsub/deep\n" }, ["/dst"]);
add("ign-named-source", "A source excluded by .dockerignore", "FROM scratch\nCOPY d.md /dst/\n", { ...BASIC, ".dockerignore": "*.md\n" }, ["/dst"]);
add("ign-exception", "An exception (!) re-includes a file under an excluded directory", "FROM scratch\nCOPY sub /dst/\n", { ...BASIC, ".dockerignore": "sub\n!sub/deep/y.txt\n" }, ["/dst"]);
add("ign-exception-dot", "COPY . with an excluded directory and an exception inside it", "FROM scratch\nCOPY . /dst/\n", { ...BASIC, "sub/deep": { dir: true, mode: 0o700 }, ".dockerignore": "sub\n!sub/deep/y.txt\nDockerfile\n.dockerignore\n" }, ["/dst"]);
add("ign-dockerfile-self", ".dockerignore listing the Dockerfile and itself", "FROM scratch\nCOPY . /dst/\n", { "a.txt": "A\n", ".dockerignore": "Dockerfile\n.dockerignore\n" }, ["/dst"]);

// --- modes ----------------------------------------------------------------------------------------------------

add("mode-context-modes", "Context modes (0600, 0755, 0444, setuid, setgid, sticky, 0000; 0700/1777/2750/0555/0711 dirs) are preserved", "FROM scratch\nCOPY m /dst/\n", MODES, ["/dst"]);
add("mode-context-file-0600", "A 0600 file named as the source", "FROM scratch\nCOPY m/f600 m/f4755 /dst/\n", MODES, ["/dst"]);
add("mode-dir-source-mode", "The mode of a copied directory source's destination dir when it is created", "FROM scratch\nCOPY m/d700 /dst\n", MODES, ["/dst"]);
add("mode-dir-source-mode-slash", "The mode of a created destination dir (with slash) for a 0700 source dir", "FROM scratch\nCOPY m/d700 /dst/\n", MODES, ["/dst"]);
add("mode-dir-existing-dest", "Copying a 0700 directory into an existing 0755 directory", "FROM scratch\nCOPY sub /dst/\nCOPY m/d700 /dst/\n", { ...MODES, "sub/x.txt": "X\n" }, ["/dst"]);
add("mode-dot-root-mode", "COPY . to a new directory: the destination gets the context root's mode", "FROM scratch\nCOPY . /dst\n", { "a.txt": "A\n" }, ["/dst"]);
add("mode-deep-parents", "Deep destination: created parents' modes and owners", "FROM scratch\nCOPY a.txt /a/b/c/\n", BASIC, ["/a"]);
add("mode-deep-parents-file", "Deep destination file name: created parents", "FROM scratch\nCOPY a.txt /a/b/c/file\n", BASIC, ["/a"]);
add("mode-deep-parents-dir-source", "Deep destination for a 0700 directory source", "FROM scratch\nCOPY m/d700 /a/b/c\n", MODES, ["/a"]);
add("mode-deep-parents-chown", "Deep destination with --chown: parents' owners", "FROM scratch\nCOPY --chown=1000:1000 a.txt /a/b/c/\n", BASIC, ["/a"]);
add("mode-deep-parents-chmod", "Deep destination with --chmod: parents' modes", "FROM scratch\nCOPY --chmod=0700 a.txt /a/b/c/\n", BASIC, ["/a"]);
add("mode-deep-parents-partial", "Deep destination where /a exists (owned 1000) and b/c are created", "FROM scratch\nCOPY --chown=1000:1000 a.txt /a/\nCOPY --chown=2000:2000 b.txt /a/b/c/\n", BASIC, ["/a"]);
add("mode-restrictive-parent-existing", "Copying under an existing 0700 directory", "FROM scratch\nCOPY m/d700 /p/d700/\nCOPY a.txt /p/d700/new/\n", { ...MODES, "a.txt": "A\n" }, ["/p"]);

// --- --chown ------------------------------------------------------------------------------------------------

add("chown-numeric", "--chown=1000:1000 on a file", "FROM scratch\nCOPY --chown=1000:1000 a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-uid-only", "--chown=1000 (uid only) on a file", "FROM scratch\nCOPY --chown=1000 a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-uid-colon", "--chown=1000: (empty group)", "FROM scratch\nCOPY --chown=1000: a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-colon-gid", "--chown=:1000 (empty user)", "FROM scratch\nCOPY --chown=:1000 a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-dir", "--chown on a directory source: the created destination dir and the contents", "FROM scratch\nCOPY --chown=1000:2000 sub /dst/\n", BASIC, ["/dst"]);
add("chown-dir-no-slash", "--chown on a directory source to a new path without slash", "FROM scratch\nCOPY --chown=1000:2000 sub /dst\n", BASIC, ["/dst"]);
add("chown-existing-dir", "--chown copying into an existing directory: is the directory re-owned?", "FROM scratch\nCOPY sub /dst/\nCOPY --chown=7:7 a.txt /dst/\nCOPY --chown=8:8 sub /dst/\n", BASIC, ["/dst"]);
add("chown-names", "--chown=alice:staff with /etc/passwd and /etc/group copied earlier", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=alice:staff a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-name-only", "--chown=alice (user name only): group from passwd or from a group named alice?", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=alice a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-name-only-group-named", "--chown=staff where a user and a group are both named staff", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=staff a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-name-only-no-primary-group", "--chown=bob (primary gid 1004 has no group entry)", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=bob a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-name-numeric-group", "--chown=alice:2001 (name and numeric group)", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=alice:2001 a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-numeric-name-group", "--chown=1003:devs (numeric user and group name)", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=1003:devs a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-missing-user", "--chown with a user missing from /etc/passwd", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=nobody:staff a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-missing-group", "--chown with a group missing from /etc/group", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=alice:nogroup a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-no-passwd", "--chown=alice with no /etc/passwd in the image", "FROM scratch\nCOPY --chown=alice a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-no-group-file", "--chown=alice:staff with /etc/passwd but no /etc/group", "FROM scratch\nCOPY etc/passwd /etc/passwd\nCOPY --chown=alice:staff a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-numeric-no-passwd", "--chown=1000:1000 needs no /etc/passwd", "FROM scratch\nCOPY --chown=1000:1000 a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-passwd-in-context-only", "--chown=alice where the passwd file exists in the context but not in the image", "FROM scratch\nCOPY --chown=alice etc/passwd /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-passwd-other-stage", "--chown=alice in a stage whose /etc/passwd is only in another stage", "FROM scratch AS users\nCOPY etc/ /etc/\nFROM scratch\nCOPY --chown=alice a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-arg", "--chown from an ARG", "FROM scratch\nARG OWNER=1234:5678\nCOPY --chown=$OWNER a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-arg-override", "--chown from an ARG overridden by --build-arg", "FROM scratch\nARG OWNER=1234:5678\nCOPY --chown=${OWNER} a.txt /dst/\n", BASIC, ["/dst"], { buildArgs: { OWNER: "42:43" } });
add("chown-large-ids", "--chown with large numeric ids", "FROM scratch\nCOPY --chown=4294967294:65536 a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-negative", "--chown with a negative id", "FROM scratch\nCOPY --chown=-1:0 a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-keeps-mode", "--chown keeps the source modes (setuid included)", "FROM scratch\nCOPY --chown=1000:1000 m /dst/\n", MODES, ["/dst"]);
add("chown-symlink-in-dir", "--chown on a directory with symlinks: the links' owners", "FROM scratch\nCOPY --chown=1000:1000 sub /dst/\n", LINKS, ["/dst"]);
add("chown-user-instruction", "USER does not change COPY ownership", "FROM scratch\nUSER 1000:1000\nCOPY a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-root-name", "--chown=root:root resolved via /etc/passwd", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=root:root a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-root-name-no-passwd", "--chown=root with no /etc/passwd", "FROM scratch\nCOPY --chown=root a.txt /dst/\n", BASIC, ["/dst"]);

// --- --chmod --------------------------------------------------------------------------------------------------

add("chmod-0755", "--chmod=0755 on a file", "FROM scratch\nCOPY --chmod=0755 a.txt /dst/\n", BASIC, ["/dst"]);
add("chmod-600-no-zero", "--chmod=600 on a file", "FROM scratch\nCOPY --chmod=600 a.txt /dst/\n", BASIC, ["/dst"]);
add("chmod-symbolic", "--chmod=u+x symbolic", "FROM scratch\nCOPY --chmod=u+x m/f600 m/f444 /dst/\n", MODES, ["/dst"]);
add("chmod-symbolic-complex", "--chmod=go-w,a+X symbolic on files and dirs", "FROM scratch\nCOPY --chmod=go-rwx,a+X m /dst/\n", MODES, ["/dst"]);
add("chmod-symbolic-equals", "--chmod=u=rw,go=r symbolic", "FROM scratch\nCOPY --chmod=u=rw,go=r m/f755 /dst/\n", MODES, ["/dst"]);
add("chmod-dir", "--chmod=0700 on a directory source: the dir itself, children, created parents", "FROM scratch\nCOPY --chmod=0700 sub /a/b/\n", BASIC, ["/a"]);
add("chmod-dir-no-slash", "--chmod=0751 on a directory source to a new path without slash", "FROM scratch\nCOPY --chmod=0751 sub /dst\n", BASIC, ["/dst"]);
add("chmod-setuid", "--chmod=4755", "FROM scratch\nCOPY --chmod=4755 a.txt /dst/\n", BASIC, ["/dst"]);
add("chmod-and-chown", "--chmod and --chown together", "FROM scratch\nCOPY --chown=1000:1000 --chmod=0640 sub /dst/\n", BASIC, ["/dst"]);
add("chmod-invalid-octal", "--chmod=999 (not octal)", "FROM scratch\nCOPY --chmod=999 a.txt /dst/\n", BASIC, ["/dst"]);
add("chmod-too-large", "--chmod=17777 (over 07777)", "FROM scratch\nCOPY --chmod=17777 a.txt /dst/\n", BASIC, ["/dst"]);
add("chmod-invalid-word", "--chmod=abc", "FROM scratch\nCOPY --chmod=abc a.txt /dst/\n", BASIC, ["/dst"]);
add("chmod-arg", "--chmod from an ARG", "FROM scratch\nARG M=0700\nCOPY --chmod=$M a.txt /dst/\n", BASIC, ["/dst"]);
add("chmod-symlink-in-dir", "--chmod on a directory with symlinks", "FROM scratch\nCOPY --chmod=0600 sub /dst/\n", LINKS, ["/dst"]);
add("chmod-existing-dir", "--chmod copying into an existing directory: is the directory changed?", "FROM scratch\nCOPY sub /dst/\nCOPY --chmod=0700 a.txt /dst/\n", BASIC, ["/dst"]);

// --- --from --------------------------------------------------------------------------------------------------

add("from-stage-name", "COPY --from=<stage name> keeps the stage's owners and modes", "FROM scratch AS s\nCOPY --chown=1000:2000 m /s/\nFROM scratch\nCOPY --from=s /s /dst/\n", MODES, ["/dst"]);
add("from-stage-index", "COPY --from=<index>", "FROM scratch\nCOPY --chown=1000:2000 a.txt /s/a.txt\nFROM scratch\nCOPY --from=0 /s/a.txt /dst/\n", BASIC, ["/dst"]);
add("from-stage-chown-override", "COPY --from with --chown overrides owners", "FROM scratch AS s\nCOPY --chown=1000:2000 sub /s/\nFROM scratch\nCOPY --from=s --chown=5:6 /s /dst/\n", BASIC, ["/dst"]);
add("from-stage-relative-src", "COPY --from with a relative source path (resolved from the stage root, not its WORKDIR)", "FROM scratch AS s\nWORKDIR /w\nCOPY a.txt /a-root.txt\nCOPY a.txt ./a-wd.txt\nFROM scratch\nCOPY --from=s a-root.txt /dst/\n", BASIC, ["/dst"]);
add("from-stage-relative-src-workdir-file", "COPY --from with a relative source that exists only under the stage's WORKDIR", "FROM scratch AS s\nWORKDIR /w\nCOPY a.txt ./a-wd.txt\nFROM scratch\nCOPY --from=s a-wd.txt /dst/\n", BASIC, ["/dst"]);
add("from-stage-root", "COPY --from=<stage> / copies the whole stage filesystem", "FROM scratch AS s\nCOPY --chown=3:4 a.txt /f/a.txt\nFROM scratch\nCOPY --from=s / /dst/\n", BASIC, ["/dst"]);
add("from-stage-missing-path", "COPY --from with a missing path", "FROM scratch AS s\nCOPY a.txt /s/\nFROM scratch\nCOPY --from=s /nope /dst/\n", BASIC, ["/dst"]);
add("from-stage-wildcard", "COPY --from with a wildcard", "FROM scratch AS s\nCOPY sub /s/\nCOPY a.txt b.txt /s/\nFROM scratch\nCOPY --from=s /s/*.txt /dst/\n", BASIC, ["/dst"]);
add("from-stage-symlink", "COPY --from a stage whose directory has symlinks, and naming a symlink", "FROM scratch AS s\nCOPY sub /s/\nCOPY file-link /s/named-link\nCOPY tree/ /s2/\nFROM scratch\nCOPY --from=s /s /dst/\nCOPY --from=s /s2/abs /dst2/\n", { ...LINKS, "tree/abs": { symlink: "/s/x.txt" } }, ["/dst", "/dst2"]);
add("from-stage-dir-modes", "COPY --from a stage: directory modes (0700, sticky) preserved", "FROM scratch AS s\nCOPY m /m/\nFROM scratch\nCOPY --from=s /m/d1777 /m/d700 /dst/\n", MODES, ["/dst"]);
add("from-stage-chmod", "COPY --from with --chmod", "FROM scratch AS s\nCOPY m /m/\nFROM scratch\nCOPY --from=s --chmod=0640 /m/f755 /dst/\n", MODES, ["/dst"]);
add("from-stage-deep-parents", "COPY --from into a deep new destination: created parents", "FROM scratch AS s\nCOPY --chown=9:9 a.txt /s/a.txt\nFROM scratch\nCOPY --from=s /s/a.txt /p/q/r/\n", BASIC, ["/p"]);
add("from-image", "COPY --from=<image reference> (harness busybox image)", "FROM scratch\nCOPY --from=oracle/busybox:latest /bin/busybox /dst/\n", {}, ["/dst"], { note: "The source image is oracle/busybox:latest: /bin/busybox is opaque (static busybox of the recording machine)." });
add("from-unknown-stage", "COPY --from=<unknown name> is treated as an image reference", "FROM scratch\nCOPY --from=nosuchstage /x /dst/\n", BASIC, ["/dst"]);
add("from-later-stage", "COPY --from a stage defined later (the final stage is FROM first)", "FROM scratch AS first\nCOPY --from=second /s /dst/\nFROM scratch AS second\nCOPY a.txt /s/\nFROM first\n", BASIC, ["/dst", "/s"]);
add("from-self-index", "COPY --from=<own index>", "FROM scratch\nCOPY --from=0 /x /dst/\n", BASIC, ["/dst"]);
add("from-stage-file-to-existing-dir", "COPY --from a file onto an existing directory path without slash", "FROM scratch AS s\nCOPY a.txt /s/a.txt\nFROM scratch\nCOPY sub /dst/\nCOPY --from=s /s/a.txt /dst\n", BASIC, ["/dst"]);

// --- ADD: local archives -------------------------------------------------------------------------------------

add("add-tar", "ADD a plain .tar: extracted with the archive's modes and owners", "FROM scratch\nADD tree.tar /dst/\n", { "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("add-tar-gz", "ADD a .tar.gz", "FROM scratch\nADD tree.tar.gz /dst/\n", { "tree.tar.gz": tarOf(TREE_TAR, "gzip") }, ["/dst"]);
add("add-tar-bz2", "ADD a .tar.bz2", "FROM scratch\nADD tree.tar.bz2 /dst/\n", { "tree.tar.bz2": tarOf(TREE_TAR, "bzip2") }, ["/dst"]);
add("add-tar-xz", "ADD a .tar.xz", "FROM scratch\nADD tree.tar.xz /dst/\n", { "tree.tar.xz": tarOf(TREE_TAR, "xz") }, ["/dst"]);
add("add-tar-zst", "ADD a .tar.zst (zstd)", "FROM scratch\nADD tree.tar.zst /dst/\n", { "tree.tar.zst": tarOf(TREE_TAR, "zstd") }, ["/dst"]);
add("add-tar-noext", "ADD a gzipped tar without extension", "FROM scratch\nADD blob /dst/\n", { "blob": tarOf(TREE_TAR, "gzip") }, ["/dst"]);
add("add-tar-no-slash", "ADD an archive to a new path without trailing slash", "FROM scratch\nADD tree.tar /dst\n", { "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("add-tar-to-file-path", "ADD an archive to an existing file path", "FROM scratch\nCOPY a.txt /dst\nADD tree.tar /dst\n", { "a.txt": "A\n", "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("add-fake-tar-gz", "ADD a .tar.gz that is not gzip: copied as is", "FROM scratch\nADD fake.tar.gz /dst/\n", { "fake.tar.gz": { content: "not really gzip\n", mode: 0o640 } }, ["/dst"]);
add("add-gzip-non-tar", "ADD a gzip of plain text: copied as is (not decompressed)", "FROM scratch\nADD text.gz /dst/\n", { "text.gz": { archive: { raw: "plain text, gzipped\n", compress: "gzip" } } }, ["/dst"]);
add("add-over-existing", "ADD extracting over existing files and directories", "FROM scratch\nCOPY pre/ /dst/\nADD tree.tar /dst/\n", { "tree.tar": tarOf(TREE_TAR), "pre/t/f.txt": "pre-existing f\n", "pre/t/keep.txt": "kept\n", "pre/top.txt": { content: "pre top\n", mode: 0o600 }, "pre/t/sub": { dir: true, mode: 0o700 } }, ["/dst"]);
add("add-tar-links", "ADD an archive with a symlink and a hard link", "FROM scratch\nADD links.tar /dst/\n", { "links.tar": tarOf(LINK_TAR) }, ["/dst"]);
add("add-tar-implied-parents", "ADD an archive without directory entries: implied parents", "FROM scratch\nADD nodir.tar /dst/\n", { "nodir.tar": tarOf(NODIR_TAR) }, ["/dst"]);
add("add-dir-with-archive", "ADD a directory containing an archive: not extracted", "FROM scratch\nADD pkg /dst/\n", { "pkg/tree.tar": tarOf(TREE_TAR), "pkg/readme": "r\n" }, ["/dst"]);
add("add-wildcard-archive", "ADD a wildcard matching an archive", "FROM scratch\nADD *.tar /dst/\n", { "tree.tar": tarOf(TREE_TAR), "nodir.tar": tarOf(NODIR_TAR) }, ["/dst"]);
add("add-tar-chown", "ADD --chown on an archive: do extracted entries get the owner?", "FROM scratch\nADD --chown=1000:1000 tree.tar /dst/\n", { "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("add-tar-chmod", "ADD --chmod on an archive", "FROM scratch\nADD --chmod=0700 tree.tar /dst/\n", { "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("add-tar-deep-dest", "ADD an archive into a deep new destination", "FROM scratch\nADD tree.tar /a/b/c/\n", { "tree.tar": tarOf(TREE_TAR) }, ["/a"]);
add("add-plain-file", "ADD a plain file behaves as COPY", "FROM scratch\nADD a.txt /dst/\n", BASIC, ["/dst"]);
add("add-dir", "ADD a directory", "FROM scratch\nADD sub /dst/\n", BASIC, ["/dst"]);
add("add-from-stage-archive", "COPY --from a stage of a tar file (not extracted); ADD --from?", "FROM scratch AS s\nCOPY tree.tar /s/\nFROM scratch\nCOPY --from=s /s/tree.tar /dst/\n", { "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("add-copy-tar-not-extracted", "COPY of a .tar is never extracted", "FROM scratch\nCOPY tree.tar /dst/\n", { "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("add-symlink-to-archive", "ADD a symlink that points to an archive", "FROM scratch\nADD arch-link /dst/\n", { "tree.tar": tarOf(TREE_TAR), "arch-link": { symlink: "tree.tar" } }, ["/dst"]);

// --- ADD: URLs and options ----------------------------------------------------------------------------------

add("add-url", "ADD of an unreachable URL", "FROM scratch\nADD http://127.0.0.1:9/file.txt /dst/\n", {}, ["/dst"]);
add("add-url-no-name", "ADD of an unreachable URL without a file name", "FROM scratch\nADD http://127.0.0.1:9/ /dst/\n", {}, ["/dst"]);
add("add-url-chmod", "ADD --chmod of an unreachable URL", "FROM scratch\nADD --chmod=0755 http://127.0.0.1:9/file.txt /dst/\n", {}, ["/dst"]);
add("add-url-checksum", "ADD --checksum of an unreachable URL", "FROM scratch\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d http://127.0.0.1:9/file.txt /dst/\n", {}, ["/dst"]);
add("add-checksum-local", "ADD --checksum of a local file", "FROM scratch\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d a.txt /dst/\n", BASIC, ["/dst"]);
add("copy-url", "COPY of a URL", "FROM scratch\nCOPY http://127.0.0.1:9/file.txt /dst/\n", {}, ["/dst"]);
add("add-git-url", "ADD of a git URL (no network)", "FROM scratch\nADD https://127.0.0.1:9/repo.git /dst/\n", {}, ["/dst"]);

// --- history, layers, WORKDIR ----------------------------------------------------------------------------------

add("hist-copy-file", "History of COPY of one file", "FROM scratch\nCOPY a.txt /dst/\n", BASIC, ["/dst"]);
add("hist-copy-dir", "History of COPY of a directory", "FROM scratch\nCOPY sub /dst/\n", BASIC, ["/dst"]);
add("hist-copy-multi", "History of COPY of several sources", "FROM scratch\nCOPY a.txt b.txt /dst/\n", BASIC, ["/dst"]);
add("hist-copy-wildcard", "History of COPY with a wildcard", "FROM scratch\nCOPY *.md /dst/\n", BASIC, ["/dst"]);
add("hist-copy-flags", "History of COPY --chown --chmod", "FROM scratch\nCOPY --chown=1:2 --chmod=0600 a.txt /dst/\n", BASIC, ["/dst"]);
add("hist-copy-chown-only", "History of COPY --chown (classic builder)", "FROM scratch\nCOPY --chown=1:2 a.txt /dst/\n", BASIC, ["/dst"]);
add("hist-copy-from", "History of COPY --from", "FROM scratch AS s\nCOPY a.txt /s/\nFROM scratch\nCOPY --from=s /s/a.txt /dst/\n", BASIC, ["/dst"]);
add("hist-add-file", "History of ADD of a file", "FROM scratch\nADD a.txt /dst/\n", BASIC, ["/dst"]);
add("hist-add-tar", "History of ADD of an archive", "FROM scratch\nADD tree.tar /dst/\n", { "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("hist-copy-env-dest", "History of COPY with variables in the destination", "FROM scratch\nENV D=/dst\nCOPY a.txt $D/\n", BASIC, ["/dst"]);
add("hist-copy-workdir-rel", "History of COPY with a relative destination under WORKDIR", "FROM scratch\nWORKDIR /w\nCOPY a.txt rel/\n", BASIC, ["/w"]);
add("hist-copy-json", "History of COPY in JSON form", 'FROM scratch\nCOPY ["a.txt", "b.txt", "/dst/"]\n', BASIC, ["/dst"]);
add("hist-copy-same-twice", "Two identical COPY instructions: layers", "FROM scratch\nCOPY a.txt /dst/\nCOPY a.txt /dst/\n", BASIC, ["/dst"]);
add("hist-copy-empty-dir", "COPY of an empty directory to an existing directory: layer?", "FROM scratch\nCOPY sub /dst/\nCOPY empty /dst/\n", { ...BASIC, "empty": { dir: true } }, ["/dst"]);
add("hist-copy-dot", "History of COPY . with the context root", "FROM scratch\nCOPY . /dst/\n", { "a.txt": "A\n" }, ["/dst"]);
add("wd-create", "WORKDIR creating a directory: mode, owner, history", "FROM scratch\nWORKDIR /w/x/y\n", {}, ["/w"]);
add("wd-create-user", "WORKDIR creating a directory after USER 1000:2000", "FROM scratch\nUSER 1000:2000\nWORKDIR /w/x\n", {}, ["/w"]);
add("wd-create-user-name", "WORKDIR after USER alice (name from /etc/passwd)", "FROM scratch\nCOPY etc/ /etc/\nUSER alice\nWORKDIR /w/x\n", ETC, ["/w"]);
add("wd-create-user-missing", "WORKDIR after USER with a name missing from /etc/passwd", "FROM scratch\nUSER ghost\nWORKDIR /w\n", {}, ["/w"]);
add("wd-existing", "WORKDIR to an existing directory", "FROM scratch\nCOPY sub /w/\nWORKDIR /w\n", BASIC, ["/w"]);
add("wd-existing-user", "WORKDIR to an existing root-owned directory after USER", "FROM scratch\nCOPY sub /w/\nUSER 1000\nWORKDIR /w\nWORKDIR /w/new\n", BASIC, ["/w"]);
add("wd-root", "WORKDIR /", "FROM scratch\nWORKDIR /\nCOPY a.txt .\n", BASIC, ["/a.txt"]);
add("wd-twice-same", "WORKDIR twice to the same path", "FROM scratch\nWORKDIR /w\nWORKDIR /w\n", {}, ["/w"]);
add("wd-relative", "Relative WORKDIR without a previous one", "FROM scratch\nWORKDIR rel/dir\n", {}, ["/rel"]);
add("wd-on-file", "WORKDIR onto an existing file", "FROM scratch\nCOPY a.txt /w\nWORKDIR /w\n", BASIC, ["/w"]);
add("wd-copy-into", "WORKDIR created, then COPY into it with --chown: dir owner unchanged", "FROM scratch\nWORKDIR /w\nCOPY --chown=5:5 a.txt .\n", BASIC, ["/w"]);
add("wd-user-base-image", "WORKDIR after USER app, COPY --chown=app:grp and a no-op RUN on a base with /etc/passwd (app 1000:1001, grp 2000)", "FROM oracle/passwd:latest\nUSER app\nWORKDIR /work/dir\nCOPY --chown=app:grp a.txt .\nRUN true\n", BASIC, ["/work"], { note: PASSWD_NOTE });
add("run-noop-layer", "A RUN that changes nothing, then COPY: layers and empty_layer per builder", "FROM oracle/busybox:latest\nRUN true\nCOPY a.txt /dst/\nRUN touch /dst/a.txt\n", BASIC, ["/dst"], { note: BUSYBOX_NOTE });

// --- newer flags, heredocs -------------------------------------------------------------------------------------

add("flag-link", "COPY --link", "FROM scratch\nCOPY sub /dst/\nCOPY --link a.txt /dst/\n", BASIC, ["/dst"]);
add("flag-link-deep", "COPY --link into a deep new destination: parents", "FROM scratch\nCOPY --link --chown=1000:1000 a.txt /a/b/\n", BASIC, ["/a"]);
add("flag-link-chmod", "COPY --link --chmod (BuildKit falls back to a plain copy)", "FROM scratch\nCOPY --link --chmod=0600 a.txt /dst/\n", BASIC, ["/dst"]);
add("flag-exclude", "COPY --exclude=*.md of a directory whose .md files are one level down (the pattern is relative to the source and * does not cross /)", "FROM scratch\nCOPY --exclude=*.md sub /dst/\n", BASIC, ["/dst"]);
add("flag-exclude-top", "COPY --exclude=*.md . excludes top-level .md files", "FROM scratch\nCOPY --exclude=*.md . /dst/\n", BASIC, ["/dst"]);
add("flag-exclude-deep", "COPY --exclude=**/*.md and --exclude=Dockerfile", "FROM scratch\nCOPY --exclude=**/*.md --exclude=Dockerfile . /dst/\n", BASIC, ["/dst"]);
add("flag-exclude-dir", "COPY --exclude=deep of a directory", "FROM scratch\nCOPY --exclude=deep sub /dst/\n", BASIC, ["/dst"]);
add("flag-exclude-named-file", "COPY --exclude matching the named source file itself", "FROM scratch\nCOPY --exclude=a.txt a.txt b.txt /dst/\n", BASIC, ["/dst"]);
add("flag-exclude-add", "ADD --exclude", "FROM scratch\nADD --exclude=*.md . /dst/\n", BASIC, ["/dst"]);
add("flag-parents", "COPY --parents", "FROM scratch\nCOPY --parents sub/deep/y.txt a.txt /dst/\n", BASIC, ["/dst"]);
add("flag-parents-pivot", "COPY --parents with a /./ pivot", "FROM scratch\nCOPY --parents sub/./deep/y.txt /dst/\n", BASIC, ["/dst"]);
add("flag-unknown", "COPY with an unknown flag", "FROM scratch\nCOPY --bogus=1 a.txt /dst/\n", BASIC, ["/dst"]);
add("flag-add-keep-git-dir", "ADD --keep-git-dir on a local file", "FROM scratch\nADD --keep-git-dir=true a.txt /dst/\n", BASIC, ["/dst"]);
add("flag-add-unpack-false", "ADD --unpack=false on a local archive", "FROM scratch\nADD --unpack=false tree.tar /dst/\n", { "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("heredoc-copy", "COPY from a heredoc", "FROM scratch\nCOPY <<EOF /dst/inline.txt\nhello\nEOF\n", {}, ["/dst"]);
add("heredoc-copy-dir", "COPY of two heredocs to a directory", "FROM scratch\nCOPY <<one <<two /dst/\nfirst\none\nsecond\ntwo\n", {}, ["/dst"]);
add("heredoc-chmod", "COPY --chmod from a heredoc", "FROM scratch\nCOPY --chmod=0755 <<EOF /dst/run.sh\n#!/bin/sh\nEOF\n", {}, ["/dst"]);

// --- errors and odd sources ------------------------------------------------------------------------------------

add("err-no-dest", "COPY with a single argument", "FROM scratch\nCOPY a.txt\n", BASIC, ["/dst"]);
add("err-empty-source-arg", "COPY with an empty JSON source", 'FROM scratch\nCOPY ["", "/dst/"]\n', BASIC, ["/dst"]);
add("err-copy-dockerfile", "COPY the Dockerfile itself", "FROM scratch\nCOPY Dockerfile /dst/\n", {}, ["/dst"]);
add("err-dir-onto-file-in-dir", "COPY a directory whose child is a directory onto an existing file of that name", "FROM scratch\nCOPY a.txt /dst/deep\nCOPY sub /dst/\n", BASIC, ["/dst"]);
add("err-file-onto-dir-in-dir", "COPY a directory whose child is a file onto an existing directory of that name", "FROM scratch\nCOPY sub /dst/x.txt/\nCOPY sub /dst/\n", BASIC, ["/dst"]);

// --- second batch: ownership of created parents, symlinked destinations, more flags --------------------------

add("chown-dir-deep-parents", "--chown on a directory source into a deep new destination (slash): created parents' owners", "FROM scratch\nCOPY --chown=1000:1000 sub /a/b/c/\n", BASIC, ["/a"]);
add("chown-dir-deep-parents-no-slash", "--chown on a directory source into a deep new destination (no slash)", "FROM scratch\nCOPY --chown=1000:1000 sub /a/b/c\n", BASIC, ["/a"]);
add("chown-multi-deep-parents", "--chown with a file and a directory source into a deep new destination", "FROM scratch\nCOPY --chown=1000:1000 a.txt sub /a/b/\n", BASIC, ["/a"]);
add("chown-dir-source-to-workdir", "--chown on a directory source to . where WORKDIR created the directory", "FROM scratch\nWORKDIR /w\nCOPY --chown=1000:1000 sub .\n", BASIC, ["/w"]);
add("chown-file-existing-parent", "--chown on a file into an existing root-owned directory and a new subdirectory", "FROM scratch\nCOPY sub /dst/\nCOPY --chown=1000:1000 a.txt /dst/new/\n", BASIC, ["/dst"]);
add("chown-large-ids-rootfs", "--chown=4294967294 (over int32) when the image already has files", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=4294967294:65536 a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-missing-user-only", "--chown=ghost (no group part) with /etc/passwd present but no such user", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=ghost a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-name-no-passwd-rootfs", "--chown=alice:staff when the image has files but no /etc/passwd or /etc/group", "FROM scratch\nCOPY b.txt /b.txt\nCOPY --chown=alice:staff a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-group-only-name", "--chown=:staff (group name only)", "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=:staff a.txt /dst/\n", { ...BASIC, ...ETC }, ["/dst"]);
add("chown-three-parts", "--chown=1:2:3", "FROM scratch\nCOPY --chown=1:2:3 a.txt /dst/\n", BASIC, ["/dst"]);
add("chown-name-from-image-source", "--chown=app with COPY --from an image that has the user: names resolve in the destination stage", "FROM scratch\nCOPY --from=oracle/passwd:latest --chown=app /etc/group /dst/\n", {}, ["/dst"], { note: "The source image is oracle/passwd:latest (its /etc/group is opaque but small)." });
add("chown-name-passwd-symlink", "--chown=alice where /etc/passwd is a symlink in the image", "FROM scratch\nCOPY etc2/ /etc/\nCOPY real-etc/ /real-etc/\nCOPY --chown=alice:staff a.txt /dst/\n", { ...BASIC, "etc2/passwd": { symlink: "/real-etc/passwd" }, "etc2/group": { symlink: "../real-etc/group" }, "real-etc/passwd": PASSWD, "real-etc/group": GROUP }, ["/dst"]);
add("from-stage-setuid-preserved", "COPY --from a stage whose setuid file and owners came from ADD of a tar", "FROM scratch AS s\nADD tree.tar /s/\nFROM scratch\nCOPY --from=s /s /dst/\n", { "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("from-stage-setuid-chown", "COPY --from --chown of a stage's setuid file", "FROM scratch AS s\nADD tree.tar /s/\nFROM scratch\nCOPY --from=s --chown=1:1 /s/t/exec.sh /dst/\n", { "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("from-stage-glob-no-match", "COPY --from with a wildcard that matches nothing", "FROM scratch AS s\nCOPY a.txt /s/\nFROM scratch\nCOPY --from=s /s/*.nope /dst/\n", BASIC, ["/dst"]);
add("from-stage-chain-history", "FROM an earlier stage: history and layers of both stages", "FROM scratch AS base\nCOPY a.txt /base/\nFROM base\nCOPY b.txt /top/\n", BASIC, ["/base", "/top"]);
add("from-stage-dir-no-slash-existing-file", "COPY --from a directory onto an existing file", "FROM scratch AS s\nCOPY sub /s/\nFROM scratch\nCOPY a.txt /dst\nCOPY --from=s /s /dst\n", BASIC, ["/dst"]);
add("dest-root-file", "COPY a file to /", "FROM scratch\nCOPY a.txt /\n", BASIC, ["/a.txt"]);
add("dest-symlink-dir-no-slash", "COPY a file to an existing symlink to a directory, without trailing slash", "FROM scratch\nCOPY tree/ /\nCOPY a.txt /alias\n", { "a.txt": "A\n", "tree/target/keep.txt": "k\n", "tree/alias": { symlink: "/target" } }, ["/alias", "/target"]);
add("dest-symlink-dir-dir-source", "COPY a directory to an existing symlink to a directory", "FROM scratch\nCOPY tree/ /\nCOPY sub /alias\n", { ...BASIC, "tree/target/keep.txt": "k\n", "tree/alias": { symlink: "target" } }, ["/alias", "/target"]);
add("dest-dangling-symlink", "COPY a file onto a dangling symlink", "FROM scratch\nCOPY tree/ /\nCOPY a.txt /dl\n", { "a.txt": "A\n", "tree/dl": { symlink: "/nowhere/x" } }, ["/dl", "/nowhere"]);
add("dest-symlink-escaping", "COPY through a symlink that points above the root", "FROM scratch\nCOPY tree/ /\nCOPY a.txt /up/\n", { "a.txt": "A\n", "tree/up": { symlink: "../../../outside" } }, ["/up", "/outside"]);
add("ign-excluded-dir-named", "A directory excluded by .dockerignore named as the source", "FROM scratch\nCOPY sub /dst/\n", { ...BASIC, ".dockerignore": "sub\n" }, ["/dst"]);
add("ign-excluded-dockerfile-named", "COPY Dockerfile when .dockerignore excludes it", "FROM scratch\nCOPY Dockerfile /dst/\n", { "a.txt": "A\n", ".dockerignore": "Dockerfile\n" }, ["/dst"]);
add("ign-wildcard-all-excluded", "A wildcard whose only matches are excluded", "FROM scratch\nCOPY *.md /dst/\n", { ...BASIC, ".dockerignore": "*.md\n" }, ["/dst"]);
add("add-tar-traversal", "ADD a tar whose members use ../ and absolute names", "FROM scratch\nADD evil.tar /dst/in/\n", { "evil.tar": tarOf([{ name: "../up.txt", type: "file", content: "up\n", mode: 0o644 }, { name: "/abs.txt", type: "file", content: "abs\n", mode: 0o644 }, { name: "ok.txt", type: "file", content: "ok\n", mode: 0o644 }]) }, ["/dst", "/abs.txt", "/up.txt"]);
add("add-multi-archive-no-slash", "ADD an archive and a file to a path without trailing slash", "FROM scratch\nADD tree.tar a.txt /dst\n", { "a.txt": "A\n", "tree.tar": tarOf(TREE_TAR) }, ["/dst"]);
add("add-tar-workdir-dot", "ADD an archive to . under WORKDIR", "FROM scratch\nWORKDIR /w\nADD nodir.tar .\n", { "nodir.tar": tarOf(NODIR_TAR) }, ["/w"]);
add("add-tar-chown-names", "ADD --chown=alice:staff of an archive with names from /etc/passwd", "FROM scratch\nCOPY etc/ /etc/\nADD --chown=alice:staff nodir.tar /dst/\n", { ...ETC, "nodir.tar": tarOf(NODIR_TAR) }, ["/dst"]);
add("add-tar-file-over-dir", "ADD an archive whose file replaces an existing directory", "FROM scratch\nCOPY pre/ /dst/\nADD nodir.tar /dst/\n", { "pre/s.txt/inner": "inner\n", "nodir.tar": tarOf(NODIR_TAR) }, ["/dst"]);
add("chmod-symbolic-deep", "--chmod=u+x (symbolic) into a deep new destination: parents", "FROM scratch\nCOPY --chmod=u+x a.txt /a/b/\n", BASIC, ["/a"]);
add("chmod-existing-subdirs", "--chmod on a directory copied over an existing copy: existing subdirectories", "FROM scratch\nCOPY sub /dst/\nCOPY --chmod=0700 sub /dst/\n", BASIC, ["/dst"]);
add("chmod-dir-to-workdir", "--chmod on a directory source to . where WORKDIR created the directory", "FROM scratch\nWORKDIR /w\nCOPY --chmod=0700 sub .\n", BASIC, ["/w"]);
add("wd-user-missing-rootfs", "WORKDIR after USER ghost when the image has files but no /etc/passwd", "FROM scratch\nCOPY a.txt /a.txt\nUSER ghost\nWORKDIR /w\n", BASIC, ["/w"]);
add("wd-user-group-name", "WORKDIR after USER alice:staff", "FROM scratch\nCOPY etc/ /etc/\nUSER alice:staff\nWORKDIR /w\n", ETC, ["/w"]);
add("wd-user-numeric-no-passwd", "WORKDIR after USER 1000 (uid only) with no /etc/passwd", "FROM scratch\nUSER 1000\nWORKDIR /w\n", {}, ["/w"]);
add("wd-partial-existing-user", "WORKDIR creating a subdirectory of an existing directory after USER: which parts are re-owned", "FROM scratch\nCOPY sub /w/\nUSER 1000:1000\nWORKDIR /w/deep/new/leaf\n", BASIC, ["/w"]);
add("hist-flags-reversed", "History of COPY --link --chmod --chown (flags written in another order)", "FROM scratch\nCOPY --link --chmod=0600 --chown=1:2 a.txt /dst/\n", BASIC, ["/dst"]);
add("add-plain-file-chown", "ADD --chown of a plain (non-archive) file into a deep new destination", "FROM scratch\nADD --chown=1000:1000 a.txt /a/b/\n", BASIC, ["/a"]);
add("add-dir-chown-deep", "ADD --chown of a directory into a deep new destination", "FROM scratch\nADD --chown=1000:1000 sub /a/b/\n", BASIC, ["/a"]);
add("flag-link-through-symlink", "COPY --link into a path whose parent is a symlink in the image", "FROM scratch\nCOPY tree/ /\nCOPY --link a.txt /alias/\n", { "a.txt": "A\n", "tree/target/keep.txt": "k\n", "tree/alias": { symlink: "/target" } }, ["/alias", "/target"]);
add("flag-link-existing-dir-metadata", "COPY --link into an existing directory with another owner and mode", "FROM scratch\nCOPY --chown=1000:1000 m/d700 /dst/\nCOPY --link a.txt /dst/\n", { ...MODES, "a.txt": "A\n" }, ["/dst"]);
add("flag-link-over-file", "COPY --link of a directory where the image has a file at the destination", "FROM scratch\nCOPY a.txt /dst\nCOPY --link sub /dst/\n", BASIC, ["/dst"]);
add("flag-link-file-over-symlink", "COPY --link of a file onto an existing symlink", "FROM scratch\nCOPY tree/ /\nCOPY --link b.txt /flink\n", { "b.txt": "BB\n", "tree/real.txt": "real\n", "tree/flink": { symlink: "real.txt" } }, ["/flink", "/real.txt"]);
add("mode-existing-subdir-updated", "A directory copy over existing sub-directories: their mode and owner are replaced, the destination root keeps its own", "FROM scratch\nCOPY --chown=5:5 t1/ /dst/\nCOPY t2/ /dst/\n", { "t1/s/one": "1\n", "t1/keep": { dir: true, mode: 0o751 }, "t2/s": { dir: true, mode: 0o700 }, "t2/s/two": "2\n", "t2/keep": { dir: true, mode: 0o755 } }, ["/dst"]);

// --- found by the generated differential test (differential.ts, seeds 2, 3, 11, 22) --------------------------
// Each was minimised by hand from a shrunk reproducer; see docs/semantics/copy-add.md §13.

add("gen-order-missing-after-chown-error", "BuildKit: a missing source in a later COPY is reported before an earlier COPY's --chown name error", "FROM scratch\nCOPY --chown=alice a.txt /dst/\nCOPY missing /\n", BASIC, ["/dst"]);
add("gen-order-missing-after-mkdir-error", "BuildKit: a missing source in a later COPY is reported before an earlier COPY's not-a-directory error", "FROM scratch\nCOPY a.txt /dst\nCOPY a.txt /dst/x\nCOPY missing /\n", BASIC, ["/dst"]);
add("gen-order-from-missing-after-mkdir-error", "BuildKit: a COPY --from source missing in the stage is reported before an earlier COPY's not-a-directory error", "FROM scratch AS s\nCOPY a.txt /dst\nFROM scratch\nCOPY a.txt /dst\nCOPY a.txt /dst/x\nCOPY --from=s /missing /\n", BASIC, ["/dst"]);
add("gen-order-stage-exec-errors", "BuildKit: the final stage's own --chown error is reported before an execution error of the stage it copies from", "FROM scratch AS s\nCOPY sub/ /\nCOPY sub /x.txt\nFROM scratch\nCOPY --chown=alice:nogroup d.md /top/\nCOPY --from=s / /dst/\n", BASIC, ["/dst", "/top"], { note: "Seen 3/3 times; BuildKit runs the stages concurrently, so this order may be a race.", knownDivergence: { builder: "buildkit", divergence: "concurrent-stage-exec-errors" } });
add("gen-exclude-missing-source", "COPY --exclude with a missing source: BuildKit fails when copying (lstat), not when computing the cache key", "FROM scratch\nCOPY a.txt /a.txt\nCOPY --exclude=*.md sub/missing /dst/\n", BASIC, ["/a.txt", "/dst"]);
add("gen-exclude-missing-source-chown", "COPY --exclude with a missing source and an unresolvable --chown name on an empty stage", "FROM scratch\nCOPY --chown=alice --exclude=*.md missing /dst/\n", BASIC, ["/dst"]);
add("gen-link-loop-self-named", "A symlink to itself named as the source", "FROM scratch\nCOPY loop /dst/\n", { "a.txt": "A\n", loop: { symlink: "loop" } }, ["/dst"]);
add("gen-link-loop-pair-named", "Two symlinks pointing at each other, one named as the source", "FROM scratch\nCOPY l1 /dst/\n", { "a.txt": "A\n", l1: { symlink: "l2" }, l2: { symlink: "l1" } }, ["/dst"]);
add("gen-link-loop-through-path", "A source path through a symlink that points into itself", "FROM scratch\nCOPY loop/x /dst/\n", { "a.txt": "A\n", loop: { symlink: "../loop/x" } }, ["/dst"]);
add("gen-link-loop-in-dir", "A directory holding a symlink to itself: copied as a symlink; the classic dir: hash", "FROM scratch\nCOPY sub /dst/\n", { "sub/f.txt": "F\n", "sub/loop": { symlink: "loop" } }, ["/dst"]);
add("gen-link-through-file-in-dir", "A directory holding a symlink whose target passes through a regular file: the classic dir: hash", "FROM scratch\nCOPY sub /dst/\n", { "f.txt": "F\n", "sub/g.txt": "G\n", "sub/lnk": { symlink: "../f.txt/x" } }, ["/dst"]);
add("gen-link-through-file-named", "A symlink whose target passes through a regular file, named as the source", "FROM scratch\nCOPY lnk /dst/\n", { "a.txt": "A\n", lnk: { symlink: "a.txt/b" } }, ["/dst"]);
add("gen-glob-dangling-match", "A wildcard matching a dangling symlink next to a file", "FROM scratch\nCOPY sub/* /dst/\n", { "sub/a.txt": "A\n", "sub/dangling": { symlink: "nowhere" } }, ["/dst"]);
add("gen-glob-dangling-only-match", "A wildcard whose only match is a dangling symlink", "FROM scratch\nCOPY sub/d* /dst/\n", { "sub/a.txt": "A\n", "sub/dangling": { symlink: "nowhere" } }, ["/dst"]);
add("gen-dest-existing-file-dir-source-slash", "COPY a directory to an existing file given with a trailing slash", "FROM scratch\nCOPY a.txt /dst\nCOPY sub /dst/\n", BASIC, ["/dst"]);
add("gen-glob-missing-dir-after-error", "BuildKit: sources are copied in order, so a directory onto a file fails before a later wildcard under a missing directory", "FROM scratch\nCOPY a.txt /out\nCOPY sub nodir/* /out\n", BASIC, ["/out"]);
add("gen-from-empty-stage-missing", "COPY --from a stage with no filesystem change of a missing path", "FROM scratch AS s\nUSER 1000\nFROM scratch\nCOPY --from=s /x /\n", BASIC, ["/x"]);
add("gen-add-tar-member-under-file", "ADD an archive whose file member lies under an existing file (no directory member)", "FROM scratch\nCOPY a.txt /d/sub\nADD t.tar /d/\n", { "a.txt": "A\n", "t.tar": tarOf([{ name: "sub/x", type: "file", content: "x\n", mode: 0o644 }]) }, ["/d"]);
add("gen-add-tar-dir-member-under-file", "ADD an archive whose directory member lies under an existing file", "FROM scratch\nCOPY a.txt /d/sub\nADD t.tar /d/\n", { "a.txt": "A\n", "t.tar": tarOf([{ name: "sub/x/", type: "dir", mode: 0o755 }]) }, ["/d"]);
add("gen-add-tar-symlink-member-under-file", "ADD an archive whose symlink member lies under an existing file", "FROM scratch\nCOPY a.txt /d/sub\nADD t.tar /d/\n", { "a.txt": "A\n", "t.tar": tarOf([{ name: "sub/x", type: "symlink", target: "c.txt", mode: 0o777 }]) }, ["/d"]);
add("gen-add-tar-deep-member-under-file", "ADD an archive whose member lies two levels under an existing file", "FROM scratch\nCOPY a.txt /d/sub\nADD t.tar /d/\n", { "a.txt": "A\n", "t.tar": tarOf([{ name: "sub/x/y", type: "file", content: "y\n", mode: 0o644 }]) }, ["/d"]);
add("gen-add-tar-dir-entry-over-file", "ADD an archive with a directory entry over an existing file, then a member in it", "FROM scratch\nCOPY a.txt /d/sub\nADD t.tar /d/\n", { "a.txt": "A\n", "t.tar": tarOf([{ name: "sub/", type: "dir", mode: 0o700 }, { name: "sub/x", type: "file", content: "x\n", mode: 0o644 }]) }, ["/d"]);
add("gen-file-onto-dir-by-basename", "COPY a file to dir/ where dir/<name> is an existing directory", "FROM scratch\nCOPY pre/ /dst/\nCOPY sub /dst/\n", { "pre/sub/a": "a\n", sub: "S\n" }, ["/dst"]);
add("gen-file-onto-dangling-symlink-by-basename", "COPY a file to dir/ where dir/<name> is a dangling symlink", "FROM scratch\nCOPY b/ /dst/\nCOPY x /dst/\n", { "b/x": { symlink: "missing" }, x: "X\n" }, ["/dst"]);
add("gen-file-onto-symlink-by-basename", "COPY a file to dir/ where dir/<name> is a symlink to a file", "FROM scratch\nCOPY b/ /dst/\nCOPY x /dst/\n", { "b/x": { symlink: "t" }, "b/t": "T\n", x: "X\n" }, ["/dst"]);
add("gen-file-onto-symlink-by-basename-same-copy", "One COPY whose directory source brings a symlink that a later file source of the same name lands on", "FROM scratch\nCOPY b/ x /dst/\n", { "b/x": { symlink: "missing" }, x: "X\n" }, ["/dst"]);
add("gen-wd-under-file", "WORKDIR below an existing file", "FROM scratch\nCOPY a.txt /sub\nWORKDIR /sub/dir\n", BASIC, ["/sub"]);
add("gen-from-glob-missing-dir", "COPY --from with a wildcard under a directory the stage does not have", "FROM scratch AS s\nCOPY a.txt /a.txt\nFROM scratch\nCOPY --from=s /dst/* /x/\n", BASIC, ["/x"]);
add("gen-from-identical-stage-missing", "COPY --from a stage built like the current one so far, of a missing path", "FROM scratch AS s\nCOPY a.txt /a.txt\nFROM scratch\nCOPY a.txt /a.txt\nCOPY --from=s /dst /dst/\n", BASIC, ["/a.txt", "/dst"]);
add("gen-dockerignored-nested-sources", "Two sources, one inside the other, both emptied by .dockerignore", "FROM scratch\nCOPY sub sub/a/x /\n", { "sub/a/x": "x\n", ".dockerignore": "sub/**\n" }, ["/a", "/x"]);
add("gen-add-tar-chown-existing-dest", "ADD --chown of an archive into an existing destination directory: its owner", "FROM scratch\nCOPY --chown=0:2000 a.txt /dst/\nADD --chown=1000:1000 t.tar /dst/\n", { "a.txt": "A\n", "t.tar": tarOf([{ name: "m", type: "file", content: "m\n", mode: 0o644, uid: 5, gid: 6 }]) }, ["/dst"]);
add("gen-from-chown-minus-one", "COPY --from --chown=-1:0 and 0:-1 of files owned 1000:1000 in the stage", "FROM scratch AS s\nCOPY --chown=1000:1000 a.txt /a.txt\nFROM scratch\nCOPY --from=s --chown=-1:0 /a.txt /x\nCOPY --from=s --chown=0:-1 /a.txt /y\n", BASIC, ["/x", "/y"]);
add("gen-add-tar-chown-minus-one", "ADD --chown=-1:0 of an archive to a new destination", "FROM scratch\nADD --chown=-1:0 t.tar /dst/sub/\n", { "t.tar": tarOf([{ name: "m", type: "file", content: "m\n", mode: 0o644, uid: 7, gid: 8 }]) }, ["/dst"]);
add("gen-add-tar-dest-under-file", "ADD an archive to a destination below an existing file", "FROM scratch\nCOPY a.txt /dst\nADD t.tar /dst/a\n", { "a.txt": "A\n", "t.tar": tarOf([{ name: "m", type: "file", content: "m\n", mode: 0o644 }]) }, ["/dst"]);
add("gen-link-to-root-in-dir", "A directory holding a symlink to the context root (/): the classic dir: hash", "FROM scratch\nCOPY sub /dst/\n", { "sub/f.txt": "F\n", "sub/root": { symlink: "/" } }, ["/dst"]);
add("gen-layer-after-empty-copy", "Classic: a COPY adding a layer right after a COPY that changed nothing", "FROM scratch\nCOPY a.txt /c.txt\nCOPY a.txt /c.txt\nCOPY b.txt /d.txt\n", BASIC, ["/c.txt", "/d.txt"]);
add("gen-layer-after-empty-dir-copy", "Classic: a COPY adding a layer right after copying an empty directory onto /", "FROM scratch\nCOPY e /\nCOPY a.txt /d.txt\n", { "a.txt": "A\n", e: { dir: true } }, ["/d.txt"]);
add("gen-layer-after-empty-copy-env-between", "Classic: an ENV between the no-change COPY and the next layer", "FROM scratch\nCOPY a.txt /c.txt\nCOPY a.txt /c.txt\nENV X=1\nCOPY b.txt /d.txt\n", BASIC, ["/c.txt", "/d.txt"]);
add("gen-layer-after-empty-copy-workdir", "Classic: a WORKDIR layer right after a COPY that changed nothing", "FROM scratch\nCOPY a.txt /c.txt\nCOPY a.txt /c.txt\nWORKDIR /w\n", BASIC, ["/c.txt", "/w"]);
add("gen-from-hardlinks", "COPY --from of a stage holding hard links (from an archive), with and without --chown", "FROM scratch AS s\nADD t.tar /\nFROM scratch\nCOPY --from=s / /dst/\nCOPY --from=s --chown=1:2 / /own/\n", { "t.tar": tarOf([{ name: "dir/m", type: "file", content: "m\n", mode: 0o644 }, { name: "sub/x", type: "hardlink", target: "dir/m", mode: 0o644 }]) }, ["/dst", "/own"]);
add("gen-empty-final-after-empty-layer", "An empty final stage after a stage with an empty-diff COPY followed by a layer", "FROM scratch AS s\nCOPY a.txt /c.txt\nCOPY a.txt /c.txt\nCOPY a.txt /d.txt\nFROM scratch\n", BASIC, ["/c.txt"]);
add("gen-unreachable-stage-include-pattern", "BuildKit: a stage the target does not need names no context path, so a wildcard under a file finds it missing", "FROM scratch AS s\nCOPY sub /dst/\nFROM scratch\nCOPY sub/* /a\n", { sub: "", a: "" }, ["/a"]);
add("gen-dangling-link-below-source", "BuildKit: a dangling symlink named below another source of the same ADD", "FROM scratch\nADD b/a/a b/a /dst/\n", { "b/d.md": "", "b/a/a": { symlink: "../c.txt/c.txt" } }, ["/dst"]);
add("gen-exclude-root-dangling-link", "BuildKit: COPY --exclude of the context root with a dangling top-level symlink (inside and outside the context)", "FROM scratch\nCOPY --exclude=*.md ./ /o/\n", { x: { symlink: "../a" }, t: "t" }, ["/o"]);
add("gen-exclude-root-dangling-link-excluded", "COPY --exclude of the context root that excludes the dangling top-level symlink", "FROM scratch\nCOPY --exclude=x . /o/\n", { x: { symlink: "a" }, t: "t" }, ["/o"]);
add("gen-exclude-root-dangling-link-nested", "COPY --exclude of the context root with a dangling symlink one level down", "FROM scratch\nCOPY --exclude=*.md ./ /o/\n", { "d/x": { symlink: "a" }, t: "t" }, ["/o"]);
add("gen-exclude-dir-dangling-link", "COPY --exclude of a directory holding a dangling symlink", "FROM scratch\nCOPY --exclude=*.md sub/ /o/\n", { "sub/x": { symlink: "a" }, "sub/t": "t" }, ["/o"]);
add("gen-link-dir-onto-file-no-slash", "BuildKit: COPY --link of a file then a directory to a path without a trailing slash (the first source made it a file)", "FROM scratch\nCOPY --link a.txt sub /dst\n", BASIC, ["/dst"]);
add("gen-glob-base-dangling-link", "A wildcard under a directory that is a dangling symlink", "FROM scratch\nCOPY a.txt sub/* /dst/\n", { "a.txt": "A\n", sub: { symlink: "t.tar.gz" } }, ["/dst"]);
add("gen-glob-base-link-to-missing-dir", "A wildcard under a symlinked directory whose subdirectory is missing", "FROM scratch\nCOPY a.txt l/sub/* /dst/\n", { "a.txt": "A\n", l: { symlink: "real" }, "real/x": "x\n" }, ["/dst"]);
add("gen-add-tar-hardlink-owner", "ADD an archive whose hard link entry has another owner and mode than its target", "FROM scratch\nADD t.tar /dst/\n", { "t.tar": tarOf([{ name: "a", type: "file", content: "a\n", mode: 0o644, uid: 0, gid: 0 }, { name: "m", type: "hardlink", target: "a", mode: 0o600, uid: 1000, gid: 1001 }]) }, ["/dst"]);
add("gen-add-tar-hardlink-owner-chown", "ADD --chown of an archive whose hard link entry has another owner and mode than its target", "FROM scratch\nADD --chown=7:8 t.tar /dst/\n", { "t.tar": tarOf([{ name: "a", type: "file", content: "a\n", mode: 0o644, uid: 0, gid: 0 }, { name: "m", type: "hardlink", target: "a", mode: 0o600, uid: 1000, gid: 1001 }]) }, ["/dst"]);
add("gen-add-tar-member-through-link", "ADD an archive whose member lies under a relative symlink (to a missing directory) an earlier ADD made", "FROM scratch\nADD t.tar /sub/\nADD u.tar /sub\n", { "t.tar": tarOf([{ name: "dir", type: "symlink", target: "x", mode: 0o777 }]), "u.tar": tarOf([{ name: "dir/sub/n", type: "file", content: "A\n", mode: 0o644 }]) }, ["/sub"]);
add("gen-add-tar-member-through-link-to-dir", "ADD an archive whose member lies under a relative symlink to an existing directory", "FROM scratch\nADD t.tar /sub/\nADD u.tar /sub\n", { "t.tar": tarOf([{ name: "x/", type: "dir", mode: 0o755 }, { name: "dir", type: "symlink", target: "x", mode: 0o777 }]), "u.tar": tarOf([{ name: "dir/n", type: "file", content: "A\n", mode: 0o644 }]) }, ["/sub"]);
add("gen-add-tar-member-through-escaping-link", "ADD an archive whose member lies under a symlink climbing above the destination", "FROM scratch\nCOPY a.txt /x/a\nADD t.tar /sub/\nADD u.tar /sub\n", { "a.txt": "A\n", "t.tar": tarOf([{ name: "dir", type: "symlink", target: "../x", mode: 0o777 }]), "u.tar": tarOf([{ name: "dir/sub/n", type: "file", content: "A\n", mode: 0o644 }]) }, ["/sub", "/x"], { knownDivergence: { builder: "both", divergence: "archive-member-through-link" } });
add("gen-add-tar-member-through-link-loop", "ADD an archive whose member lies under a symlink loop", "FROM scratch\nADD t.tar /sub/\nADD u.tar /sub\n", { "t.tar": tarOf([{ name: "dir", type: "symlink", target: "x", mode: 0o777 }, { name: "x", type: "symlink", target: "../x", mode: 0o777 }]), "u.tar": tarOf([{ name: "dir/sub/n", type: "file", content: "A\n", mode: 0o644 }]) }, ["/sub"], { knownDivergence: { builder: "both", divergence: "archive-member-through-link" } });
add("gen-dest-below-file-file-slash", "COPY a file into a directory path below a file", "FROM scratch\nCOPY a.txt /dst\nCOPY a.txt /dst/a/\n", BASIC, ["/dst"]);
add("gen-dest-below-file-file-deep", "COPY a file to a path two levels below a file", "FROM scratch\nCOPY a.txt /dst\nCOPY a.txt /dst/a/b\n", BASIC, ["/dst"]);
add("gen-dest-below-file-file-two-sources", "COPY two files into a directory path below a file", "FROM scratch\nCOPY a.txt /dst\nCOPY a.txt b.txt /dst/a/\n", BASIC, ["/dst"]);
add("gen-dest-below-file-dir", "COPY a directory to a path right below a file", "FROM scratch\nCOPY a.txt /dst\nCOPY sub /dst/a\n", BASIC, ["/dst"]);
add("gen-dest-below-file-dir-slash", "COPY a directory into a directory path below a file", "FROM scratch\nCOPY a.txt /dst\nCOPY sub /dst/a/\n", BASIC, ["/dst"]);
add("gen-dest-below-file-dir-deep", "COPY a directory to a path two levels below a file", "FROM scratch\nCOPY a.txt /dst\nCOPY sub /dst/a/b\n", BASIC, ["/dst"]);
add("gen-glob-link-target-not-sent", "BuildKit: a wildcard matching a symlink whose target no source names (not transferred)", "FROM scratch\nCOPY b.txt */x /dst/\n", { "b.txt": "BB\n", "a/x": { symlink: "/a/c.txt" }, "a/c.txt/a": "" }, ["/dst"]);
add("gen-glob-link-target-sent", "A wildcard matching a symlink whose target another source names", "FROM scratch\nCOPY a/c.txt */x /dst/\n", { "b.txt": "BB\n", "a/x": { symlink: "/a/c.txt" }, "a/c.txt/a": "" }, ["/dst"]);
add("gen-glob-link-last-component-sub", "A wildcard in the last component under a literal directory, matching a symlink whose target no source names", "FROM scratch\nCOPY sub/*-link /dst/\n", { "a.txt": "A\n", "sub/file-link": { symlink: "../a.txt" } }, ["/dst"]);
add("gen-glob-link-relative-target-not-sent", "BuildKit: a wildcard in a directory component matching a relative symlink whose target no source names", "FROM scratch\nCOPY b.txt */x /dst/\n", { "b.txt": "BB\n", "a/x": { symlink: "../t.txt" }, "t.txt": "T\n" }, ["/dst"]);
add("gen-classic-dotslash-source-message", "The classic builder names ./a/b/sub (a symlink loop) without its leading ./", "FROM scratch\nCOPY ./a/b/sub /dst\n", { "a/b/sub": { symlink: "../b/sub" } }, ["/dst"]);
add("gen-classic-slash-parent-source-message", "A source ./../x: the classic builder names it ../x", "FROM scratch\nCOPY ./../x /dst\n", { x: "x\n" }, ["/dst"]);

// On oracle/copy-base (spec/oracle/base-images.ts), whose /w is a setgid directory (2750, 1001:2000): what
// mkdir(2) makes there takes the group (and, except an archive's implied parents, the bit); the
// classic builder chowns what it makes, BuildKit only with --chown or a USER (src/fs/vfs/setgid.ts).
const COPY_BASE_NOTE = "FROM oracle/copy-base:latest (harness base image, spec/oracle/base-images.ts); the simulator is told all its files (spec/fixtures/engine-28.5/copy-base-image.json).";
const SETGID_TAR = tarOf([
  { name: "sub/deep/x", type: "file", content: "X\n", mode: 0o644, uid: 7, gid: 8 },
  { name: "m", type: "file", content: "m\n", mode: 0o644, uid: 7, gid: 8 },
]);
add("base-setgid-copy-workdir", "COPY and WORKDIR make directories in a setgid directory of the base image", "FROM oracle/copy-base:latest\nCOPY a.txt /w/n/m/x\nCOPY --chown=bob a.txt /w/n2/y\nCOPY sub /w/d2/\nWORKDIR /w/wd\nUSER alice\nWORKDIR /w/wa/wb\n", BASIC, ["/w"], { note: COPY_BASE_NOTE });
add("base-setgid-add-archive", "ADD extracts an archive into, and makes its destination in, a setgid directory of the base image", "FROM oracle/copy-base:latest\nADD t.tar /w/\nADD t.tar /w/new/\nADD --chown=alice:staff t.tar /w/c/\n", { "t.tar": SETGID_TAR }, ["/w"], { note: COPY_BASE_NOTE });
add("base-rewrite-same-bytes", "The classic builder: COPY rewrites base image files with the same bytes (a layer, the times differ), then another COPY", "FROM oracle/copy-base:latest\nCOPY etc/ /etc/\nCOPY a.txt /dst/\n", { "etc/passwd": PASSWD, "etc/group": "root:x:0:\nalicegrp:x:1002:\nstaff:x:2000:alice\ndevs:x:2001:bob\nbob:x:3000:\n", "a.txt": "A\n" }, ["/dst", "/etc/passwd", "/etc/group"], { note: COPY_BASE_NOTE });

export const COPY_CASES: readonly CopyCase[] = cases;
