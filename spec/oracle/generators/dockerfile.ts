/**
 * fast-check generators of oracle cases for the metadata language the simulator supports: FROM (the
 * harness's base images, `scratch`, earlier stages with oddly cased `AS` names, `oracle/${ARG}`), global and
 * stage ARG (with and without defaults, and `--build-arg`s), ENV (both forms, quoting, escapes, `$v`,
 * `${v:-w}` and the other modifiers, same-instruction references), LABEL, WORKDIR, USER, EXPOSE, VOLUME,
 * STOPSIGNAL, HEALTHCHECK, SHELL, CMD/ENTRYPOINT in every form, ONBUILD, MAINTAINER, trivial RUNs, heredocs
 * (RUN in its three forms, COPY/ADD heredoc files, ONBUILD triggers with heredocs), the `# escape=`
 * directive, line continuations and comments — plus `docker run` overrides.
 *
 * A case is kept structured ({@link GenCase}: directive, global lines, stages of lines, build args, target,
 * runs) so that a failing case can be shrunk by dropping pieces ({@link shrinkCandidates}) without fast-check
 * re-running real builds for every step. {@link renderDockerfile} turns it into text.
 *
 * Most cases build; a few carry one invalid line (unknown instruction, bad EXPOSE, bad SHELL JSON, bad
 * STOPSIGNAL, `${v:?}` on an unset variable, …) so build errors are compared too.
 *
 * @module
 */
import fc from "fast-check";
import type { RunOverrides } from "../engine.js";

/** One stage: its `FROM` line (without the trailing newline) and its instruction lines. */
export interface GenStage {
  readonly from: string;
  /** Each entry is one instruction, possibly spread over several physical lines (continuations, comments). */
  readonly lines: readonly string[];
}

/** A generated case, before rendering. */
export interface GenCase {
  /** The escape character when a `# escape=` directive opens the file (`\` or `` ` ``), else null. */
  readonly escape: "\\" | "`" | null;
  /** Lines before the first FROM (global ARGs, comments). */
  readonly globals: readonly string[];
  readonly stages: readonly GenStage[];
  readonly buildArgs: Readonly<Record<string, string>>;
  /** `--target` (a stage name as written, possibly in another case), or undefined for the last stage. */
  readonly target?: string;
  /** `docker create` overrides; the first is always `{}`. */
  readonly runs: readonly RunOverrides[];
}

/** The harness's base images a generated FROM may name (see `spec/oracle/base-images.ts`). */
export const GEN_BASES = ["busybox", "entry-exec", "entry-shell", "cmd-exec", "cmd-shell", "shell", "env", "onbuild", "passwd"] as const;

/** Renders a case as Dockerfile text (escape directive, globals, stages; `\n` line ends; final newline). */
export function renderDockerfile(c: GenCase): string {
  const out: string[] = [];
  if (c.escape !== null) out.push(`# escape=${c.escape}`);
  out.push(...c.globals);
  for (const s of c.stages) out.push(s.from, ...s.lines);
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------------------

/** Variable names: a few, so that references often hit a declared one; `HOME`/`PATH` collide with defaults. */
const VAR = fc.constantFrom("A", "b", "V_1", "A", "b", "HOME", "PATH", "u");
/** Names in `--build-arg`s (a superset: some are never declared). */
const BUILD_ARG_NAME = fc.constantFrom("A", "b", "V_1", "u", "B", "HTTP_PROXY", "TARGETARCH");

/** A reference to a variable in one of the lexer's forms (valid ones only). */
const REF: fc.Arbitrary<string> = fc.oneof(
  VAR.map((v) => `$${v}`),
  VAR.map((v) => `\${${v}}`),
  fc.tuple(VAR, fc.constantFrom(":-", "-", ":+", "+"), fc.constantFrom("w", "d", "", "$A", "x/y")).map(
    ([v, op, w]) => `\${${v}${op}${w}}`,
  ),
  fc.tuple(VAR, fc.constantFrom("#", "##", "%", "%%"), fc.constantFrom("a", "*/", "/*", "x*", "*")).map(([v, op, p]) => `\${${v}${op}${p}}`),
  fc.tuple(VAR, fc.constantFrom("/", "//"), fc.constantFrom("a/b", "x/", "-/_")).map(([v, op, p]) => `\${${v}${op}${p}}`),
);

/** A plain token (no spaces, no quotes). */
const TOKEN = fc.constantFrom("x", "hello", "1", "a.b", "/opt/x", "a=b", "é", "v-2", "@", "");

/**
 * A value word as it appears in ENV/LABEL/ARG: plain, with references, quoted (double or single),
 * escaped spaces, escaped `$`, adjacent pieces.
 */
const VALUE: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: TOKEN.filter((t) => t !== "") },
  { weight: 3, arbitrary: REF },
  { weight: 1, arbitrary: fc.tuple(TOKEN, REF).map(([t, r]) => `${t}${r}`) },
  { weight: 2, arbitrary: fc.tuple(TOKEN, REF).map(([t, r]) => `"${t} ${r}"`) },
  { weight: 1, arbitrary: fc.tuple(TOKEN, REF).map(([t, r]) => `'${t} ${r}'`) },
  { weight: 1, arbitrary: fc.constantFrom("a\\ b", "\\$A", '"q\\"uote"', "'it''s'", "x\\\\y", '""', "''", "tab\\tx", "a\\nb") },
);

