import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// `dockerfile-semantics-source` makes `import … from "dockerfile-semantics"` (the docs' examples, the site's
// modules) resolve to src/ through package.json "exports", so no build is needed first (see docs/site/README.md).
const conditions = ["dockerfile-semantics-source", ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["dockerfile-semantics-source"] } },
  test: {
    include: ["spec/**/*.spec.ts"],
    // The default output, then which gated checks did not run and why (spec/reporters/gated-skips.ts).
    reporters: ["default", "./spec/reporters/gated-skips.ts"],
    testTimeout: 20_000,
    hookTimeout: 600_000,
  },
});
