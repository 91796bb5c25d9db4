/**
 * A vitest reporter, run beside the default one, that says at the end of a run which checks did not
 * run and why: every skipped suite that names its reason in its title (`[skipped: …]`, as
 * `oracleSuite` in `spec/oracle/suite.ts` and the corpus and terminal specs do), with the number of
 * checks skipped under it. Without it the default output only shows `↓ file (N tests | N skipped)`.
 *
 * @module
 */
import type { Reporter, TestModule } from "vitest/node";

/** A skipped suite's reason from its title, or null when the title gives none. */
export function skipReason(title: string): string | null {
  const m = /\[skipped: (.*)\]\s*$/s.exec(title);
  return m === null ? null : m[1]!;
}

/** The skipped checks of a run, by reason: how many, and in which files. */
export function gatedSkips(modules: readonly TestModule[]): Map<string, { count: number; files: Set<string> }> {
  const out = new Map<string, { count: number; files: Set<string> }>();
  for (const m of modules) {
    for (const t of m.children.allTests()) {
      if (t.result().state !== "skipped") continue;
      let reason: string | null = null;
      // The nearest enclosing suite whose title gives a reason.
      type Parent = { readonly type: string; readonly name?: string; readonly parent?: Parent };
      for (let p = t.parent as Parent | undefined; p !== undefined && p.type === "suite" && reason === null; p = p.parent) reason = skipReason(p.name ?? "");
      if (reason === null) continue;
      const entry = out.get(reason) ?? { count: 0, files: new Set<string>() };
      entry.count++;
      entry.files.add(m.relativeModuleId);
      out.set(reason, entry);
    }
  }
  return out;
}

/** The summary lines printed after the default reporter's. */
export function renderGatedSkips(skips: ReadonlyMap<string, { count: number; files: ReadonlySet<string> }>): string {
  if (skips.size === 0) return "";
  const lines = ["", " Checks that did not run:"];
  for (const [reason, { count, files }] of skips) {
    lines.push(`   ${count} check${count === 1 ? "" : "s"} in ${[...files].join(", ")}: ${reason}`);
  }
  return lines.join("\n") + "\n";
}

/** The reporter (`vitest.config.ts` lists it after `default`). */
export default class GatedSkipsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    process.stdout.write(renderGatedSkips(gatedSkips(modules)));
  }
}
