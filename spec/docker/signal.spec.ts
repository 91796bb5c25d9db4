// STOPSIGNAL validation (src/docker/signal.ts).
// `verified` rows were built on Docker Engine 28.5.2 with both builders (identical results;
// accepted values are stored verbatim in .Config.StopSignal).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LINUX_SIGNALS, parseStopSignal, signalNumber } from "../../src/docker/signal.js";

describe("parseStopSignal", () => {
  const accepted: { value: string; number: bigint; verified?: boolean }[] = [
    { value: "kill", number: 9n, verified: true },
    { value: "sigterm", number: 15n, verified: true },
    { value: "TERM", number: 15n, verified: true },
    { value: "RTMIN+3", number: 37n, verified: true },
    { value: "999", number: 999n, verified: true },
    { value: "-1", number: -1n, verified: true },
    { value: "+5", number: 5n, verified: true },
    { value: "SIGRTMAX-14", number: 50n, verified: true },
    { value: "sigrtmin+15", number: 49n, verified: true },
    { value: "CLD", number: 17n, verified: true },
    { value: "POLL", number: 29n, verified: true },
    { value: "IOT", number: 6n, verified: true },
    { value: "2147483648", number: 2147483648n, verified: true },
    { value: "sIgHuP", number: 1n, verified: true },
    { value: "007", number: 7n, verified: true },
    { value: "\u017figk\u0131ll", number: 9n, verified: true }, // ſ and ı upper-case to S and I in Go
    { value: "9223372036854775807", number: 9223372036854775807n, verified: true },
    { value: "-9223372036854775808", number: -9223372036854775808n, verified: true },
    { value: "RTMAX", number: 64n },
    { value: "SIGRTMIN", number: 34n },
  ];
  it.each(accepted)("accepts $value (stored verbatim)", (c) => {
    expect(parseStopSignal(c.value)).toEqual({ ok: true, value: c.value });
    expect(signalNumber(c.value)).toEqual({ ok: true, value: c.number });
  });

  const rejected: { value: string; verified?: boolean }[] = [
    { value: "0", verified: true },
    { value: "-0", verified: true },
    { value: "00", verified: true },
    { value: "SIGFOO", verified: true },
    { value: "", verified: true },
    { value: "9223372036854775808", verified: true },
    { value: "SIGSIGKILL", verified: true },
    { value: "RTMIN+16", verified: true },
    { value: "0x10", verified: true },
    { value: "1 2", verified: true },
    { value: "Sig_Kill", verified: true },
    { value: "sigkil\u0142", verified: true },
    { value: "\ufb06op", verified: true }, // JS upper-cases ﬆ to "ST"; Go does not
    { value: " kill" },
    { value: "-9223372036854775809" },
    { value: "RTMIN-1" },
    { value: "stra\u00dfe" },
  ];
  it.each(rejected)("rejects $value", (c) => {
    expect(parseStopSignal(c.value)).toEqual({ ok: false, error: `invalid signal: ${c.value}` });
  });

  it("property: every non-zero int64 is accepted verbatim", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), fc.boolean(), (n, plus) => {
        const text = (plus && n >= 0n ? "+" : "") + n.toString();
        const r = parseStopSignal(text);
        if (n === 0n) expect(r).toEqual({ ok: false, error: `invalid signal: ${text}` });
        else expect(r).toEqual({ ok: true, value: text });
      }),
    );
  });

  it("property: every signal name is accepted in any case, with or without SIG", () => {
    const names = [...LINUX_SIGNALS.keys()];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.boolean(), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (name, sig, ups) => {
        const raw = (sig ? "SIG" : "") + name;
        const text = [...raw].map((c, i) => (ups[i % ups.length] ? c.toUpperCase() : c.toLowerCase())).join("");
        expect(parseStopSignal(text)).toEqual({ ok: true, value: text });
        expect(signalNumber(text)).toEqual({ ok: true, value: BigInt(LINUX_SIGNALS.get(name) ?? -1) });
      }),
    );
  });
});
