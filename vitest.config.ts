import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["spec/**/*.spec.ts"],
    // The default output, then which gated checks did not run and why (spec/reporters/gated-skips.ts).
    reporters: ["default", "./spec/reporters/gated-skips.ts"],
    testTimeout: 20_000,
    hookTimeout: 600_000,
  },
});
