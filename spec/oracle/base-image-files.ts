/**
 * What the simulator is told about the files of the oracle's base images (`spec/oracle/base-images.ts`):
 * the user databases, which decide `COPY --chown=name`, `USER name` + `RUN`, and WORKDIR owners. The
 * busybox images have no `/etc/passwd` or `/etc/group`; `oracle/passwd` has both. Everything else in
 * them stays unknown to the simulator (`complete: false`).
 *
 * @module
 */
import type { ImageFiles } from "../../src/image/base-image-files.js";
import { BASE_IMAGES, type BaseImageName } from "./base-images.js";

/** The files the simulator knows of an oracle base image. */
export function oracleImageFiles(name: BaseImageName): ImageFiles {
  const spec = BASE_IMAGES[name] as { files?: Readonly<Record<string, string>> };
  if (name === "passwd" && spec.files !== undefined) {
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
