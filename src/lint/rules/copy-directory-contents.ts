import type { LintFinding } from "../finding.js";
import type { LintRule } from "../rule.js";
import { findingOf } from "../rule.js";
import { contextSourceEntry } from "./context-source.js";

const GLOB = /[*?[]/;
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;
const PENDING = "no build context was given, so a directory is guessed from the name (pass the context to know)";

/** The instruction's flags as written (`--from=build --chown=app`), each followed by a space, to keep them in a suggested fix. */
function flagsText(i: { readonly flags: readonly { readonly name: string; readonly value: string | null }[] }): string {
  return i.flags.map((f) => (f.value === null ? `--${f.name} ` : `--${f.name}=${f.value} `)).join("");
}

function lastSegment(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/**
 * `COPY dir /dest/` copies what is *inside* `dir` into `/dest/`, not `dir` itself (unlike
 * `cp -r`). Reported when a source looks like a directory (a trailing `/`, or a lower-case name
 * without an extension from the build context) and the destination does not end in its name. Not
 * reported for a destination of `/`, where merging the contents is the usual intent; the suggested
 * fix keeps the instruction's flags (`--from`, `--chown`, …).
 */
export const copyDirectoryContents: LintRule = {
  code: "lint/copy-directory-contents",
  severity: "info",
  title: "COPY of a directory copies its contents",
  check(ctx) {
    const out: LintFinding[] = [];
    for (const stage of ctx.stages) {
      for (const i of stage.instructions) {
        if (i.keyword !== "COPY" && i.keyword !== "ADD") continue;
        if (i.keyword === "COPY" && i.parents) continue;
        const fromStage = i.keyword === "COPY" && i.from !== null;
        const dest = i.destination.value;
        // Merging a directory's contents into the root (`COPY --from=build /rootfs/ /`) is the point, not a slip.
        if (/^\/+$/.test(dest)) continue;
        for (const s of i.sources) {
          const name = lastSegment(s.value);
          if (name === "" || name === "." || name === ".." || GLOB.test(s.value) || REMOTE.test(s.value) || s.value.startsWith("<<")) continue;
          const slash = s.value.endsWith("/");
          const entry = fromStage ? undefined : contextSourceEntry(ctx, s.value);
          const known = entry !== undefined;
          if (known && entry?.type !== "dir") continue;
          const guessed = !slash && !fromStage && !name.includes(".") && /^[a-z]/.test(name);
          if (!known && !slash && !guessed) continue;
          if (lastSegment(dest) === name) continue;
          const target = `${dest.replace(/\/+$/, "")}/${name}/`;
          const message = `${i.keyword} on line ${i.line} copies what is inside ${s.value}${slash ? "" : " (if it is a directory)"} into ${dest}, not the directory itself; to get ${target}, write ${i.keyword} ${flagsText(i)}${s.value} ${target}`;
          const sure = slash || known;
          const text = known ? message.replace(" (if it is a directory)", "") : message;
          out.push(findingOf(copyDirectoryContents, text, s.range, sure ? {} : { pending: PENDING }));
        }
      }
    }
    return out;
  },
};
