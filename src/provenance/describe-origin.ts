import { assertNever } from "../core/assert-never.js";
import type { Origin } from "../image/origin.js";

/**
 * Says in plain words where a value came from.
 *
 * @example
 * ```ts
 * describeOrigin({ kind: "base-image", image: "docker.io/library/nginx:latest" });
 * // "inherited from the base image docker.io/library/nginx:latest"
 * describeOrigin({ kind: "base-image", image: "docker.io/library/app:1", unknown: true });
 * // "not known: the base image docker.io/library/app:1 is unknown to the simulator, which takes this as unset"
 * ```
 */
export function describeOrigin(origin: Origin, via?: readonly string[]): string {
  const through = via !== undefined && via.length > 0 ? ` (through stage ${via.map((v) => JSON.stringify(v)).join(", ")})` : "";
  switch (origin.kind) {
    case "instruction": {
      const s = origin.site;
      const trig = s.triggeredBy === undefined ? "" : ` (an ONBUILD trigger of ${s.triggeredBy})`;
      return `line ${s.line}, stage ${JSON.stringify(s.stage)}: ${s.text.trim()}${trig}${through}`;
    }
    case "base-image":
      return origin.unknown === true
        ? `not known: the base image ${origin.image} is unknown to the simulator, which takes this as unset${through}`
        : `inherited from the base image ${origin.image}${through}`;
    case "default":
      return `builder default: ${origin.reason}${through}`;
    case "reset":
      return `cleared by line ${origin.site.line} (${origin.site.text.trim()}), because ${origin.reason}${through}`;
    case "run":
      return `docker run ${origin.option}`;
    default:
      return assertNever(origin, "origin");
  }
}
