/** SecretsUsedInArgOrEnv (src/check/docker/rules/secrets-used-in-arg-or-env.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("SecretsUsedInArgOrEnv", () => {
  it("reports ARG and ENV keys with a secret word as a whole _-separated part", () => {
    expect(linesOf("SecretsUsedInArgOrEnv", ["FROM scratch", "ARG DB_PASSWORD", "ENV GITHUB_TOKEN=x", "ENV api_key=y", "ENV MONKEY=z", "ARG PASSWORDS"])).toEqual([2, 3, 4]);
  });
  it("not when a part is public", () => {
    expect(linesOf("SecretsUsedInArgOrEnv", ["FROM scratch", "ARG PUBLIC_KEY", "ENV KEY_PUBLIC=1"])).toEqual([]);
  });
  replaysRecordedCases("SecretsUsedInArgOrEnv");
});
