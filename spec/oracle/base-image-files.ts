/**
 * What the simulator is told about the files of the oracle's base images (`spec/oracle/base-images.ts`):
 * the user databases, which decide `COPY --chown=name`, `USER name` + `RUN`, and WORKDIR owners. The
 * busybox images have no `/etc/passwd` or `/etc/group`; `oracle/passwd` and `oracle/copy-base` have both. Everything else in
 * them stays unknown to the simulator (`complete: false`).
 *
 * @module
 */
import type { BaseImage, ImageFiles } from "../../src/image/base-image.js";
import { parseImageReference } from "../../src/docker/index.js";
import { engineAddress, engineImage } from "../../src/node/images/docker-engine.js";
import type { Engine } from "./docker-cli.js";
import { BASE_IMAGES, type BaseImageName } from "./base-images.js";

/** The files the simulator knows of an oracle base image. */
export function oracleImageFiles(name: BaseImageName): ImageFiles {
  const spec = BASE_IMAGES[name] as { files?: Readonly<Record<string, string>> };
  if (spec.files?.["passwd"] !== undefined) {
    return {
      complete: false,
      entries: {
        "/etc/passwd": { type: "file", content: spec.files["passwd"] ?? "" },
        "/etc/group": { type: "file", content: spec.files["group"] ?? "" },
      },
    };
  }
  return { complete: false, entries: { "/etc/passwd": { type: "absent" }, "/etc/group": { type: "absent" } } };
}

/**
 * The oracle's base images as the engine has them (read over the Engine API: config and layers from the
 * inspect endpoint, all files from the image export stream, `src/node/images/docker-engine.ts`), by
 * normalized reference: with these the simulator knows every directory, mode, owner and user database of
 * the bases, as a user running `explain-cmd --image-files` against their own engine would.
 */
export async function engineBaseImages(engine: Engine, refs: Iterable<string>): Promise<Map<string, BaseImage>> {
  const address = engineAddress({ DOCKER_HOST: engine.env.DOCKER_HOST });
  if (address === undefined) throw new Error(`cannot reach the engine at ${engine.env.DOCKER_HOST ?? "(default)"} over plain HTTP`);
  const out = new Map<string, BaseImage>();
  for (const ref of refs) {
    const p = parseImageReference(ref);
    if (!p.ok) continue;
    const r = await engineImage({ address }, p.value.normalized, { files: true });
    if (!r.ok) throw new Error(r.error);
    if (r.value !== undefined) out.set(p.value.normalized, r.value);
  }
  return out;
}

/** All the files of the oracle's base images as the engine has them ({@link engineBaseImages}), by normalized reference. */
export async function engineBaseFiles(engine: Engine, refs: Iterable<string>): Promise<Map<string, ImageFiles>> {
  const out = new Map<string, ImageFiles>();
  for (const [ref, image] of await engineBaseImages(engine, refs)) if (image.files !== undefined) out.set(ref, image.files);
  return out;
}
