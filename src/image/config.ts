import { exposedPortKeys, type TracedPortSpan } from "./exposed-ports.js";
import type { Origin, Traced } from "./origin.js";
import type { TracedEntry } from "./traced-entry.js";

/** A HEALTHCHECK as Docker stores it; durations in nanoseconds, 0 meaning "default". */
export interface HealthConfig {
  readonly Test: readonly string[];
  readonly Interval?: number;
  readonly Timeout?: number;
  readonly StartPeriod?: number;
  readonly StartInterval?: number;
  readonly Retries?: number;
}

export type { TracedEntry } from "./traced-entry.js";

/**
 * An image config as the simulator tracks it: Docker's `.Config` fields, each with where it came
 * from. Keyed collections keep Docker's order (Env in place order; maps are sorted on output).
 * `ExposedPorts` keeps one span per EXPOSE word or base-image key (a range is one span):
 * `exposedPortEntries` lists it per port.
 */
export interface TracedConfig {
  readonly Entrypoint: Traced<readonly string[] | null>;
  readonly Cmd: Traced<readonly string[] | null>;
  readonly Env: readonly TracedEntry[];
  readonly WorkingDir: Traced<string>;
  readonly User: Traced<string>;
  readonly ExposedPorts: readonly TracedPortSpan[];
  readonly Volumes: readonly TracedEntry[];
  readonly Labels: readonly TracedEntry[];
  readonly StopSignal: Traced<string>;
  readonly Healthcheck: Traced<HealthConfig | null>;
  readonly Shell: Traced<readonly string[] | null>;
  readonly OnBuild: readonly TracedEntry[];
  readonly ArgsEscaped: boolean;
  /** The image's top-level `Author` (set by MAINTAINER). */
  readonly Author: Traced<string>;
}

/** The subset of `docker image inspect` `.Config` an image config is read from and written to. */
export interface InspectConfig {
  readonly Entrypoint: string[] | null;
  readonly Cmd: string[] | null;
  readonly Env: string[] | null;
  readonly WorkingDir: string | null;
  readonly User: string | null;
  readonly ExposedPorts: Record<string, Record<string, never>> | null;
  readonly Volumes: Record<string, Record<string, never>> | null;
  readonly Labels: Record<string, string> | null;
  readonly StopSignal: string | null;
  readonly Healthcheck: HealthConfig | null;
  readonly Shell: string[] | null;
  readonly OnBuild: string[] | null;
}

/**
 * Sets or replaces keys of an ordered collection in order: an existing key is replaced in place
 * (Docker's `addEnv`), a new one appended. Linear time in the items.
 */
export function upsertEntries(entries: readonly TracedEntry[], items: readonly { readonly key: string; readonly value: string }[], origin: Origin): readonly TracedEntry[] {
  // An array this function returned is owned by the stage being evaluated (every stage starts
  // from fresh arrays, see evaluate/initial-config), so later updates extend it in place with a
  // cached key index instead of copying: a chain of n ENVs stays linear.
  let out = entries as TracedEntry[];
  let index = INDEX.get(entries);
  if (index === undefined) {
    out = entries.slice();
    index = new Map<string, number>();
    out.forEach((e, i) => index!.set(e.key, i));
  } else INDEX.delete(entries);
  for (const { key, value } of items) {
    const i = index.get(key);
    if (i === undefined) {
      index.set(key, out.length);
      out.push({ key, value, origin });
    } else out[i] = { key, value, origin, replaced: out[i]! };
  }
  INDEX.set(out, index);
  return out;
}

/** The entry with this key, using the cached index when the array has one. */
export function findEntry(entries: readonly TracedEntry[], key: string): TracedEntry | undefined {
  const index = INDEX.get(entries);
  if (index !== undefined) {
    const i = index.get(key);
    return i === undefined ? undefined : entries[i];
  }
  return entries.find((e) => e.key === key);
}

/** Key indexes of the arrays {@link upsertEntries} owns (the last one it returned for a collection). */
const INDEX = new WeakMap<readonly TracedEntry[], Map<string, number>>();

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function mapOrNull<T>(entries: readonly TracedEntry[], f: (e: TracedEntry) => T): Record<string, T> | null {
  if (entries.length === 0) return null;
  const out: Record<string, T> = {};
  for (const e of [...entries].sort((a, b) => byKey(a.key, b.key))) out[e.key] = f(e);
  return out;
}

/** `ExposedPorts` as Docker writes it: every port of every span once, keys sorted. */
function portMapOrNull(spans: readonly TracedPortSpan[]): Record<string, Record<string, never>> | null {
  if (spans.length === 0) return null;
  const out: Record<string, Record<string, never>> = {};
  for (const k of exposedPortKeys(spans).sort(byKey)) out[k] = {};
  return out;
}

function listOrNull<T>(v: readonly T[] | null): T[] | null {
  return v === null || v.length === 0 ? null : [...v];
}

/**
 * The config in `docker image inspect` shape (what `{{json .Config}}` shows), with provenance
 * stripped. Docker omits unset fields; here they are `null`, so every key is always present.
 *
 * @example
 * ```ts
 * const plain = toInspectConfig(result.image.config);
 * plain.Cmd; // ["/bin/sh", "-c", "echo hi"]
 * ```
 */
export function toInspectConfig(c: TracedConfig): InspectConfig {
  return {
    Entrypoint: listOrNull(c.Entrypoint.value),
    Cmd: listOrNull(c.Cmd.value),
    Env: c.Env.length === 0 ? null : c.Env.map((e) => `${e.key}=${e.value}`),
    WorkingDir: c.WorkingDir.value === "" ? null : c.WorkingDir.value,
    User: c.User.value === "" ? null : c.User.value,
    ExposedPorts: portMapOrNull(c.ExposedPorts),
    Volumes: mapOrNull(c.Volumes, () => ({})),
    Labels: mapOrNull(c.Labels, (e) => e.value),
    StopSignal: c.StopSignal.value === "" ? null : c.StopSignal.value,
    Healthcheck: c.Healthcheck.value,
    Shell: listOrNull(c.Shell.value),
    OnBuild: c.OnBuild.length === 0 ? null : c.OnBuild.map((e) => e.value),
  };
}
