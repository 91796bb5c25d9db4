/// <reference lib="dom" />
/**
 * The playground's state in the URL's fragment, so a link restores it. The format is documented on the
 * playground page (docs/playground.md): URL-encoded `key=value` pairs after `#`, as URLSearchParams reads
 * them. Only `df` is required.
 *
 * | key | value | repeat |
 * |-----|-------|--------|
 * | `df` | the Dockerfile | once |
 * | `b`  | `buildkit` (default) or `legacy` | once |
 * | `t`  | the target stage | once |
 * | `a`  | a build arg, `NAME=value` | per arg |
 * | `r`  | what follows the image in `docker run` (with its options), as typed | once |
 * | `f`  | a build-context file, `path=content` | per file |
 * | `i`  | a base image, `reference=<docker image inspect JSON>` | per image |
 */
import type { PlaygroundInput } from "../../../site/engine.js";

/** The fragment (without `#`) that stands for an input. */
export function encodeState(s: PlaygroundInput): string {
  const p = new URLSearchParams();
  p.set("df", s.dockerfile);
  if (s.builder !== "buildkit") p.set("b", s.builder);
  if (s.target !== "") p.set("t", s.target);
  for (const [k, v] of Object.entries(s.buildArgs)) p.append("a", `${k}=${v}`);
  if (s.run !== "") p.set("r", s.run);
  for (const [k, v] of Object.entries(s.files)) p.append("f", `${k}=${v}`);
  for (const [k, v] of Object.entries(s.images)) p.append("i", `${k}=${JSON.stringify(v)}`);
  return p.toString();
}

function pairs(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf("=");
    if (eq > 0) out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/** The input a fragment stands for, or null when it has no `df`. Bad image JSON is kept as text (the engine reports it). */
export function decodeState(fragment: string): PlaygroundInput | null {
  const p = new URLSearchParams(fragment.replace(/^#/, ""));
  const dockerfile = p.get("df");
  if (dockerfile === null) return null;
  const images: Record<string, unknown> = {};
  for (const [ref, json] of Object.entries(pairs(p.getAll("i")))) {
    try {
      images[ref] = JSON.parse(json);
    } catch {
      images[ref] = json;
    }
  }
  return {
    dockerfile,
    builder: p.get("b") === "legacy" ? "legacy" : "buildkit",
    target: p.get("t") ?? "",
    buildArgs: pairs(p.getAll("a")),
    run: p.get("r") ?? "",
    files: pairs(p.getAll("f")),
    images,
  };
}
