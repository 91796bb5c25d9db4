/**
 * Base images for the checks' oracle: tiny images of the engine's own platform and of another one it
 * can use without pulling, built FROM scratch with `--platform` (no emulation needed: no RUN), so that
 * InvalidBaseImagePlatform can be checked both ways. The Docker 28.5 engine here (classic image store)
 * uses a local image for a build only when its platform fits the requested one in containerd's sense:
 * `linux/386` fits `linux/amd64`; `linux/arm64` does not (the engine then tries a registry, which is
 * unreachable). An image without layers is not checked by Docker, so one is here too.
 *
 * The checker gets the same facts through a resolver built from the inspect JSON shape.
 *
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PATH } from "../../src/evaluate/initial-config.js";
import { imageFromInspect, mapResolver, type BaseImage, type BaseImageResolver } from "../../src/index.js";
import { runDocker, type Engine } from "../oracle/docker-cli.js";

interface CheckImage {
  readonly os: string;
  readonly architecture: string;
  /** Whether the image has a layer (a COPY); without one Docker skips the platform check. */
  readonly layer: boolean;
  /** ONBUILD triggers the image registers. */
  readonly onbuild?: readonly string[];
}

/** The images, by reference (tag `latest`). */
export const CHECK_IMAGES: Readonly<Record<string, CheckImage>> = {
  "dfs-check/amd64": { os: "linux", architecture: "amd64", layer: true },
  "dfs-check/i386": { os: "linux", architecture: "386", layer: true },
  "dfs-check/i386-empty": { os: "linux", architecture: "386", layer: false },
  "dfs-check/onbuild": { os: "linux", architecture: "amd64", layer: true, onbuild: ["ENV TRIGGERED $UNSET_IN_TRIGGER", "WORKDIR rel"] },
};

/** What `docker image inspect` says of such an image, as far as the checks read it. */
function inspectOf(c: CheckImage): Record<string, unknown> {
  return {
    Os: c.os,
    Architecture: c.architecture,
    Config: { Env: [`PATH=${DEFAULT_PATH}`], WorkingDir: "/", OnBuild: c.onbuild ?? null },
    RootFS: c.layer ? { Type: "layers", Layers: ["sha256:" + "0".repeat(64)] } : { Type: "layers" },
  };
}

/** A resolver that knows {@link CHECK_IMAGES} (by their normalized references). */
export function checkImageResolver(): BaseImageResolver {
  const images = new Map<string, BaseImage>();
  for (const [ref, c] of Object.entries(CHECK_IMAGES)) {
    const normalized = `docker.io/${ref}:latest`;
    const r = imageFromInspect(normalized, inspectOf(c));
    if (!r.ok) throw new Error(r.error);
    images.set(normalized, r.value);
  }
  return mapResolver(images);
}

/** Builds the images the engine does not have yet (checked by `docker image inspect`: OS, architecture, layers). */
export async function ensureCheckImages(engine: Engine): Promise<void> {
  for (const [ref, c] of Object.entries(CHECK_IMAGES)) {
    const have = await runDocker(engine, ["image", "inspect", ref], { timeoutMs: 60_000 });
    if (have.code === 0) {
      const [i] = JSON.parse(have.stdout.toString("utf8")) as { Os: string; Architecture: string; RootFS?: { Layers?: unknown[] }; Config?: { OnBuild?: string[] | null } }[];
      const same = i !== undefined && i.Os === c.os && i.Architecture === c.architecture && (i.RootFS?.Layers?.length ?? 0) > 0 === c.layer;
      if (same && JSON.stringify(i.Config?.OnBuild ?? []) === JSON.stringify(c.onbuild ?? [])) continue;
    }
    const dir = mkdtempSync(join(tmpdir(), "dfs-check-image-"));
    try {
      writeFileSync(join(dir, "f.txt"), "x\n");
      const triggers = (c.onbuild ?? []).map((t) => `ONBUILD ${t}\n`).join("");
      writeFileSync(join(dir, "Dockerfile"), (c.layer ? "FROM scratch\nCOPY f.txt /f.txt\n" : "FROM scratch\nLABEL org.example.empty=1\n") + triggers);
      const r = await runDocker(engine, ["buildx", "build", "--network=none", "--progress=quiet", "--platform", `${c.os}/${c.architecture}`, "--load", "-t", ref, dir], { timeoutMs: 300_000 });
      if (r.code !== 0) throw new Error(`building ${ref} failed: ${r.stderr.slice(-500)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
