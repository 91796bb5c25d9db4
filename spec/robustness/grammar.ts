/**
 * A grammar-ish arbitrary of Dockerfile texts for the robustness properties: parser directives,
 * random instruction keywords (real ones in any case, and unknown ones) with flags and
 * arguments in shell and JSON form, variable references with every modifier, line
 * continuations (with comments and blank lines inside), heredocs (terminated or not), ONBUILD
 * chains, stage names and `--from` references, and random line endings. Close enough to real
 * Dockerfiles to get deep into the evaluator, loose enough to break its assumptions.
 *
 * @module
 */
import fc from "fast-check";

const KEYWORDS = [
  "FROM", "RUN", "CMD", "ENTRYPOINT", "ENV", "ARG", "LABEL", "EXPOSE", "WORKDIR", "USER", "VOLUME", "COPY", "ADD", "SHELL",
  "HEALTHCHECK", "STOPSIGNAL", "ONBUILD", "MAINTAINER",
] as const;

const keywordArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...KEYWORDS).chain((k) => fc.constantFrom(k.toLowerCase(), k[0] + k.slice(1).toLowerCase())) },
  { weight: 1, arbitrary: fc.constantFrom("FOO", "FRM", "RUNN", "COPPY", "ONBUILD ONBUILD", "ONBUILD FROM", "ONBUILD MAINTAINER", "ONBUILD ONBUILD RUN", "-", "\\", "\u00a0FROM", "F\u0000ROM") },
);

const nameArb = fc.oneof(
  fc.constantFrom("A", "a", "PATH", "HOME", "V", "BUILDPLATFORM", "TARGETARCH", "HTTP_PROXY", "_", "A1", "no_proxy", "1A", "a-b", ""),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/),
);

const atomArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z0-9./:_@=,+-]{1,12}$/) },
  { weight: 2, arbitrary: fc.constantFrom("alpine:3.20", "scratch", "ubuntu", "node:20-slim@sha256:" + "a".repeat(64), "busybox", "$BASE", "${BASE:-alpine}", "build", "0", "1", "-1", "/app", "app/", ".", "..", "/", "*", "**/*.go", "1:1", "root", "nobody:nogroup", "80/tcp", "1-3/udp", "8080-8079", "65536", "SIGKILL", "9", "SIGRTMIN+3", "30s", "1h2m", "-5s", "0x10", "true") },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom("$", "${", "${"), nameArb, fc.constantFrom("", ":-", "-", ":+", "+", ":?", "?", "#", "##", "%", "%%", "/", "//", ":", "^", "^^", ",", ",,"), fc.stringMatching(/^[a-z*?/$]{0,4}$/))
      .map(([open, n, mod, w]) => (open === "$" ? `$${n}${w}` : `\${${n}${mod}${mod === "" ? "" : w}}`)),
  },
  { weight: 2, arbitrary: fc.constantFrom('"', "'", "\\", "`", "\\$", "\\\\", '\\"', "$$", "${", "}", "$(", ")", "[", "]", "{", "}", ";", "&&", "|", ">", "<", "*", "#", "=") },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 4 }) },
);

/** A shell-form word: atoms glued together, sometimes quoted. */
const wordArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(atomArb, { minLength: 1, maxLength: 4 }), fc.constantFrom("", "", "", '"', "'"))
  .map(([atoms, q]) => `${q}${atoms.join("")}${q}`);

/** A JSON-ish exec form, sometimes broken. */
const jsonFormArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(wordArb, fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 4 }).map((ws) => JSON.stringify(ws)) },
  { weight: 1, arbitrary: fc.constantFrom("[]", '[""]', "[1, 2]", '["a",]', '["a" "b"]', '["a", 1]', "[", '["unterminated', "['single']", '[ "a" ] trailing', '["a\\u0000b"]', '["\\ud800"]', "[null]", '{"a": 1}') },
);

const flagArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "--from=build", "--from=0", "--from=$STAGE", "--from=alpine:3.20", "--from=", "--chown=1:1", "--chown=$U:$G", "--chmod=755", "--chmod=999", "--link", "--link=false",
    "--platform=$BUILDPLATFORM", "--platform=linux/arm64", "--platform=", "--mount=type=cache,target=/root/.cache", "--mount=type=secret,id=x", "--mount=type=bind,from=build,source=/,target=/x",
    "--mount=", "--network=none", "--network=host", "--security=insecure", "--interval=5s", "--timeout=0s", "--start-period=-1s", "--start-interval=1s", "--retries=3",
    "--retries=x", "--keep-git-dir=true", "--checksum=sha256:abc", "--exclude=*.md", "--parents", "--unknown-flag", "--", "-x", "--from", "--FROM=x",
  ),
  fc.tuple(fc.stringMatching(/^[a-z-]{1,10}$/), wordArb).map(([f, v]) => `--${f}=${v}`),
);

