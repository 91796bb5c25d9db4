import type { LintFinding } from "../finding.js";
import type { LintRule } from "../rule.js";
import { findingOf } from "../rule.js";
import { resolveContext } from "../../evaluate/stage-files.js";
import { contextSourceEntry } from "./context-source.js";

/** Names Docker's archive detection may unpack: tar, optionally gzip/bzip2/xz/zstd-compressed. */
const TAR_LIKE = /\.(tar|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst)$/i;
/** Archive formats ADD never unpacks. */
const NOT_TAR = /\.(zip|jar|war|7z|rar)$/i;
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

const PENDING = "no build context was given, so this is judged from the name (pass the context to judge by content)";

/**
 * ADD unpacks a *local* source whose content is a tar archive (plain or compressed), whatever its
 * name; it never unpacks a URL (without `--unpack`), nor zip files. With a build context, the
 * content decides (as Docker decides); without one, the name is all there is to go by.
 */
export const addUnpacksArchive: LintRule = {
  code: "lint/add-unpacks-archive",
  severity: "warning",
  title: "ADD unpacks (or does not unpack) an archive",
  check(ctx) {
    const out: LintFinding[] = [];
    for (const stage of ctx.stages) {
      for (const i of stage.instructions) {
        if (i.keyword !== "ADD") continue;
        const dest = i.destination.value;
        for (const s of i.sources) {
          const name = s.value;
          if (REMOTE.test(name)) {
            if (TAR_LIKE.test(name) && i.unpack !== true) {
              out.push(findingOf(addUnpacksArchive, `ADD on line ${i.line} downloads ${name} and does not unpack it: ADD never unpacks a URL (without --unpack); it is saved as a file in ${dest}`, s.range, { severity: "info" }));
            }
          } else if (i.unpack !== false && contextSourceEntry(ctx, name) !== undefined) {
            const entry = contextSourceEntry(ctx, name);
            if (entry?.type !== "file") continue;
            const reader = ctx.options.archives ?? resolveContext(ctx.options.context, ctx.sim.evaluation.builder)?.archives;
            if (reader === undefined) continue;
            const archive = reader.detect(entry.content).archive;
            if (archive) {
              out.push(findingOf(addUnpacksArchive, `ADD on line ${i.line}: ${name} is a tar archive (by its content), so ADD extracts it into ${dest} instead of copying the file; use COPY to copy it as it is`, s.range));
            } else if (TAR_LIKE.test(name)) {
              out.push(findingOf(addUnpacksArchive, `ADD on line ${i.line} copies ${name} as a file without unpacking it: despite its name, its content is not a tar archive`, s.range, { severity: "info" }));
            }
          } else if (TAR_LIKE.test(name) && i.unpack !== false) {
            out.push(findingOf(addUnpacksArchive, `ADD on line ${i.line}: ADD of a local file unpacks it if its content is a tar archive, so ${name} is extracted into ${dest}, not copied as a file; use COPY to copy it as it is`, s.range, { pending: PENDING }));
          } else if (NOT_TAR.test(name)) {
            out.push(findingOf(addUnpacksArchive, `ADD on line ${i.line} copies ${name} without unpacking it: ADD unpacks only tar archives (plain, gzip, bzip2, xz or zstd), never zip; use COPY, and unzip in a RUN`, s.range, { severity: "info" }));
          }
        }
      }
    }
    return out;
  },
};
