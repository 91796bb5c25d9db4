import { parseHeredocWord, type HeredocWord } from "../../expand/index.js";
import { chompHeredocContent, type Heredoc } from "../../parse/heredoc.js";
import type { AddInstruction, CopyInstruction, Token } from "../../parse/instruction.js";
import { expandHeredocIn, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";
import type { ResolvedSource } from "./copy-sources.js";

/** The sources of a COPY/ADD split as BuildKit splits them: paths, and heredocs (`<<EOF`). */
export interface SplitSources {
  readonly paths: readonly Token[];
  readonly heredocs: readonly HeredocWord[];
}

/**
 * Splits the source words of a COPY/ADD into paths and heredocs, before any expansion, as
 * BuildKit's `parseSourcesAndDest` does (moby/buildkit frontend/dockerfile/instructions/parse.go
 * at v0.25.2): a word that reads as a heredoc word is a heredoc source, whatever the build
 * context holds. The classic builder uses the same typed instructions and so splits them the
 * same way, then copies only the paths.
 */
export function splitHeredocSources(i: CopyInstruction | AddInstruction): SplitSources {
  if (i.json || !i.sources.some((s) => s.value.includes("<<"))) return { paths: i.sources, heredocs: [] };
  const paths: Token[] = [];
  const heredocs: HeredocWord[] = [];
  for (const s of i.sources) {
    const r = parseHeredocWord(s.value);
    if (r.ok && r.heredoc !== null) heredocs.push(r.heredoc);
    else paths.push(s);
  }
  return { paths, heredocs };
}

/**
 * The files BuildKit makes of heredoc sources (dockerfile2llb/convert.go `dispatchCopy` at
 * v0.25.2): one file per heredoc word, named by the delimiter, mode 0644 and owned by root before
 * `--chmod`/`--chown` apply, holding the body of the heredoc of that name (the last one when two
 * have the same name); a `<<-` word strips the body's leading tabs, and an unquoted delimiter has
 * the body expanded with the variables in force (`expandHeredocBody`). `null` when an expansion
 * fails (the failure is recorded).
 */
export function heredocSourceFiles(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction, words: readonly HeredocWord[]): ResolvedSource[] | null {
  const byName = new Map<string, Heredoc>();
  for (const h of i.heredocs) byName.set(h.name, h);
  const out: ResolvedSource[] = [];
  for (const w of words) {
    let body = byName.get(w.name)?.content ?? "";
    if (w.chomp) body = chompHeredocContent(body);
    if (w.expand) {
      const expanded = expandHeredocIn(ctx, state, body, i.range);
      if (expanded === null) return null;
      body = expanded;
    }
    const content = new TextEncoder().encode(body);
    out.push({ kind: "node", node: { type: "file", mode: 0o644, uid: 0, gid: 0, size: content.length, content }, name: w.name, hash: null, archive: false });
  }
  return out;
}
