/** ExposeInvalidFormat (src/check/docker/rules/expose-invalid-format.ts). */
import { describe, expect, it } from "vitest";
import { exposeRangeError, splitExposeWord } from "../../../src/check/docker/expose-port.js";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("ExposeInvalidFormat", () => {
  it("reports an IP address or a host port", () => {
    expect(linesOf("ExposeInvalidFormat", ["FROM scratch", "EXPOSE 8080:80", "EXPOSE 127.0.0.1:80:80/tcp", "EXPOSE 80"])).toEqual([2, 3]);
  });
  it("splits [[ip:]hostPort:]port[/proto] and checks the ranges after the rules", () => {
    expect(splitExposeWord("::1:80:80")).toMatchObject({ ok: true, word: { ip: "::1", hostPort: "80", port: "80" } });
    const w = splitExposeWord("80-81:90-92");
    expect(w.ok && exposeRangeError(w.word)).toBe("invalid ranges specified for container and host Ports: 90-92 and 80-81");
  });
  replaysRecordedCases("ExposeInvalidFormat");
});
