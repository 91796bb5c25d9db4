/**
 * Finding Dockerfiles under the paths given: a file is taken as it is; a directory is searched recursively
 * for `Dockerfile`, `*.Dockerfile`, `Dockerfile.*`, `Containerfile` and `Containerfile.*`, skipping `.git`
 * and whatever the `.gitignore` files on the way exclude (git's rules, via the `ignore` package). Paths are
 * yielded one at a time, in a stable order, so a large tree is never listed in memory at once.
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

/** Whether a file name is a Dockerfile by its name. */
export function isDockerfileName(name: string): boolean {
  return name === "Dockerfile" || name === "Containerfile" || name.endsWith(".Dockerfile") || name.startsWith("Dockerfile.") || name.startsWith("Containerfile.");
}

interface Scope {
  readonly dir: string;
  readonly rules: Ignore;
}

function gitignoreOf(dir: string): Ignore | null {
  try {
    return ignore().add(readFileSync(join(dir, ".gitignore"), "utf8"));
  } catch {
    return null;
  }
}

function ignored(scopes: readonly Scope[], path: string, isDir: boolean): boolean {
  for (const s of scopes) {
    const rel = relative(s.dir, path).split(sep).join("/");
    if (rel === "" || rel.startsWith("..")) continue;
    if (s.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function* walk(dir: string, scopes: readonly Scope[]): Generator<string> {
  const own = gitignoreOf(dir);
  const here = own === null ? scopes : [...scopes, { dir, rules: own }];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === ".git" || ignored(here, path, true)) continue;
      yield* walk(path, here);
    } else if ((e.isFile() || e.isSymbolicLink()) && isDockerfileName(e.name) && !ignored(here, path, false)) {
      yield path;
    }
  }
}

/**
 * The Dockerfiles the command-line paths name (`-` stays `-`, standard input). A path that does not exist
 * is yielded as it is, and reported unreadable later.
 */
export function* discoverDockerfiles(paths: readonly string[]): Generator<string> {
  for (const p of paths) {
    if (p === "-") {
      yield p;
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      yield p;
      continue;
    }
    if (isDir) yield* walk(p, []);
    else yield p;
  }
}