/** Lower, upper or mixed case for a keyword (the parser is case-insensitive). */
function keyword(k: string): fc.Arbitrary<string> {
  return fc.constantFrom(k, k, k, k, k.toLowerCase(), k[0]! + k.slice(1).toLowerCase());
}

const json = (xs: readonly string[]): string => JSON.stringify(xs);

/** An exec-form JSON array, sometimes with odd spacing, or a non-JSON bracket that falls back to shell form. */
function execForm(words: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: words.map(json) },
    { weight: 1, arbitrary: words.map((w) => `[ ${w.map((x) => JSON.stringify(x)).join(" , ")} ]`) },
    { weight: 1, arbitrary: fc.constantFrom("[]", "[ ]", "['/bin/echo','single']", '["/bin/echo", "unterminated"', '["a",]') },
  );
}

const ARGV_WORD = fc.constantFrom("/bin/echo", "echo", "hi", "$A", "${b:-d}", "--flag", "a b", "/bin/sh", "-c", "true");
const ARGV = fc.array(ARGV_WORD, { minLength: 1, maxLength: 3 });
const SHELL_CMD = fc.constantFrom("echo hi", "echo $A ${b:-def}", "exec /bin/true", "echo 'q w' \"e $HOME\"", "true", "/bin/echo a\\ b");

// ---------------------------------------------------------------------------------------------------------
// Instructions
// ---------------------------------------------------------------------------------------------------------

const argLine: fc.Arbitrary<string> = fc.tuple(
  keyword("ARG"),
  fc.array(fc.tuple(VAR, fc.option(VALUE, { nil: undefined, freq: 2 })), { minLength: 1, maxLength: 2 }),
).map(([k, decls]) => `${k} ${decls.map(([n, v]) => (v === undefined ? n : `${n}=${v}`)).join(" ")}`);

const envLine: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(keyword("ENV"), fc.array(fc.tuple(VAR, VALUE), { minLength: 1, maxLength: 3 }))
      .map(([k, kv]) => `${k} ${kv.map(([n, v]) => `${n}=${v}`).join(" ")}`),
  },
  // Legacy form `ENV K value with spaces`.
  { weight: 1, arbitrary: fc.tuple(keyword("ENV"), VAR, fc.array(VALUE, { minLength: 1, maxLength: 3 })).map(([k, n, vs]) => `${k} ${n} ${vs.join(" ")}`) },
  // Same-instruction and self references.
  { weight: 1, arbitrary: fc.constantFrom("ENV A=1 b=$A", "ENV A=x A=${A}y", "ENV PATH=$PATH:/extra", "ENV b=${A:-none} A=set", "ENV HOME=/h u=$HOME") },
);

const labelLine: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(keyword("LABEL"), fc.array(fc.tuple(fc.constantFrom("l", "org.x.y", '"spaced key"', "$A", "k-2"), VALUE), { minLength: 1, maxLength: 3 }))
      .map(([k, kv]) => `${k} ${kv.map(([n, v]) => `${n}=${v}`).join(" ")}`),
  },
  { weight: 1, arbitrary: fc.constantFrom("LABEL old form value", 'LABEL "a"="b" c="d e"') },
);

const workdirLine = fc
  .tuple(keyword("WORKDIR"), fc.constantFrom("/app", "sub", "..", "rel/", "/a/./b/", "/x/../y", "$A", "/w/${b:-d}", "/", "//dbl", "${u}"))
  .map(([k, p]) => `${k} ${p}`);

const userLine = fc
  .tuple(keyword("USER"), fc.constantFrom("1000", "1000:2000", "0", "app", "app:grp", "$A", "${b:-123}", "root", "nobody:0"))
  .map(([k, u]) => `${k} ${u}`);

