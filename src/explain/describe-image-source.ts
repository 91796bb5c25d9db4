import { parseImageReference } from "../docker/index.js";
import { assertNever } from "../core/assert-never.js";
import type { BaseImage } from "../image/base-image.js";

/** One external image a build uses, as the text output lists it. */
export interface ExplainedImage {
  /** The familiar name, e.g. `node:20-alpine`. */
  readonly name: string;
  /** Where it came from, in words, e.g. `from the local Docker daemon (sha256:…, linux/amd64)`. */
  readonly source: string;
}

/**
 * Says in words where the simulator learnt an external image from, and how far to trust it.
 *
 * @example
 * ```ts
 * describeImageSource({ ...unknownImage("docker.io/library/node:20"), known: true, source: "catalog", sourceDetail: "docker-library/node@0123abc" });
 * // "from the bundled catalog, docker-library/node@0123abc; the image you pull may differ"
 * ```
 */
export function describeImageSource(image: BaseImage): string {
  const detail = image.sourceDetail === undefined ? "" : ` ${image.sourceDetail}`;
  const what = [image.digest, image.platform].filter((x): x is string => x !== undefined);
  const id = what.length === 0 ? "" : ` (${what.join(", ")})`;
  switch (image.source) {
    case "inspect":
      return `from the inspect JSON${detail}${id}`;
    case "save":
      return `from the image archive${detail}${id}`;
    case "daemon":
      return `from the local Docker daemon${id}`;
    case "cache":
      return `from the on-disk image cache${id}${image.sourceDetail === undefined ? "" : `, read earlier from${detail}`}`;
    case "registry":
      return `pulled from the registry${detail}${id}`;
    case "catalog":
      return `from the bundled catalog${image.sourceDetail === undefined ? "" : `,${detail}`}${id}; the image you pull may differ`;
    case "unknown":
      return "unknown to the simulator (no --image file, daemon, cache, registry or catalog entry knew it)";
    default:
      return assertNever(image.source);
  }
}

/** The external images of a build with where each came from, for the text output. */
export function explainImages(images: readonly BaseImage[]): ExplainedImage[] {
  return images.map((image) => {
    const ref = parseImageReference(image.ref);
    return { name: ref.ok ? ref.value.familiar : image.ref, source: describeImageSource(image) };
  });
}
