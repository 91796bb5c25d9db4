/**
 * Simulates the examples of the warning-code pages (`warning-codes.ts`) with the playground's engine, so the
 * findings a page shows are computed at site build. Used by `docs/warnings/[code].paths.ts` and the spec.
 *
 * @module
 */
import { analyze, type FindingView } from "./engine.js";
import type { WarningCodePage } from "./warning-codes.js";

/** A minimal busybox image (no ENTRYPOINT, no CMD), known to every example unless it brings its own. */
const BUSYBOX = { Config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: ["sh"] }, Os: "linux", RootFS: { Layers: ["sha256:8cff950bdf8664bb3e4d6945077a2ebe2b220b2690ce6066020230fea53dc091"] } };

/** The findings of a page's example (and of its fixed version). */
export function findingsOfExample(page: WarningCodePage, dockerfile: string): FindingView[] {
  const o = page.example.options ?? {};
  const images: Record<string, unknown> = page.code === "image/unknown" ? {} : { busybox: BUSYBOX };
  for (const [ref, config] of Object.entries(o.images ?? {})) images[ref] = { Config: config, Os: "linux", RootFS: { Layers: ["sha256:0"] } };
  return [
    ...analyze({
      dockerfile,
      builder: o.builder ?? "buildkit",
      target: "",
      buildArgs: {},
      run: o.run?.args?.join(" ") ?? "",
      images,
      files: { ...(o.context ?? {}) },
    }).findings,
  ];
}