const exposeLine = fc
  .tuple(keyword("EXPOSE"), fc.array(fc.constantFrom("80", "53/udp", "8000-8002", "443/tcp", "9/sctp", "$A", "${b:-81}", "80/TCP"), { minLength: 1, maxLength: 3 }))
  .map(([k, ps]) => `${k} ${ps.join(" ")}`);

const volumeLine = fc.oneof(
  fc.tuple(keyword("VOLUME"), fc.array(fc.constantFrom("/v", "/data", "${A:-/a}", "/x/${b:-y}", "rel"), { minLength: 1, maxLength: 2 })).map(([k, vs]) => `${k} ${vs.join(" ")}`),
  fc.tuple(keyword("VOLUME"), fc.array(fc.constantFrom("/v", "/j s", "${A:-/d}"), { minLength: 1, maxLength: 2 })).map(([k, vs]) => `${k} ${json(vs)}`),
);

const stopsignalLine = fc
  .tuple(keyword("STOPSIGNAL"), fc.constantFrom("SIGTERM", "SIGKILL", "9", "SIGRTMIN+3", "${A:-SIGINT}", "sigusr1", "USR2"))
  .map(([k, s]) => `${k} ${s}`);

const healthcheckLine = fc.oneof(
  fc.constantFrom("HEALTHCHECK NONE", "HEALTHCHECK CMD true", 'HEALTHCHECK CMD ["/bin/true"]', "HEALTHCHECK  cmd  echo hi"),
  fc
    .tuple(
      fc.subarray(["--interval=1m30s", "--timeout=3s", "--start-period=1m", "--start-interval=2s", "--retries=4"], { maxLength: 3 }),
      fc.oneof(SHELL_CMD, execForm(ARGV)),
    )
    .map(([flags, cmd]) => `HEALTHCHECK ${flags.map((f) => f + " ").join("")}CMD ${cmd}`),
);

const shellLine = fc
  // Absolute paths only: a later `ENV PATH=x` would make a relative shell unfindable for RUN.
  .tuple(keyword("SHELL"), fc.constantFrom(["/bin/sh", "-xc"], ["/bin/ash", "-c"], ["/bin/sh", "-c"], ["/bin/sh", "-e", "-c"]))
  .map(([k, s]) => `${k} ${json(s)}`);

function entryOrCmd(kw: "CMD" | "ENTRYPOINT"): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(keyword(kw), SHELL_CMD).map(([k, c]) => `${k} ${c}`) },
    { weight: 4, arbitrary: fc.tuple(keyword(kw), execForm(ARGV)).map(([k, c]) => `${k} ${c}`) },
    { weight: 1, arbitrary: keyword(kw) },
  );
}

/** ONBUILD with a trigger (a RUN trigger only where the stage has `/bin/sh`: its children have it too). */
function onbuildLine(withRun: boolean): fc.Arbitrary<string> {
  const triggers = [envLine, labelLine, entryOrCmd("CMD"), workdirLine, exposeLine, heredocCopyLine, ...(withRun ? [fc.constant("RUN true"), heredocRunLine] : [])];
  return fc.tuple(keyword("ONBUILD"), fc.oneof(...triggers)).map(([k, i]) => `${k} ${i}`);
}

const maintainerLine = fc.constantFrom("MAINTAINER someone <a@b.c>", "MAINTAINER x", "MAINTAINER $A");

/**
 * Trivial RUNs whose success does not depend on the image's files beyond `/bin/sh` and `/bin/true`, nor on
 * PATH (cases set `ENV PATH=…`): exec form by absolute path, and a variable only as an argument (a value
 * like `x` as the command would fail, which the simulator cannot know).
 */
const runLine = fc.constantFrom("RUN true", 'RUN ["/bin/true"]', "RUN true # not a comment", "RUN true ${b:-x}");

// ---------------------------------------------------------------------------------------------------------
// Heredocs (one generated entry holds the instruction line, the bodies and their terminators)
// ---------------------------------------------------------------------------------------------------------

/** A delimiter word: plain, quoted, partly quoted, `<<-`; with the name it gives. */
const HEREDOC_DELIMITER = fc
  .tuple(fc.constantFrom("EOF", "EOT", "X_1", "f.txt"), fc.constantFrom("", '"', "'", "partial"), fc.boolean())
  .map(([name, quote, dash]) => {
    const word = quote === "partial" ? `${name.slice(0, 1)}"${name.slice(1)}"` : `${quote}${name}${quote}`;
    return { word: `<<${dash ? "-" : ""}${word}`, name, dash };
  });

