/**
 * `RUN --mount` option values as the Dockerfile frontend reads them while dispatching, where every
 * `key=value` value is expanded (and an unset variable in it is an UndefinedVar finding), and as its
 * parser reads them before (the stages the mounts name): BuildKit
 * v0.25.2 `frontend/dockerfile/instructions/commands_runmount.go` (`setMountState`, `parseMount`, called
 * from `RunCommand.Expand`) with the one-line CSV reader of github.com/tonistiigi/go-csvvalue. The first
 * invalid field ends the build, and so the check run, with the error returned here.
 *
 * @module
 */
import { suggestClosest } from "../core/suggest.js";

const MOUNT_TYPES = ["bind", "cache", "tmpfs", "secret", "ssh"] as const;
const SHARING = ["shared", "private", "locked"] as const;
const KEYS = ["type", "from", "source", "target", "readonly", "id", "sharing", "required", "size", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw", "readwrite", "env"];
const GO_BOOL = new Set(["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"]);

/** The fields of one CSV line (comma-separated, `"…"` quoting with `""` for a quote), or an error. */
export function csvFields(line: string): { ok: true; fields: string[] } | { ok: false; error: string } {
  let rest = line.endsWith("\r\n") ? line.slice(0, -2) : line.endsWith("\n") ? line.slice(0, -1) : line;
  if (rest === "") return { ok: false, error: "EOF" };
  const fields: string[] = [];
  for (;;) {
    if (!rest.startsWith('"')) {
      const comma = rest.indexOf(",");
      const field = comma < 0 ? rest : rest.slice(0, comma);
      if (field.includes('"')) return { ok: false, error: 'bare " in non-quoted-field' };
      fields.push(field);
      if (comma < 0) return { ok: true, fields };
      rest = rest.slice(comma + 1);
      continue;
    }
    let field = "";
    rest = rest.slice(1);
    for (;;) {
      const q = rest.indexOf('"');
      if (q < 0) return { ok: false, error: 'extraneous or missing " in quoted-field' };
      field += rest.slice(0, q);
      rest = rest.slice(q + 1);
      if (rest.startsWith('"')) {
        field += '"';
        rest = rest.slice(1);
      } else if (rest.startsWith(",")) {
        fields.push(field);
        rest = rest.slice(1);
        break;
      } else if (rest === "") {
        fields.push(field);
        return { ok: true, fields };
      } else return { ok: false, error: 'extraneous or missing " in quoted-field' };
    }
  }
}

/**
 * Expands and validates one `--mount` value as `parseMount` does with an expander: `expand` is called
 * on each `key=value` value in order (it reports unset variables) and returns the expanded text, or
 * `null` when the expansion fails. Returns the mount's type, `from`, `target`, or the build error the
 * value causes.
 *
 * @example
 * ```ts
 * expandRunMount("type=cache,target=$DIR", (w) => w.replace("$DIR", "/c")); // { ok: true, mount: { type: "cache", from: "", target: "/c" } }
 * expandRunMount("type=nope,target=/x", (w) => w);                          // { ok: false, error: 'unsupported mount type "nope"' }
 * ```
 */
export function expandRunMount(value: string, expand: (word: string) => string | null): { ok: true; mount: RunMount } | { ok: false; error: string } {
  const r = readMount(value, expand);
  return typeof r === "string" ? { ok: false, error: r } : { ok: true, mount: r };
}

/** What the checks need of a `--mount`. */
export interface RunMount {
  readonly type: string;
  readonly from: string;
  readonly target: string;
}

function readMount(value: string, expand: (word: string) => string | null): RunMount | string {
  const csv = csvFields(value);
  if (!csv.ok) return `failed to parse csv mounts: ${csv.error}`;
  let type = "bind";
  let from = "";
  let source = "";
  let target = "";
  let id = "";
  let sharing = "";
  let fileInfo = false;
  for (const field of csv.fields) {
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (["readonly", "ro", "readwrite", "rw"].includes(key)) continue;
      if (key === "required" && (type === "secret" || type === "ssh")) continue;
      if (key === "required") return `unexpected key '${key}' for mount type '${type}'`;
      return `invalid field '${field}' must be a key=value pair`;
    }
    const v = expand(field.slice(eq + 1));
    if (v === null) return `failed to expand the --mount value ${field}`;
    switch (key) {
      case "type": {
        const t = v.toLowerCase();
        if (!(MOUNT_TYPES as readonly string[]).includes(t)) return withSuggestion(`unsupported mount type "${v}"`, v, MOUNT_TYPES);
        type = t;
        break;
      }
      case "from":
        from = v;
        break;
      case "source":
      case "src":
        source = v;
        break;
      case "target":
      case "dst":
      case "destination":
        target = v;
        break;
      case "readonly":
      case "ro":
      case "readwrite":
      case "rw":
        if (!GO_BOOL.has(v)) return `invalid value for ${key}: ${v}`;
        break;
      case "required":
        if (type !== "secret" && type !== "ssh") return `unexpected key '${key}' for mount type '${type}'`;
        if (!GO_BOOL.has(v)) return `invalid value for ${key}: ${v}`;
        break;
      case "size":
        if (type !== "tmpfs") return `unexpected key '${key}' for mount type '${type}'`;
        if (!/^\d+(\.\d+)* ?[kKmMgGtTpP]?[iI]?[bB]?$/.test(v)) return `invalid value for ${key}: ${v}`;
        break;
      case "id":
        id = v;
        break;
      case "sharing": {
        const m = v.toLowerCase();
        if (!(SHARING as readonly string[]).includes(m)) return withSuggestion(`unsupported sharing value "${v}"`, v, SHARING);
        sharing = m;
        break;
      }
      case "mode":
        if (!/^[+]?[0-7]+$/.test(v) || parseInt(v, 8) > 0xffffffff) return `invalid value ${v} for mode`;
        fileInfo = true;
        break;
      case "uid":
      case "gid":
        if (!/^[+]?\d+$/.test(v) || Number(v) > 0xffffffff) return `invalid value ${v} for ${key}`;
        fileInfo = true;
        break;
      case "env":
        break;
      default:
        return withSuggestion(`unexpected key '${key}' in '${field}'`, key, KEYS);
    }
  }
  if (fileInfo && type !== "secret" && type !== "ssh" && type !== "cache") return `mode, uid or gid not allowed for "${type}" type mounts`;
  if (type === "secret") {
    if (from !== "") return "secret mount should not have a from";
    if (sharing !== "") return "secret mount should not define sharing";
    if (source === "" && target === "" && id === "") return "invalid secret mount. one of source, target required";
    if (source !== "" && id !== "") return "both source and id can't be set";
  }
  if (sharing !== "" && type !== "cache") return `invalid cache sharing set for ${type} mount`;
  return { type, from, target };
}

