/**
 * The heredoc reader of `src/parse/heredoc.ts` (BuildKit v0.25.2 `frontend/dockerfile/parser/parser.go`):
 * which lines are bodies, what a delimiter word says, bodies kept byte for byte, and a parse that does
 * not depend on dockerfile-ast. The real-build checks are in `spec/heredoc`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHeredocWord } from "../../src/expand/index.js";
import { chompHeredocContent, LineOffsets } from "../../src/parse/heredoc.js";
import type { Instruction } from "../../src/parse/instruction.js";
import { parseDockerfile } from "../../src/parse/parse-dockerfile.js";

function instructions(text: string): Instruction[] {
  return parseDockerfile(text).entries.flatMap((e) => (e.ok ? [e.instruction] : []));
}

function heredocsOf(i: Instruction | undefined) {
  return i !== undefined && (i.keyword === "RUN" || i.keyword === "COPY" || i.keyword === "ADD") ? i.heredocs : [];
}

describe("heredoc words (ParseHeredoc)", () => {
  it.each([
    ["<<EOF", { name: "EOF", expand: true, chomp: false, fileDescriptor: 0 }],
    ["<<-EOF", { name: "EOF", expand: true, chomp: true, fileDescriptor: 0 }],
    ['<<"EOF"', { name: "EOF", expand: false, chomp: false, fileDescriptor: 0 }],
    ["<<'EOF'", { name: "EOF", expand: false, chomp: false, fileDescriptor: 0 }],
    ['<<E"O"F', { name: "EOF", expand: false, chomp: false, fileDescriptor: 0 }],
    ["<<-'E T'", { name: "E T", expand: false, chomp: true, fileDescriptor: 0 }],
    ["3<<EOF", { name: "EOF", expand: true, chomp: false, fileDescriptor: 3 }],
    ["<<$X", { name: "$X", expand: true, chomp: false, fileDescriptor: 0 }],
    ["<<script.sh", { name: "script.sh", expand: true, chomp: false, fileDescriptor: 0 }],
  ])("%s", (word, heredoc) => {
    expect(parseHeredocWord(word)).toEqual({ ok: true, heredoc });
  });

  it.each(["<<", "file.txt", "<<A<<B", "a<<EOF", "<<-"])("%s is not a heredoc word", (word) => {
    expect(parseHeredocWord(word)).toEqual({ ok: true, heredoc: null });
  });
});

describe("heredoc bodies", () => {
  it("reads the bodies after the instruction, one heredoc after the other, and goes on after the last terminator", () => {
    const is = instructions("FROM scratch\nCOPY <<A <<B /d/\nfirst\nA\nsecond\nB\nENV X=1\n");
    expect(is.map((i) => i.keyword)).toEqual(["FROM", "COPY", "ENV"]);
    expect(heredocsOf(is[1]).map((h) => [h.name, h.content, h.range.start.line, h.range.end.line])).toEqual([
      ["A", "first\n", 2, 3],
      ["B", "second\n", 4, 5],
    ]);
  });

  it("keeps body lines exactly: comments, continuations, directives, blank lines and CRLF endings", () => {
    const body = "# not a comment\r\nx \\\n\n# escape=`\n  EOF\n";
    const [, run] = instructions(`FROM scratch\nRUN <<EOF\n${body}EOF\r\n`);
    expect(heredocsOf(run)[0]!.content).toBe(body);
  });

  it("gives an empty body as an empty string", () => {
    expect(heredocsOf(instructions("FROM scratch\nRUN <<EOF\nEOF\n")[1])[0]!.content).toBe("");
  });

  it("ends a <<- body at a tab-indented terminator, and a << body only at an exact one", () => {
    expect(heredocsOf(instructions("FROM s\nRUN <<-EOF\n\tx\n\t\tEOF\n")[1])[0]!.content).toBe("\tx\n");
    expect(heredocsOf(instructions("FROM s\nRUN <<EOF\n\tEOF\nEOF\n")[1])[0]!.content).toBe("\tEOF\n");
  });

  it("finds heredocs on the logical line, continuations joined", () => {
    const [, copy] = instructions("FROM s\nCOPY <<EOF \\\n  /u.txt\nbody\nEOF\n");
    expect(copy?.keyword === "COPY" && copy.destination.value).toBe("/u.txt");
    expect(heredocsOf(copy)[0]!.content).toBe("body\n");
  });

  it("reads no heredoc in JSON form or in other instructions", () => {
    expect(instructions('FROM s\nRUN ["sh", "-c", "cat <<EOF"]\nENV X=1\n').map((i) => i.keyword)).toEqual(["FROM", "RUN", "ENV"]);
    expect(instructions("FROM s\nLABEL a=<<EOF\nENV X=1\n").map((i) => i.keyword)).toEqual(["FROM", "LABEL", "ENV"]);
  });

  it("reads the body of an ONBUILD trigger into its expression, as the image's OnBuild stores it", () => {
    const [, onbuild] = instructions("FROM s\nONBUILD RUN <<EOF\necho hi\nEOF\nENV X=1\n");
    expect(onbuild?.keyword === "ONBUILD" && onbuild.expression).toBe("RUN <<EOF\necho hi\nEOF");
  });

  it("fails an unterminated heredoc at line level, the instruction and the rest of the file being its body", () => {
    const parsed = parseDockerfile("FROM s\nCOPY <<EOF /u\nbody\nENV X=1\n");
    expect(parsed.entries).toHaveLength(2);
    const e = parsed.entries[1]!;
    expect(e.ok).toBe(false);
    if (!e.ok) expect(e.failures[0]).toMatchObject({ phase: 1, code: "build/heredoc", message: "unterminated heredoc", range: { start: { line: 1 }, end: { line: 3 } } });
  });

  it("refuses a heredoc as the destination of COPY/ADD", () => {
    const e = parseDockerfile("FROM s\nCOPY a <<EOF\nx\nEOF\n").entries[1]!;
    expect(!e.ok && e.failures[0]!.message).toBe("COPY cannot accept a heredoc as a destination");
  });

  it("reads a 200,000-line unterminated heredoc as one failed entry (its lines are not instructions)", () => {
    const text = "FROM s\nRUN <<EOF\n" + "x\n".repeat(200_000);
    const parsed = parseDockerfile(text);
    expect(parsed.entries).toHaveLength(2);
    expect(parsed.entries[1]!.ok).toBe(false);
  });
});

describe("properties", () => {
  const line = fc.string({ unit: fc.constantFrom("a", "E", "O", "F", " ", "\t", "\\", "#", "$", "<", "'", '"', "\r"), maxLength: 8 });
  const delimiter = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/);

  it("a body is its lines as written, up to the first line equal to the delimiter", () => {
    fc.assert(
      fc.property(delimiter, fc.array(line, { maxLength: 6 }), fc.constantFrom("", "-"), fc.constantFrom("\n", "\r\n"), (name, lines, dash, eol) => {
        const strip = (l: string): string => (dash === "-" ? l.replace(/^\t+/, "") : l).replace(/[\r\n]+$/, "");
        const body = lines.filter((l) => strip(l) !== name);
        const text = `FROM s${eol}COPY <<${dash}${name} /f${eol}${body.map((l) => l + eol).join("")}${name}${eol}ENV X=1${eol}`;
        const is = instructions(text);
        expect(is.map((i) => i.keyword)).toEqual(["FROM", "COPY", "ENV"]);
        expect(heredocsOf(is[1])[0]!.content).toBe(body.map((l) => l + eol).join(""));
      }),
      { numRuns: 300 },
    );
  });

  it("a quoted or partly quoted delimiter is read without its quotes and turns expansion off", () => {
    fc.assert(
      fc.property(delimiter, fc.nat(), fc.constantFrom('"', "'"), (name, at, q) => {
        const k = at % (name.length + 1);
        const word = `<<${name.slice(0, k)}${q}${name.slice(k)}${q}`;
        const r = parseHeredocWord(word);
        expect(r).toEqual({ ok: true, heredoc: { name, expand: false, chomp: false, fileDescriptor: 0 } });
      }),
      { numRuns: 200 },
    );
  });

  it("<<- strips the leading tabs of every line, and only those (lines start after \\n)", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const text = lines.map((l) => l + "\n").join("");
        expect(chompHeredocContent(text)).toBe(lines.map((l) => l.replace(/^\t+/, "") + "\n").join(""));
      }),
    );
  });

  it("line offsets agree with splitting on \\n, asked in any order", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.array(fc.nat(10), { maxLength: 8 }), (lines, asks) => {
        const text = lines.join("\n");
        const offsets = new LineOffsets(text);
        for (const k of asks) {
          const want = k < lines.length ? lines.slice(0, k).reduce((n, l) => n + l.length + 1, 0) : text.length;
          expect(offsets.offsetOf(k)).toBe(want);
        }
      }),
    );
  });
});
