/**
 * Issue 16 point 5: with the base images' files as the engine exports them, what depends on them is
 * predicted exactly by both builders: user lookup (USER + RUN, `--chown` names), WORKDIR on existing
 * directories and files, COPY over existing paths, and COPY --from=<image> reading the image's files.
 * Each case is built for real with BuildKit and the classic builder and compared category by category
 * (`checkOne`); the generated differential runs the same way in `differential.spec.ts`.
 */
import { expect, it } from "vitest";
import { normalizeError } from "../fs/copy/harness.js";
import { checkOne, type Divergence } from "./differential.js";
import { describeDivergence } from "./report.js";
import { oracleSuite } from "./suite.js";

const CASES: readonly string[] = [
  "FROM oracle/passwd\nUSER app:grp\nRUN true\nCMD [\"id\"]\n",
  "FROM oracle/passwd\nUSER nobody\nRUN true\n",
  "FROM oracle/busybox\nUSER 1000\nRUN true\n",
  "FROM oracle/busybox\nWORKDIR /bin\nCMD [\"ls\"]\n",
  "FROM oracle/busybox\nWORKDIR /bin/busybox\n",
  "FROM oracle/env\nWORKDIR /srv\nWORKDIR /srv/new\n",
  "FROM oracle/passwd\nCOPY --from=oracle/passwd --chown=app:grp /etc/passwd /x\n",
  "FROM oracle/busybox\nCOPY --from=oracle/passwd --chown=app /etc/group /y\n",
  "FROM oracle/passwd\nCOPY --from=oracle/passwd /etc/group /bin/\nCOPY --from=oracle/passwd /etc/group /etc/group\n",
  "FROM oracle/busybox\nCOPY --from=oracle/passwd /etc/nope /x\n",
  "FROM oracle/busybox\nCOPY --from=oracle/passwd /etc /bin/busybox/\n",
];

/**
 * A build-error "divergence" that is none: the engine's message names its own storage paths and
 * BuildKit ref ids where the simulator writes `<rootfs>` and `<ref>` (as the COPY/ADD comparison
 * normalizes them, spec/fs/copy/harness.ts).
 */
function sameModuloPlaceholders(d: Divergence): boolean {
  const e = d.engine as { ok?: boolean; error?: string } | null;
  const s = d.simulator as { ok?: boolean; error?: string } | null;
  return d.category === "build" && d.all.length === 1 && e?.ok === false && s?.ok === false && normalizeError(e.error ?? "") === s.error;
}

await oracleSuite("base images with their files: user lookup, WORKDIR and COPY over existing paths, both builders", (engine) => {
  it(`${CASES.length} hand-written cases agree with real builds of both builders`, async () => {
    const found: string[] = [];
    for (const dockerfile of CASES) {
      for (const d of await checkOne(engine, { dockerfile }, undefined, null, "engine")) if (!sameModuloPlaceholders(d)) found.push(describeDivergence(d));
    }
    expect(found).toEqual([]);
  }, CASES.length * 120_000);
});
