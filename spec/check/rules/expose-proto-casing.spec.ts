/** ExposeProtoCasing (src/check/docker/rules/expose-proto-casing.ts). */
import { describe, expect, it } from "vitest";
import { splitExposeWord } from "../../../src/check/docker/expose-port.js";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("ExposeProtoCasing", () => {
  it("reports a protocol not in lower case", () => {
    expect(linesOf("ExposeProtoCasing", ["FROM scratch", "EXPOSE 80/TCP", "EXPOSE 81/udp 82"])).toEqual([2]);
  });
  it("an invalid protocol is the run's error, not a finding", () => {
    expect(splitExposeWord("80/xyz")).toEqual({ ok: false, error: 'invalid port: "80/xyz": invalid proto: xyz' });
    expect(splitExposeWord("80/Udp")).toMatchObject({ ok: true, word: { port: "80", proto: "Udp" } });
  });
  replaysRecordedCases("ExposeProtoCasing");
});