const sep = fc.constantFrom(" ", " ", " ", "\t", "  ", " \\\n ", " \\\n", "\\\n", " `\n ", " \\\n# comment\n ", " \\\n\n ", " \\ \n ", "\u00a0");

/** Words joined by separators (which may be line continuations). */
function joined(words: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return words.chain((ws) => fc.array(sep, { minLength: ws.length, maxLength: ws.length }).map((ss) => ws.map((w, i) => (i === 0 ? w : ss[i]! + w)).join("")));
}

const heredocArb: fc.Arbitrary<{ marker: string; body: string }> = fc
  .tuple(
    fc.constantFrom("EOF", "EOT", "END", "E", "eof", "A B"),
    fc.constantFrom("", "-", ""),
    fc.constantFrom("", '"', "'"),
    fc.array(fc.oneof(wordArb, fc.constantFrom("", "\t\tindented", "$HOME ${A:-x}", "EOFX", " EOF", "EOF ", "\\", "#!/bin/sh")), { maxLength: 4 }),
    fc.constantFrom("terminated", "terminated", "terminated", "unterminated", "tab-terminated"),
    fc.constantFrom("", " > /out", " | sh", " <<EOT2"),
  )
  .map(([name, dash, q, body, end, after]) => ({
    marker: `<<${dash}${q}${name}${q}${after}`,
    body: `\n${body.join("\n")}${end === "unterminated" ? "" : end === "tab-terminated" ? `\n\t${name}` : `\n${name}`}`,
  }));

/** One instruction (possibly spanning lines). */
export const instructionArb: fc.Arbitrary<string> = fc
  .tuple(
    keywordArb,
    fc.array(flagArb, { maxLength: 2 }),
    fc.oneof(
      { weight: 5, arbitrary: joined(fc.array(wordArb, { maxLength: 5 })) },
      { weight: 2, arbitrary: jsonFormArb },
      { weight: 1, arbitrary: fc.tuple(nameArb, fc.constantFrom("=", " ", "=", ""), wordArb).map(([n, s, v]) => `${n}${s}${v}`) },
      { weight: 1, arbitrary: fc.tuple(atomArb, fc.constantFrom(" AS ", " as ", " AS", " AS  "), nameArb).map(([a, s, n]) => `${a}${s}${n}`) },
      { weight: 1, arbitrary: fc.constantFrom("NONE", "CMD", "CMD true", "CMD-SHELL", "CMD []", "none extra", "") },
    ),
    fc.option(heredocArb, { freq: 5 }),
    fc.constantFrom("", "", "", " ", " \\", " `", "\\", " # not a comment"),
  )
  .map(([kw, flags, args, heredoc, tail]) => {
    const head = [kw, ...flags, args].filter((p) => p !== "").join(" ");
    return heredoc === null ? `${head}${tail}` : `${head} ${heredoc.marker}${heredoc.body}`;
  });

const directiveArb = fc.constantFrom(
  "# escape=`", "# escape=\\", "# escape=x", "# escape=", "# syntax=docker/dockerfile:1", "# syntax=docker/dockerfile:1.4-labs", "# check=skip=all",
  "#escape=`", "# ESCAPE=`", "# escape = `", "# escape=`\n# escape=\\", "# directive=unknown", "\uFEFF# escape=`",
);

const lineEndArb = fc.constantFrom("\n", "\n", "\n", "\n", "\r\n", "\n\n", "\n# comment\n", "\n   \n", "\r");

/** A whole Dockerfile: directives, then instructions (usually starting with ARG/FROM), joined by random line endings. */
export const dockerfileArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(directiveArb, { maxLength: 2 }),
    fc.option(fc.constantFrom("FROM alpine:3.20", "ARG BASE=alpine\nFROM $BASE AS build", "FROM scratch", "FROM busybox AS a\nFROM a AS b", "ARG V\nFROM ${V:-x}"), { freq: 4, nil: "" }),
    fc.array(instructionArb, { maxLength: 12 }),
    fc.array(lineEndArb, { minLength: 16, maxLength: 16 }),
    fc.boolean(),
  )
  .map(([dirs, head, body, ends, finalNewline]) => {
    const parts = [...dirs, ...(head === "" ? [] : [head]), ...body];
    const text = parts.map((p, i) => (i === parts.length - 1 ? p : p + ends[i % ends.length]!)).join("");
    return finalNewline ? `${text}\n` : text;
  });
