// Go's strconv.Quote / %q (src/docker/go-quote.ts).
// `verified` rows were observed on Docker Engine 28.5.2 in `docker history` (CMD exec form,
// both builders) or in stage-name error messages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goIsPrint, goQuote, goQuoteBytes, goQuoteRune, goQuoteStringSlice, goSprintfQInt } from "../../src/docker/go-quote.js";
import { appendRune, utf8Encode } from "../../src/docker/utf8.js";

/** A decoder for Go interpreted string literals, written independently of the encoder: returns the bytes. */
function decodeGoStringLiteral(lit: string): Uint8Array {
  if (lit.length < 2 || lit[0] !== '"' || lit[lit.length - 1] !== '"') throw new Error(`not a literal: ${lit}`);
  const body = lit.slice(1, -1);
  const out: number[] = [];
  const pushCp = (cp: number): void => {
    out.push(...utf8Encode(String.fromCodePoint(cp)));
  };
  for (let i = 0; i < body.length; ) {
    const cp = body.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (ch === '"') throw new Error("unescaped quote");
    if (cp < 0x20 || cp === 0x7f) throw new Error("raw control character in literal");
    if (ch !== "\\") {
      pushCp(cp);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 0x5c, '"': 0x22 };
    if (e !== undefined && e in simple) {
      out.push(simple[e] ?? 0);
      i += 2;
    } else if (e === "x") {
      out.push(parseInt(body.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (e === "u") {
      pushCp(parseInt(body.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (e === "U") {
      pushCp(parseInt(body.slice(i + 2, i + 10), 16));
      i += 10;
    } else {
      throw new Error(`bad escape \\${e}`);
    }
  }
  return Uint8Array.from(out);
}

const bytesOf = (s: string): Uint8Array => utf8Encode(s);

/** UTF-8 one code point at a time (lone surrogates as U+FFFD): the reference the fast paths are checked against. */
function referenceBytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0xfffd;
    appendRune(out, cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp);
  }
  return Uint8Array.from(out);
}

describe("goQuote (strconv.Quote)", () => {
  const table: { in: string; out: string; verified?: boolean }[] = [
    { in: "é", out: '"é"', verified: true },
    { in: "\u0001", out: '"\\x01"', verified: true },
    { in: "\u007f", out: '"\\x7f"', verified: true },
    { in: "\ud800", out: '"�"', verified: true }, // JSON \ud800 → U+FFFD in Go
    { in: "\u00ad", out: '"\\u00ad"', verified: true },
    { in: "\u00a0", out: '"\\u00a0"', verified: true },
    { in: "\u200b", out: '"\\u200b"', verified: true },
    { in: "\ud83d\ude00", out: '"😀"', verified: true },
    { in: "\u2028", out: '"\\u2028"', verified: true },
    { in: "\ufeff", out: '"\\ufeff"', verified: true },
    { in: "tab\t\n\r\b\f\u000b\u0007", out: '"tab\\t\\n\\r\\b\\f\\v\\a"', verified: true },
    { in: "q\"\\'", out: '"q\\"\\\\\'"', verified: true },
    { in: "\u0085", out: '"\\u0085"', verified: true },
    { in: "\ue000", out: '"\\ue000"', verified: true },
    { in: "\u0378", out: '"\\u0378"', verified: true },
    { in: "\udbff\udfff", out: '"\\U0010ffff"', verified: true },
    { in: "\udb40\udc01", out: '"\\U000e0001"', verified: true },
    { in: "\u3000", out: '"\\u3000"', verified: true },
    { in: " x ", out: '" x "', verified: true },
    { in: "\u0300", out: '"\u0300"', verified: true },
    { in: "\ufffd", out: '"�"', verified: true },
    { in: "\ude00x", out: '"�x"', verified: true },
    { in: "1abc", out: '"1abc"', verified: true },
    { in: "a\u0001", out: '"a\\x01"', verified: true },
    { in: "", out: '""' },
    { in: "\u0000", out: '"\\x00"' },
    { in: "\u001b[0m", out: '"\\x1b[0m"' },
    { in: "日本", out: '"日本"' },
  ];
  it.each(table)("goQuote($in) = $out", (c) => {
    expect(goQuote(c.in)).toBe(c.out);
  });

  it("quotes invalid UTF-8 bytes one by one (verified: CMD echo <raw bytes>)", () => {
    const raw = "echo \xff\xc3 \xe2\x82 \xed\xa0\x80 \xef\xbf\xbd \xf4\x90\x80\x80 \xc0\xaf x\x01y\x7fz";
    const bytes = Uint8Array.from([...raw].map((c) => c.charCodeAt(0)));
    expect(goQuoteBytes(bytes)).toBe('"echo \\xff\\xc3 \\xe2\\x82 \\xed\\xa0\\x80 � \\xf4\\x90\\x80\\x80 \\xc0\\xaf x\\x01y\\x7fz"');
  });

  it("formats string slices like %q (verified in history)", () => {
    expect(goQuoteStringSlice(["/bin/sh", "-c", "echo hi"])).toBe('["/bin/sh" "-c" "echo hi"]');
    expect(goQuoteStringSlice(["a b", ""])).toBe('["a b" ""]');
    expect(goQuoteStringSlice([])).toBe("[]");
    expect(goQuoteStringSlice(null)).toBe("[]");
  });

  it("quotes runes and %q of integers", () => {
    expect(goQuoteRune(3)).toBe("'\\x03'");
    expect(goQuoteRune(0x27)).toBe("'\\''");
    expect(goQuoteRune(0x22)).toBe("'\"'");
    expect(goQuoteRune(0xd800)).toBe("'�'");
    expect(goSprintfQInt(0)).toBe("'\\x00'"); // verified (HEALTHCHECK history)
    expect(goSprintfQInt(3)).toBe("'\\x03'"); // verified
    expect(goSprintfQInt(2147483647)).toBe("'�'"); // verified
    expect(goSprintfQInt(-1)).toBe("'�'");
    expect(goSprintfQInt(65)).toBe("'A'");
  });

  it("IsPrint on the Latin-1 range", () => {
    const printable = [];
    for (let r = 0; r <= 0xff; r++) if (goIsPrint(r)) printable.push(r);
    expect(printable.length).toBe(95 + 94); // 0x20..0x7e, 0xa1..0xff minus 0xad
    expect(goIsPrint(0xad)).toBe(false);
    expect(goIsPrint(0x20)).toBe(true);
    expect(goIsPrint(0x2028)).toBe(false);
  });

  const arbUnit = fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), // includes lone surrogates
    fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    fc.constantFrom('"', "\\", "'", "\n", "\u007f", "\u00ad", "é"),
  );
  const arbText = fc.array(arbUnit, { maxLength: 30 }).map((a) => a.join(""));

  it("property: any string decodes back to its UTF-8 bytes (lone surrogates as U+FFFD)", () => {
    fc.assert(
      fc.property(arbText, (s) => {
        expect(decodeGoStringLiteral(goQuote(s))).toEqual(bytesOf(s));
      }),
    );
  });

  it("property: quoting a string equals quoting its UTF-8 bytes (the string path makes no bytes)", () => {
    fc.assert(
      fc.property(arbText, (s) => {
        expect(utf8Encode(s)).toEqual(referenceBytes(s));
        expect(goQuote(s)).toBe(goQuoteBytes(referenceBytes(s)));
      }),
    );
  });

  it("quotes a long line in time and memory linear in its length (no byte array per character)", () => {
    const line = "x".repeat(1 << 22) + "\u00e9\n";
    const q = goQuote(line);
    expect(q.length).toBe(line.length + 3);
    expect(q.endsWith('é\\n"')).toBe(true);
  });

  it("property: any byte string decodes back to itself", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect(decodeGoStringLiteral(goQuoteBytes(b))).toEqual(b);
      }),
    );
  });

  it("property: the literal has no raw control character and no unescaped quote", () => {
    fc.assert(
      fc.property(arbText, (s) => {
        const body = goQuote(s).slice(1, -1);
        expect(/[\u0000-\u001f\u007f]/.test(body)).toBe(false);
        expect(/(^|[^\\])(\\\\)*"/.test(body)).toBe(false);
      }),
    );
  });
});
