/**
 * One stage's instructions as a check run dispatches them (BuildKit v0.25.2
 * `frontend/dockerfile/dockerfile2llb/convert.go` `dispatch`): each word is expanded once, as BuildKit's
 * expander does (UndefinedVar), then the instruction's own rules run and its state changes apply, in
 * one pass over the instructions. A build error met here ends the check run.
 *
 * @module
 */
import { goClean } from "../../docker/go-path.js";
import { goQuote } from "../../docker/go-quote.js";
import { parseStopSignal } from "../../docker/signal.js";
import { splitHeredocSources } from "../../evaluate/apply/heredoc-sources.js";
import { expandHeredocBody, expandWord, expandWords, findReferences, type EscapeToken, type HeredocWord } from "../../expand/index.js";
import type { PatternMatcher } from "../../fs/context/pattern-matcher.js";
import { chompHeredocContent } from "../../parse/heredoc.js";
import type { Instruction } from "../../parse/instruction.js";
import { expandRunMount, mountValues, type RunMount } from "../../parse/run-mount.js";
import { NON_ENV_ARGS, spanOf, type LineSpan, type Reporter, type Stage, type StageState } from "./check-state.js";
import { exposeRangeError, splitExposeWord } from "./expose-port.js";
import { checkCopyIgnoredFile } from "./rules/copy-ignored-file.js";
import { checkExposeInvalidFormat } from "./rules/expose-invalid-format.js";
import { checkExposeProtoCasing } from "./rules/expose-proto-casing.js";
import { checkJsonArgsRecommended } from "./rules/json-args-recommended.js";
import { checkLegacyKeyValueFormat } from "./rules/legacy-key-value-format.js";
import { checkMultipleInstructionsDisallowed, type LastOfKind } from "./rules/multiple-instructions-disallowed.js";
import { checkSecretsUsedInArgOrEnv } from "./rules/secrets-used-in-arg-or-env.js";
import { checkUndefinedVar } from "./rules/undefined-var.js";
import { checkWorkdirRelativePath } from "./rules/workdir-relative-path.js";

/** What dispatching a stage needs besides the stage and its state. */
export interface DispatchInputs {
  readonly escape: EscapeToken;
  readonly buildArgs: ReadonlyMap<string, string>;
  readonly globals: ReadonlyMap<string, string>;
  /** `.dockerignore` matcher; `null`: nothing is ignored; `undefined`: unknown. */
  readonly ignore: PatternMatcher | null | undefined;
  /** Stages dispatched before this one, and the stage a COPY --from value names (`undefined`: an image). */
  readonly dispatched?: ReadonlySet<number>;
  readonly sourceOf: (from: string) => number | undefined;
  readonly index: number;
}

/** A build error met while dispatching, which ends the check run. */
export interface DispatchError {
  readonly message: string;
  readonly lines: LineSpan;
}