/** Body lines of a COPY/ADD heredoc: references (expanded unless the delimiter is quoted), escapes, quotes, tabs, near-delimiters. */
const COPY_BODY_LINE = fc.oneof(
  fc.constantFrom("hello", "", "  two  spaces", "\tab\$A \\", "'$A' \"$b\"", "EOFX", " EOF", "# not a comment", "trailing \\", "\tleading tab"),
  REF.map((r) => `v=${r}`),
);

/** Body lines of a RUN heredoc that succeed in any shell stage (see {@link runLine}). */
const RUN_BODY_LINE = fc.constantFrom("true", "true $A ${b:-x}", ": 'quoted' \"$b\"", "true # comment", "");

function heredocEntry(head: string, words: readonly { word: string; name: string; dash: boolean }[], bodies: readonly (readonly string[])[], tail: string): string {
  const lines = [`${head} ${words.map((w) => w.word).join(" ")}${tail}`];
  words.forEach((w, k) => {
    const tab = w.dash ? "\t" : "";
    lines.push(...bodies[k]!.map((l) => tab + l), tab + w.name);
  });
  return lines.join("\n");
}

/** `COPY`/`ADD` with one or two heredoc files (BuildKit writes them; the classic builder has no source). */
const heredocCopyLine: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("COPY", "ADD", "copy"),
    fc.constantFrom("", "--chown=1:2 ", "--link "),
    fc.uniqueArray(HEREDOC_DELIMITER, { minLength: 1, maxLength: 2, selector: (d) => d.name }),
    fc.array(fc.array(COPY_BODY_LINE, { maxLength: 3 }), { minLength: 2, maxLength: 2 }),
    fc.constantFrom("/h.txt", "/hd/", "."),
  )
  .map(([kw, flags, words, bodies, dest]) => heredocEntry(`${kw} ${flags}`.trim(), words, bodies, ` ${words.length > 1 && dest === "/h.txt" ? "/hd/" : dest}`));

/**
 * `RUN` with heredocs in BuildKit's three forms: a heredoc alone (its body is the command), a shebang
 * script, and a command after the heredoc word(s) (reconstituted for the shell); sometimes with a flag.
 */
const heredocRunLine: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("plain", "shebang", "command", "two"),
    HEREDOC_DELIMITER,
    fc.array(RUN_BODY_LINE, { maxLength: 3 }),
    // A flag in a third of them: the classic builder refuses RUN flags, and a failed build compares less.
    fc.constantFrom("", "", "", "", "--network=none ", "--mount=type=tmpfs,target=/t "),
  )
  .map(([form, d, body, flag]) => {
    const head = `RUN ${flag}`.trim();
    switch (form) {
      case "plain":
        return heredocEntry(head, [d], [body], "");
      case "shebang":
        return heredocEntry(head, [{ ...d, dash: false }], [["#!/bin/sh", ...body]], "");
      case "command":
        return heredocEntry(head, [d], [body], " true");
      case "two":
        return heredocEntry(head, [d, { word: "<<B2", name: "B2", dash: false }], [body, ["x"]], " true");
    }
  });

/** The invalid line that names a stage with the wrong casing (see {@link unresolvedNames}). */
export const DELIBERATE_BAD_FROM = "FROM Base";

/** Lines that make the build fail (or look as if they might). */
const invalidLine = fc.constantFrom(
  "FOO bar",
  "EXPOSE 80/xyz",
  "EXPOSE abc",
  "EXPOSE 70000",
  "STOPSIGNAL SIGNOPE",
  'SHELL ["/bin/sh", -c]',
  "SHELL /bin/sh -c",
  "ENV",
  "ENV =x",
  "LABEL",
  "ENV A=${u:?unset}",
  "LABEL x=${A:=w}",
  "HEALTHCHECK --interval=1ms CMD true",
  "HEALTHCHECK --retries=-1 CMD true",
  "HEALTHCHECK --bogus=1 CMD true",
  "HEALTHCHECK CMD",
  "HEALTHCHECK CMD-SHELL echo hi",
  "VOLUME $u",
  // The one FROM of a name that is neither a base image nor a stage as written: an upper-case reference,
  // which no builder looks up in a registry (BuildKit refuses it as an invalid reference even when a stage
  // `base` exists; the classic builder matches the stage case-insensitively, else refuses it). See
  // DELIBERATE_BAD_FROM.
  DELIBERATE_BAD_FROM,
  "ONBUILD FROM oracle/busybox",
  "ONBUILD ONBUILD ENV a=1",
  "ONBUILD MAINTAINER x",
  "WORKDIR",
  "USER",
  "ARG",
  "EXPOSE",
  "VOLUME",
  "CMD [\"a\"] extra",
);

