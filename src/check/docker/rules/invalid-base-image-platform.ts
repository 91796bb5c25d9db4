/**
 * Docker's InvalidBaseImagePlatform check: whether a stage's base image has the platform the build
 * expects. BuildKit v0.25.2 decides it while resolving each stage's base image
 * (`frontend/dockerfile/dockerfile2llb/convert.go`, `toDispatchState` and
 * `validateBaseImagePlatform`): the expected platform is the stage's `FROM --platform` value, else the
 * build's target platform; only OS and architecture are compared (not the variant); an image without
 * layers (built FROM scratch with config only) is used as `scratch` and never checked; a stage built
 * FROM another stage is not checked. The detail prints both platforms as containerd's
 * `FormatAll(Normalize(…))` and the base name as written, after ARG expansion.
 *
 * A check run (`docker build --check`, `--call=check`) ignores the build's `--platform` flag: the
 * Dockerfile frontend's lint request gets no target platform, so the target is the engine's own
 * (verified on Docker 28.5.2: `--platform linux/386` still expects `linux/amd64`).
 *
 * @module
 */
import type { Platform } from "../../../evaluate/global-args.js";
import type { BaseImage } from "../../../image/base-image.js";
import type { LineSpan, Reporter } from "../check-state.js";
import { formatPlatformAll, imagePlatform, normalizePlatform, type ParsedPlatform } from "../platform.js";
import { DETAIL } from "../rule-table.js";

/** What the check says about one stage's base image. */
export type BaseImagePlatformVerdict =
  | { readonly kind: "ok" }
  | { readonly kind: "warning"; readonly detail: string }
  | { readonly kind: "undecided"; readonly reason: string };

// Go compares the image config's OS and architecture as written with the (parsed, so normalised) expected ones.
const sameOsArch = (actual: ParsedPlatform, expected: ParsedPlatform): boolean => actual.os === expected.os && actual.architecture === expected.architecture;

/**
 * Decides InvalidBaseImagePlatform for a stage FROM an external image.
 *
 * `name` is the base name after ARG expansion, `image` what the resolver knew (`undefined`: nothing),
 * `fromPlatform` the stage's parsed `--platform` (`null` without one), `target` the platform the
 * check runs for, which is also the platform the resolver looked images up for.
 *
 * Undecided when the image or its platform is unknown, when the platforms differ and the image's layer
 * count is unknown (a layerless image is not checked), when a stage's `--platform` names another
 * platform than the one the image was looked up for (the engine would look it up for that platform and
 * may find another image), and for a Windows image (the detail names its OS version, which the image
 * sources do not give).
 *
 * @example
 * ```ts
 * checkBaseImagePlatform("app", image386, null, { os: "linux", architecture: "amd64" });
 * // { kind: "warning", detail: 'Base image app was pulled with platform "linux/386", expected "linux/amd64" for current build' }
 * ```
 */
export function checkBaseImagePlatform(name: string, image: BaseImage | undefined, fromPlatform: ParsedPlatform | null, target: Platform): BaseImagePlatformVerdict {
  if (image === undefined || !image.known) return { kind: "undecided", reason: `the platform of base image ${name} is unknown` };
  const actual = image.platform === undefined ? undefined : imagePlatform(image.platform);
  if (actual === undefined) return { kind: "undecided", reason: `the platform of base image ${name} is unknown` };
  const targetPlatform = normalizePlatform(target);
  const expected = fromPlatform ?? targetPlatform;
  if (sameOsArch(actual, expected)) return { kind: "ok" };
  if (image.layers === 0) return { kind: "ok" };
  if (image.layers === null) return { kind: "undecided", reason: `base image ${name} has platform ${image.platform}; whether it has layers (an empty image is not checked) is unknown` };
  if (!sameOsArch(expected, targetPlatform)) {
    return { kind: "undecided", reason: `base image ${name} was looked up for ${formatPlatformAll(target)}, but the stage asks for ${formatPlatformAll(expected)}: the engine would look it up for that platform` };
  }
  if (actual.os.toLowerCase() === "windows") return { kind: "undecided", reason: `base image ${name} is a Windows image: Docker's detail names its OS version, which is unknown` };
  return { kind: "warning", detail: DETAIL.InvalidBaseImagePlatform(name, formatPlatformAll(expected), formatPlatformAll(actual)) };
}

/** Reports the verdict for a stage's base image, or an image `COPY --from` names (resolved like a base, at the COPY). */
export function reportBaseImagePlatform(out: Reporter, name: string, image: BaseImage | undefined, fromPlatform: ParsedPlatform | null, target: Platform, lines: LineSpan): void {
  const verdict = checkBaseImagePlatform(name, image, fromPlatform, target);
  if (verdict.kind === "warning") out.report("InvalidBaseImagePlatform", verdict.detail, lines);
  else if (verdict.kind === "undecided") out.undecide("InvalidBaseImagePlatform", lines, verdict.reason);
}

/**
 * An image a `RUN --mount=from=` names is resolved like a base too, but Docker reports its finding
 * without a location (`detectRunMount` gives the stage none), which a finding here cannot carry: so
 * anything but "ok" is undecided, at the RUN.
 */
export function reportMountedImagePlatform(out: Reporter, name: string, image: BaseImage | undefined, target: Platform, lines: LineSpan): void {
  const verdict = checkBaseImagePlatform(name, image, null, target);
  if (verdict.kind !== "ok") out.undecide("InvalidBaseImagePlatform", lines, verdict.kind === "warning" ? `Docker reports this without a location: ${verdict.detail}` : verdict.reason);
}
