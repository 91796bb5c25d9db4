/**
 * Context entries a builder cannot send as they are (`ContextProblem`, read from a directory on
 * disk): a name that is not UTF-8, an unreadable directory or file. What Docker 28.5 does, verified
 * with both builders (`spec/fixtures/engine-28.5/context-problems.json`):
 *
 * - classic builder: the docker CLI checks the whole context before sending it
 *   (`ValidateContextDirectory`) and refuses an unreadable directory (`can't stat`) or file (`no
 *   permission to read from`), even one `.dockerignore` excludes; names are sent as bytes, so a
 *   non-UTF-8 name is copied as is.
 * - BuildKit: only what the include patterns transfer is read; a non-UTF-8 name among it fails the
 *   gRPC transfer, an unreadable directory it must open fails the sender; an unreadable file is sent
 *   empty, with its mode.
 *
 * @module
 */
import { PatternMatcher } from "../fs/context/pattern-matcher.js";
import type { BuildContext, ContextProblem } from "../fs/context-types.js";
import { fail, note, type EvalContext } from "./context.js";
import { FailurePhase } from "./failure-phase.js";

const NON_UTF8_TRANSFER = "Internal: rpc error: code = Internal desc = grpc: failed to unmarshal the received message: string field contains invalid UTF-8";

/** Whether BuildKit's client reads this entry: an include pattern covers it (or, for a directory, something below it), and `.dockerignore` keeps it. */
function transferred(context: BuildContext, includes: readonly string[], p: ContextProblem, matcher: PatternMatcher | null): boolean {
  if (context.isIgnored(p.path)) return false;
  if (includes.some((i) => i === "." || i === "")) return true;
  try {
    if (matcher?.matchesOrParentMatches(p.path) === true) return true;
  } catch {
    return true;
  }
  // A directory is opened to look for what a pattern names below it.
  return p.kind === "unreadable-dir" && includes.some((i) => i.startsWith(p.path + "/") || /[*?[\\]/.test(i.split("/")[0] ?? ""));
}

/** Records what each builder does with the context's problem entries. */
export function checkContextProblems(ctx: EvalContext): void {
  const context = ctx.context;
  const problems = context?.problems ?? [];
  if (context === null || problems.length === 0) return;
  if (ctx.rules.sendsWholeContextFirst) {
    // An unreadable directory is refused even when excluded (the walk cannot read it to skip what is below); a file only when sent.
    const refused = problems.find((p) => p.kind === "unreadable-dir" || (p.kind === "unreadable-file" && !context.isIgnored(p.path)));
    if (refused !== undefined) {
      fail(ctx, FailurePhase.emptyDockerfile, "build/context", refused.kind === "unreadable-dir" ? `checking context: can't stat '${refused.shown}'` : `checking context: no permission to read from '${refused.shown}'`, null);
      return;
    }
    for (const p of problems) if (p.kind === "non-utf8-name") note(ctx, "files/unknown", "info", `the context entry ${JSON.stringify(p.path)} has a name that is not valid UTF-8 (shown with U+FFFD): the classic builder sends and copies it under its own bytes`, null);
    return;
  }
  const includes = ctx.plan.includePatterns.map((p) => p.replace(/^\/+/, "").replace(/^\.\//, ""));
  const created = PatternMatcher.create(includes.filter((p) => p !== "" && p !== "."));
  const matcher = created.ok ? created.matcher : null;
  for (const p of problems) {
    const sent = transferred(context, includes, p, matcher);
    if (p.kind === "non-utf8-name") {
      if (sent) fail(ctx, FailurePhase.stageGraph, "build/context", NON_UTF8_TRANSFER, null);
      else note(ctx, "files/unknown", "info", `the context entry ${JSON.stringify(p.path)} has a name that is not valid UTF-8: BuildKit would fail to transfer it, but no COPY or ADD of this build names it`, null);
    } else if (p.kind === "unreadable-dir") {
      if (sent) fail(ctx, FailurePhase.stageGraph, "build/context", `error from sender: open ${p.path}: permission denied`, null);
    } else if (sent) {
      note(ctx, "files/unknown", "info", `the context file ${JSON.stringify(p.path)} cannot be read: BuildKit sends it empty, with its mode`, null);
    }
  }
}