/**
 * A RUN that mounts an earlier stage (by its name in any casing: BuildKit looks mount names up
 * case-insensitively), so that stage is built even when the target does not otherwise need it, and
 * its failure (an invalid line in it) is the build's; the classic builder refuses `--mount`.
 * Only stages 0 and 1, which are always named (see {@link fromArb}).
 */
function mountRunLine(index: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: Math.min(index, 2) - 1 }), fc.nat({ max: 2 }), fc.constantFrom("", "type=bind,", "type=cache,", "type=cache,id=c,sharing=locked,"), fc.constantFrom("true", '["/bin/true"]'))
    .map(([s, casing, kind, cmd]) => `RUN --mount=${kind}from=${STAGE_NAMES[s]![casing]},target=/m ${cmd}`);
}

/** The `--mount=…from=<name>` stage names a line mounts (see {@link mountRunLine}). */
export function mountedNames(line: string): string[] {
  return [...line.matchAll(/--mount=\S*?\bfrom=([^,\s]+)/gi)].map((m) => m[1]!.toLowerCase());
}

/** A metadata instruction (RUN is only emitted where `/bin/sh` exists, see {@link stageArb}); `index` is the stage's. */
function instruction(withRun: boolean, index: number): fc.Arbitrary<string> {
  const arbs: fc.WeightedArbitrary<string>[] = [
    { weight: 3, arbitrary: argLine },
    { weight: 5, arbitrary: envLine },
    { weight: 3, arbitrary: labelLine },
    { weight: 3, arbitrary: workdirLine },
    { weight: 2, arbitrary: userLine },
    { weight: 2, arbitrary: exposeLine },
    { weight: 2, arbitrary: volumeLine },
    { weight: 1, arbitrary: stopsignalLine },
    { weight: 2, arbitrary: healthcheckLine },
    { weight: 2, arbitrary: shellLine },
    { weight: 4, arbitrary: entryOrCmd("CMD") },
    { weight: 4, arbitrary: entryOrCmd("ENTRYPOINT") },
    { weight: 2, arbitrary: onbuildLine(withRun) },
    { weight: 1, arbitrary: maintainerLine },
    { weight: 1, arbitrary: heredocCopyLine },
  ];
  if (withRun) arbs.push({ weight: 1, arbitrary: runLine }, { weight: 1, arbitrary: heredocRunLine });
  if (withRun && index > 0) arbs.push({ weight: 2, arbitrary: mountRunLine(index) });
  return fc.oneof(...arbs);
}

/**
 * Physical-line decoration of one instruction: as is (mostly), split at a space with a line continuation
 * (the escape character + newline, sometimes with a comment line or blank line inside), or preceded by a
 * comment. `esc` is the escape character in force.
 */
function decorate(line: fc.Arbitrary<string>, esc: string): fc.Arbitrary<string> {
  return fc.tuple(line, fc.nat({ max: 9 }), fc.nat()).map(([l, how, where]) => {
    // Only on the instruction's own line: a heredoc body is taken as written.
    const firstLine = l.includes("\n") ? l.slice(0, l.indexOf("\n")) : l;
    const spaces = [...firstLine.matchAll(/ /g)].map((m) => m.index);
    if (how <= 6 || spaces.length === 0) return l;
    if (how === 7) return `# comment ${esc}\n${l}`;
    const at = spaces[where % spaces.length]!;
    const head = l.slice(0, at);
    const tail = l.slice(at + 1);
    if (how === 8) return `${head} ${esc}\n  ${tail}`;
    if (where % 2 === 0) return `${head} ${esc}\n# inner comment\n${tail}`;
    return `${head} ${esc}\n\n${tail}`;
  });
}

/** Stage names with odd casing; references pick another casing of the same name. */
const STAGE_NAMES = [
  ["base", "Base", "BASE"],
  ["build", "Build", "bUiLd"],
  ["s-1", "S-1", "s-1"],
] as const;

/**
 * The FROM lines, given which stages come before: a base, scratch, an earlier stage, or `oracle/${ARG}`.
 * `shell` says whether the base has `/bin/sh` (false for scratch); `stage` is the index of the earlier stage
 * it is built on (whose `shell` it then has).
 */