/** Dispatches stage `s` from state `st`, reporting findings to `out`; returns the build error that ends the run, or null. */
export function dispatchStage(out: Reporter, s: Stage, st: StageState, inputs: DispatchInputs): DispatchError | null {
  const { escape } = inputs;
  const last: LastOfKind = {};
  // One expansion, as BuildKit's expander: reports the variables it found unset (less the stage's ARGs).
  const expandOrNull = (i: Instruction, word: string): string | null => {
    const env = st.env;
    const r = expandWord(word, (n) => env.get(n), { escape });
    const refs = r.ok ? r.references : findReferences(word, { escape }, (n) => env.get(n));
    checkUndefinedVar(out, i, refs, st);
    return r.ok ? r.value : null;
  };
  const expand = (i: Instruction, word: string): string => expandOrNull(i, word) ?? "";
  for (const i of s.instructions) {
    const lines = spanOf(i);
    switch (i.keyword) {
      case "ENV": {
        const pairs = i.pairs.map((p) => ({ key: expand(i, p.key.value), value: expand(i, p.value.value), legacy: p.legacy }));
        for (const p of pairs) {
          checkLegacyKeyValueFormat(out, i.keywordText, p, lines);
          checkSecretsUsedInArgOrEnv(out, "ENV", p.key, lines);
          st.env.set(p.key, p.value);
        }
        break;
      }
      case "LABEL":
        for (const p of i.pairs) {
          expand(i, p.key.value);
          expand(i, p.value.value);
        }
        for (const p of i.pairs) checkLegacyKeyValueFormat(out, i.keywordText, p, lines);
        break;
      case "CMD":
      case "ENTRYPOINT":
        checkMultipleInstructionsDisallowed(out, last, i);
        checkJsonArgsRecommended(out, i, st, lines);
        break;
      case "HEALTHCHECK":
        checkMultipleInstructionsDisallowed(out, last, i);
        break;
      case "RUN": {
        const failure = dispatchRunMounts(i, st, inputs, (w) => expandOrNull(i, w));
        if (failure !== null) return { message: failure, lines };
        break;
      }
      case "SHELL":
        st.shell = i.shell.length > 0;
        st.shellKnown = true;
        break;
      case "WORKDIR": {
        const path = expand(i, i.path.value);
        checkWorkdirRelativePath(out, st, path, lines);
        st.workdirSet = true;
        st.workdir = path.startsWith("/") ? goClean(path) : st.workdir === null ? null : goClean(`${st.workdir}/${path}`);
        break;
      }
      case "USER":
        expand(i, i.user.value);
        break;
      case "STOPSIGNAL": {
        const signal = parseStopSignal(expand(i, i.signal.value));
        if (!signal.ok) return { message: signal.error, lines };
        break;
      }
      case "VOLUME":
        for (const p of i.paths) {
          if (expand(i, p.value) === "") return { message: "VOLUME specified can not be an empty string", lines };
        }
        break;
      case "EXPOSE":
        for (const p of i.ports) {
          const words = expandWords(p.value, (n) => st.env.get(n), { escape });
          if (!words.ok) return { message: words.error, lines };
          for (const raw of words.words) {
            const w = splitExposeWord(raw);
            if (!w.ok) return { message: w.error, lines };
            checkExposeProtoCasing(out, w.word, lines);
            checkExposeInvalidFormat(out, w.word, lines);
            const failure = exposeRangeError(w.word);
            if (failure !== null) return { message: failure, lines };
          }
        }
        break;
      case "ARG":
        for (const d of i.args) {
          const key = d.name.value;
          checkSecretsUsedInArgOrEnv(out, "ARG", key, lines);
          let value = inputs.buildArgs.get(key);
          if (value === undefined && d.defaultValue === null) value = inputs.globals.get(key);
          else if (value === undefined && d.defaultValue !== null) value = expand(i, d.defaultValue.value);
          if (value !== undefined && !NON_ENV_ARGS.has(key)) st.env.set(key, value);
          st.buildArgs.push(key);
        }
        break;
      case "COPY":
      case "ADD": {
        if (i.chown !== null) expand(i, i.chown);
        if (i.chmod !== null) expand(i, i.chmod);
        if (i.keyword === "ADD" && i.checksum !== null) expand(i, i.checksum);
        const split = splitHeredocSources(i);
        const sources = split.paths.map((src) => expand(i, src.value));
        expand(i, i.destination.value);
        // ExpandRaw: the bodies of heredocs with an unquoted delimiter, with `\` as escape and quotes kept.
        for (const h of heredocBodies(i, split.heredocs)) {
          const r = expandHeredocBody(h, (n) => st.env.get(n));
          if (r.ok) checkUndefinedVar(out, i, r.references, st);
        }
        const fromStage = i.keyword === "COPY" && i.from !== null;
        if (fromStage && inputs.dispatched !== undefined) {
          const source = inputs.sourceOf(i.from!);
          if (source !== undefined && !inputs.dispatched.has(source)) {
            return { message: `cannot copy from stage ${goQuote(i.from!)}, it needs to be defined before current stage ${goQuote(st.name === "" ? `stage-${inputs.index}` : st.name)}`, lines };
          }
        }
        if (!fromStage) checkCopyIgnoredFile(out, i.keyword === "ADD" ? "Add" : "Copy", sources, inputs.ignore, lines);
        break;
      }
      default:
        break;
    }
  }
  return null;
}

// RunCommand.Expand: every --mount value, field by field; then dispatchRunMounts: a stage to mount
// from must be dispatched, and the target of a bind, cache or tmpfs mount must not be the root.
function dispatchRunMounts(i: Instruction & { keyword: "RUN" }, st: StageState, inputs: DispatchInputs, expandOrNull: (word: string) => string | null): string | null {
  const mounts: RunMount[] = [];
  for (const value of mountValues(i.flags)) {
    const mount = expandRunMount(value, expandOrNull);
    if (!mount.ok) return mount.error;
    mounts.push(mount.mount);
  }
  for (const m of mounts) {
    // A cache mount without `from` mounts from `scratch` (a stage of that name, if there is one).
    const from = m.from === "" && m.type === "cache" ? "scratch" : m.from;
    if (from !== "" && !/^[+-]?\d+$/.test(from) && inputs.dispatched !== undefined) {
      const source = inputs.sourceOf(from);
      if (source !== undefined && !inputs.dispatched.has(source)) return `cannot mount from stage ${goQuote(from)} to ${goQuote(m.target)}, stage needs to be defined before current command`;
    }
    if (m.type === "secret" || m.type === "ssh") continue; // their targets are not checked here
    const target = m.target.startsWith("/") || st.workdir === null ? m.target : goClean(`/${st.workdir}/${m.target}`);
    if (target === "/") return `invalid mount target "/"`;
  }
  return null;
}

// The heredoc bodies a COPY/ADD expands (parseSourcesAndDest: the body of the heredoc of each source
// word's name, tabs stripped for `<<-`; only unquoted delimiters expand).
function heredocBodies(i: Instruction & { keyword: "COPY" | "ADD" }, words: readonly HeredocWord[]): string[] {
  const byName = new Map(i.heredocs.map((h) => [h.name, h.content] as const));
  return words.filter((w) => w.expand).map((w) => (w.chomp ? chompHeredocContent(byName.get(w.name) ?? "") : (byName.get(w.name) ?? "")));
}