/**
 * The name one `--mount` value takes files from as BuildKit's parser reads it, with no variable
 * expanded (`runMountPostHook` calls `parseMount` without an expander; `detectRunMount` then looks the
 * value up): the last `from=` field's value, `scratch` when there is none or it is empty (so a stage
 * named `scratch` is a dependency of every such RUN), or the parse error that ends the build: a CSV
 * error, or a `$` anywhere in `from` but at its end.
 *
 * @example
 * ```ts
 * readMountSource("type=cache,target=/c");  // { ok: true, source: "scratch" }
 * readMountSource("from=build,target=/b");  // { ok: true, source: "build" }
 * readMountSource("from=$S,target=/b");     // { ok: false, error: "'from' doesn't support variable expansion, define alias stage instead" }
 * ```
 */
export function readMountSource(value: string): { ok: true; source: string } | { ok: false; error: string } {
  const csv = csvFields(value);
  if (!csv.ok) return { ok: false, error: `failed to parse csv mounts: ${csv.error}` };
  let from = "";
  for (const field of csv.fields) {
    const eq = field.indexOf("=");
    if (eq < 0 || field.slice(0, eq).toLowerCase() !== "from") continue;
    from = field.slice(eq + 1);
    const dollar = from.indexOf("$");
    if (dollar >= 0 && dollar !== from.length - 1) return { ok: false, error: "'from' doesn't support variable expansion, define alias stage instead" };
  }
  return { ok: true, source: from === "" ? "scratch" : from };
}

/**
 * The names the mounts of a RUN take files from, as BuildKit's `detectRunMount` sees them at parse time
 * (see {@link readMountSource}); a value that fails to parse (and so fails the build) counts as `scratch`.
 *
 * @example
 * ```ts
 * mountSources(["type=cache,target=/c", "from=build,target=/b"]); // ["scratch", "build"]
 * ```
 */
export function mountSources(values: readonly string[]): string[] {
  return values.map((v) => {
    const r = readMountSource(v);
    return r.ok ? r.source : "scratch";
  });
}

/** The `--mount` values of a RUN's flags, in order. */
export function mountValues(flags: readonly { readonly name: string; readonly value: string | null }[]): string[] {
  return flags.flatMap((f) => (f.name.toLowerCase() === "mount" && f.value !== null ? [f.value] : []));
}

function withSuggestion(message: string, value: string, options: readonly string[]): string {
  const s = suggestClosest(value, [...options], true);
  return s === undefined ? message : `${message} (did you mean ${s}?)`;
}