function fromArb(index: number, hasGlobalBaseArg: boolean): fc.Arbitrary<{ from: string; shell: boolean; stage: number | null }> {
  const options: fc.WeightedArbitrary<{ ref: string; shell: boolean; stage: number | null }>[] = [
    { weight: 8, arbitrary: fc.constantFrom(...GEN_BASES).map((b) => ({ ref: `oracle/${b}`, shell: true, stage: null })) },
    { weight: 1, arbitrary: fc.constant({ ref: "scratch", shell: false, stage: null }) },
  ];
  if (index > 0) {
    options.push({
      weight: 4,
      // A stage is referenced by its lower-case name (other casings are invalid references: see the invalid lines).
      arbitrary: fc.nat({ max: index - 1 }).map((s) => ({ ref: STAGE_NAMES[s]![0], shell: true, stage: s })),
    });
  }
  if (hasGlobalBaseArg) options.push({ weight: 2, arbitrary: fc.constantFrom("oracle/${BASE}", "oracle/$BASE").map((ref) => ({ ref, shell: true, stage: null })) });
  return fc.tuple(fc.oneof(...options), keyword("FROM"), fc.nat({ max: 2 }), fc.boolean()).map(([o, kw, casing, named]) => {
    const name = STAGE_NAMES[index]![casing]!;
    const as = named || index < 2 ? ` ${casing === 1 ? "as" : "AS"} ${name}` : "";
    return { from: `${kw} ${o.ref}${as}`, shell: o.shell, stage: o.stage };
  });
}

/** `docker run` overrides (the first run of every case is always plain). */
export const runOverridesArb: fc.Arbitrary<RunOverrides> = fc
  .record(
    {
      args: fc.array(fc.constantFrom("a1", "--x", "a b", "$A", "/bin/echo"), { minLength: 0, maxLength: 2 }),
      entrypoint: fc.constantFrom("", "/bin/true", "/bin/echo e", "sh"),
      env: fc.array(fc.constantFrom("MX=1", "A=run", "PATH=/p", "EMPTY=", "HOME=/r"), { minLength: 1, maxLength: 2 }),
      workdir: fc.constantFrom("/w", "/a/../b/", "/"),
      user: fc.constantFrom("1:2", "app", "0"),
    },
    { requiredKeys: [] },
  )
  .map((o) => {
    const out: RunOverrides = {};
    if (o.args !== undefined) out.args = o.args;
    if (o.entrypoint !== undefined) out.entrypoint = o.entrypoint;
    // One `-e` per name (the engine's order among `-e` entries is random anyway; duplicates would make the set ambiguous).
    if (o.env !== undefined) out.env = o.env.filter((e, i, all) => all.findIndex((x) => x.split("=")[0] === e.split("=")[0]) === i);
    if (o.workdir !== undefined) out.workdir = o.workdir;
    if (o.user !== undefined) out.user = o.user;
    return out;
  });

/** `arb` with probability `p`, else undefined. */
function maybe<T>(arb: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | undefined> {
  if (p <= 0) return fc.constant(undefined);
  if (p >= 1) return arb;
  const w = Math.round(p * 1000);
  return fc.oneof({ weight: 1000 - w, arbitrary: fc.constant(undefined) }, { weight: w, arbitrary: arb });
}

/** Options of {@link caseArb}. */
export interface CaseArbOptions {
  /** Probability (0-1) that a case carries one invalid line (default 0.1). */
  readonly invalidRate?: number;
  /** Most stages per case (default 3). */
  readonly maxStages?: number;
  /** Most instructions per stage (default 6). */
  readonly maxLines?: number;
}

/** Generated oracle cases. */
export function caseArb(options: CaseArbOptions = {}): fc.Arbitrary<GenCase> {
  const invalidRate = options.invalidRate ?? 0.1;
  const maxStages = Math.min(options.maxStages ?? 3, STAGE_NAMES.length);
  const maxLines = options.maxLines ?? 6;
  return fc
    .record({
      escape: fc.constantFrom<"\\" | "`" | null>(null, null, null, null, null, null, "\\", "`"),
      baseArg: maybe(fc.constantFrom(...GEN_BASES), 0.2),
      globals: fc.array(argLine, { maxLength: 2 }),
      nStages: fc.integer({ min: 1, max: maxStages }),
      seeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 3, maxLength: 3 }),
      buildArgs: fc.dictionary(BUILD_ARG_NAME, fc.constantFrom("ba", "x y", "", "$A", "/p"), { maxKeys: 2 }),
      baseBuildArg: maybe(fc.constantFrom("cmd-exec", "env"), 0.3),
      invalid: maybe(fc.tuple(invalidLine, fc.nat()), invalidRate),
      target: maybe(fc.nat({ max: 2 }), 0.15),
      runs: fc.array(runOverridesArb, { maxLength: 2 }),
    })
    .chain((r) => {
      const esc = r.escape ?? "\\";
      const froms = Array.from({ length: r.nStages }, (_, i) => fromArb(i, r.baseArg !== undefined));
      // RUN (and ONBUILD RUN) only in stages that have /bin/sh: not on scratch, nor on a stage built on
      // scratch. (The simulator does not predict that such a RUN fails: see docs/oracle.md.)
      const stages = fc.tuple(...froms).chain((fs) => {
        const shell: boolean[] = [];
        fs.forEach((f) => shell.push(f.stage === null ? f.shell : shell[f.stage]!));
        return fc.tuple(
          ...fs.map((f, i) =>
            fc.array(decorate(instruction(shell[i]!, i), esc), { maxLength: maxLines }).map((lines): GenStage => ({ from: f.from, lines })),
          ),
        );
      });
      return stages.map((built): GenCase => {
        const globals = [...(r.baseArg !== undefined ? [`ARG BASE=${r.baseArg}`] : []), ...r.globals];
        let st = built;
        if (r.invalid !== undefined) {
          const [bad, where] = r.invalid;
          const si = where % st.length;
          const s = st[si]!;
          const li = where % (s.lines.length + 1);
          st = st.map((x, i) => (i === si ? { from: x.from, lines: [...x.lines.slice(0, li), bad, ...x.lines.slice(li)] } : x));
        }
        const buildArgs: Record<string, string> = { ...r.buildArgs };
        if (r.baseBuildArg !== undefined && r.baseArg !== undefined) buildArgs.BASE = r.baseBuildArg;
        const c: GenCase = {
          escape: r.escape,
          globals,
          stages: st,
          buildArgs,
          runs: [{}, ...r.runs],
          ...(r.target !== undefined && r.target < st.length - 1 ? { target: STAGE_NAMES[r.target]![(r.target + 1) % 3]! } : {}),
        };
        return c;
      });
    });
}

