/**
 * `.dockerignore` cases recorded on Docker Engine 28.5 with both builders by
 * `record-dockerignore.ts` (results in `engine-dockerignore.json`), replayed by `dockerignore.spec.ts`.
 */
import type { TreeDescription } from "../../../src/fs/context/memory-context.js";

/** The context shared by every case (the `.dockerignore` varies). */
export const ENGINE_TREE: TreeDescription = {
  "a.txt": "a",
  "b.txt": "b",
  "keep.txt": "keep",
  "other.md": "md",
  "abs.md": "abs",
  "x.log": "log",
  "f*.txt": "star",
  ".hidden": "h",
  dir: { dir: true, mode: 0o700 },
  "dir/a.txt": "da",
  "dir/keep.txt": "dk",
  "dir/b.md": "dm",
  "dir/sub/keep.txt": "dsk",
  "dir/sub/deep.txt": "dsd",
  "dir/sub/x1": "x1",
  "dir/sub/y.log": "ylog",
  "sub/c.txt": "sc",
  "sub/keep.txt": "sk",
  "dar/z": "z",
  link: { symlink: "a.txt" },
  Dockerfile: "FROM sim/busybox:latest\nCOPY . /ctx/\n",
};

/** `.dockerignore` contents, by case name. */
export const ENGINE_IGNORES: Readonly<Record<string, string>> = {
  notes: "*.txt\n!keep.txt\n/abs.md\nsub\n",
  dirException: "dir\n!dir/keep.txt\n",
  dirExceptionGlobstar: "dir\n!**/keep.txt\n",
  globstarLog: "**/*.log\n",
  dirGlobstar: "dir/**\n",
  everythingButSub: "**\n!dir/sub\n",
  buildFiles: "Dockerfile\n.dockerignore\n",
  starKeepDockerfile: "*\n!Dockerfile\n!dir\n",
  comments: "# comment\n  #notcomment\n ./dir/../a.txt \n\t*.md  \n",
  dirStarExceptSub: "dir/*\n!dir/sub\n",
  exceptionFirst: "!keep.txt\n*.txt\n",
  questionAndClass: "d?r\n[a-b].txt\n",
  negatedClass: "[^a].txt\n",
  starMiddle: "dir/*/deep.txt\n",
  globstarSub: "**/sub\n",
  dotAndSlash: ".\n/\n",
  dirExceptStarTxt: "dir\n!dir/*.txt\n",
  dirSubExceptX: "dir/sub\n!dir/sub/x*\n",
  starKeep: "*/keep.txt\n",
  escapedStar: "f\\*.txt\n",
  prefixGlobstar: "d**\n",
  suffixGlobstar: "**.md\n",
  dirExceptDeep: "dir\n!dir/sub/deep.txt\n",
  link: "link\n",
  hidden: ".*\n",
  bom: "\uFEFFa.txt\nb.txt\r\n",
};