// ---------------------------------------------------------------------------------------------------------
// Shrinking (by hand: every candidate costs a real build)
// ---------------------------------------------------------------------------------------------------------

/**
 * Smaller variants of a case, most aggressive first: drop a whole stage (not the last), half of a stage's
 * lines, every extra run, every build arg; drop the escape directive, the target, a build arg, a run, a
 * global line, a stage line; replace a base by `oracle/busybox`; drop a word; then simplify a line by
 * removing its comments and continuations. None names an image or stage that does not exist
 * ({@link unresolvedNames}). Each candidate removes one piece; callers keep the first that still
 * diverges the same way and start again from it.
 */
export function shrinkCandidates(c: GenCase): GenCase[] {
  const out: GenCase[] = [];
  const withStages = (stages: GenStage[]): GenCase => ({ ...c, stages });
  // Drop a stage no later FROM (or --target) names: dropping a named one would turn `FROM name` into a pull.
  const nameOf = (s: GenStage): string | null => /\sas\s+(\S+)\s*$/i.exec(s.from)?.[1]?.toLowerCase() ?? null;
  const refOf = (s: GenStage): string => (/^\S+\s+(\S+)/.exec(s.from)?.[1] ?? "").toLowerCase();
  for (let i = 0; i < c.stages.length - 1; i++) {
    const name = nameOf(c.stages[i]!);
    const used = name !== null && (c.stages.slice(i + 1).some((s) => refOf(s) === name || s.lines.some((l) => mountedNames(l).includes(name))) || c.target?.toLowerCase() === name);
    if (!used) out.push(withStages(c.stages.filter((_, j) => j !== i)));
  }
  // Big steps first (each still one candidate): half of a stage's lines, every extra run, every build arg.
  c.stages.forEach((s, si) => {
    if (s.lines.length < 2) return;
    const half = Math.ceil(s.lines.length / 2);
    for (const keep of [s.lines.slice(half), s.lines.slice(0, half)]) {
      out.push(withStages(c.stages.map((x, j) => (j === si ? { from: x.from, lines: keep } : x))));
    }
  });
  if (c.runs.length > 2) out.push({ ...c, runs: c.runs.slice(0, 1) });
  if (Object.keys(c.buildArgs).length > 1) out.push({ ...c, buildArgs: {} });
  if (c.escape !== null) out.push({ ...c, escape: null });
  if (c.target !== undefined) {
    const { target: _t, ...rest } = c;
    out.push(rest);
  }
  for (const k of Object.keys(c.buildArgs)) {
    const { [k]: _drop, ...rest } = c.buildArgs;
    out.push({ ...c, buildArgs: rest });
  }
  for (let i = 1; i < c.runs.length; i++) out.push({ ...c, runs: c.runs.filter((_, j) => j !== i) });
  // Keep the global `ARG BASE=…` while a FROM expands it: without it `oracle/${BASE}` becomes `oracle/`
  // (the FROM is first replaced by oracle/busybox below, after which the ARG can go).
  const usesBase = c.stages.some((s) => /\$\{?BASE\b/.test(s.from));
  for (let i = 0; i < c.globals.length; i++) {
    if (usesBase && /^ARG BASE=/.test(c.globals[i]!)) continue;
    out.push({ ...c, globals: c.globals.filter((_, j) => j !== i) });
  }
  c.stages.forEach((s, si) => {
    for (let li = 0; li < s.lines.length; li++) {
      out.push(withStages(c.stages.map((x, j) => (j === si ? { from: x.from, lines: x.lines.filter((_, k) => k !== li) } : x))));
    }
  });
  // A simpler base: the plain busybox image (keeping any `AS` name).
  c.stages.forEach((s, si) => {
    const m = /^(\S+)\s+(\S+)(.*)$/.exec(s.from);
    if (m && m[2] !== "oracle/busybox" && !/^(scratch|base|build|s-1)$/.test(m[2]!)) {
      const from = `${m[1]} oracle/busybox${m[3]}`;
      out.push(withStages(c.stages.map((x, j) => (j === si ? { from, lines: x.lines } : x))));
    }
  });
  // A line with one word fewer (single-line instructions with at least two arguments).
  c.stages.forEach((s, si) => {
    s.lines.forEach((l, li) => {
      if (l.includes("\n")) return;
      const words = l.split(" ");
      for (let w = 1; words.length >= 3 && w < words.length; w++) {
        const shorter = words.filter((_, k) => k !== w).join(" ");
        out.push(withStages(c.stages.map((x, j) => (j === si ? { from: x.from, lines: x.lines.map((y, k) => (k === li ? shorter : y)) } : x))));
      }
    });
  });
  const esc = c.escape ?? "\\";
  c.stages.forEach((s, si) => {
    s.lines.forEach((l, li) => {
      if (!l.includes("\n") || l.includes("<<")) return;
      const flat = l
        .split("\n")
        .filter((p) => !/^\s*#/.test(p) && p.trim() !== "")
        .map((p) => (p.endsWith(esc) ? p.slice(0, -1) : p).trim())
        .join(" ");
      out.push(withStages(c.stages.map((x, j) => (j === si ? { from: x.from, lines: x.lines.map((y, k) => (k === li ? flat : y)) } : x))));
    });
  });
  // Never propose a case that names an image or stage that does not exist (see unresolvedNames).
  return out.filter((x) => unresolvedNames(x).length === 0);
}

// ---------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------

/**
 * The image and stage names of a case that would not resolve: every `FROM` (stage heads, and a FROM that
 * an inserted line starts) must name `scratch`, one of the harness's base images ({@link GEN_BASES}, as
 * `oracle/<name>`, or `oracle/${BASE}` / `oracle/$BASE` with a global `ARG BASE=<base>`, which a
 * `--build-arg BASE=<base>` may override), or an earlier stage by its lower-case name; `--target` must name
 * a stage. A name that resolves to none of these would make the real build look for an image the harness
 * does not have (a registry pull, which fails without network) while the simulator only warns about an
 * unknown image: a generator artefact, not a finding. The one exception is {@link DELIBERATE_BAD_FROM}, an
 * invalid reference that fails without any lookup.
 *
 * Returns the offending names (empty when every name resolves).
 */
export function unresolvedNames(c: GenCase): string[] {
  const out: string[] = [];
  const declared = c.globals.map((g) => /^ARG BASE=(\S+)$/.exec(g)?.[1]).find((x) => x !== undefined);
  const base = declared === undefined ? "" : (c.buildArgs["BASE"] ?? declared);
  const stages: string[] = [];
  for (const line of renderDockerfile(c).split("\n")) {
    if (line === DELIBERATE_BAD_FROM) continue;
    for (const m of mountedNames(line)) if (!stages.includes(m)) out.push(`--mount from=${m}`);
    const m = /^from\s+(\S+)(?:\s+as\s+(\S+))?\s*$/i.exec(line);
    if (!m) continue;
    const ref = m[1]!.replace(/\$\{BASE\}|\$BASE\b/g, base);
    const known =
      ref === "scratch" || (ref.startsWith("oracle/") && (GEN_BASES as readonly string[]).includes(ref.slice("oracle/".length))) || stages.includes(ref);
    if (!known) out.push(m[1] === ref ? ref : `${m[1]!} (= ${ref})`);
    if (m[2] !== undefined) stages.push(m[2].toLowerCase());
  }
  if (c.target !== undefined && !stages.includes(c.target.toLowerCase())) out.push(`--target ${c.target}`);
  return out;
}
