/**
 * The rules `dockerfile-check` reports, in two namespaces: Docker's own checks under Docker's rule names
 * (`JSONArgsRecommended`, …), and the simulator's own under `lint/…` (the traps a build does not flag) and
 * `build/…` (a build Docker would fail, predicted with the engine's message). Each has an id, a docs page
 * and a default severity.
 *
 * @module
 */
import type { Severity } from "../core/diagnostic.js";
import { RULES as LINT_RULES } from "../lint/rules/index.js";
import { DOCKER_RULES } from "./docker/rule-table.js";

/** Which namespace a rule belongs to. */
export type RuleNamespace = "docker" | "dockerfile-semantics";

/** A rule as `dockerfile-check` lists and configures it. */
export interface CheckRule {
  /** Docker's rule name, or `lint/<name>` / `build/<name>` for ours. */
  readonly id: string;
  readonly namespace: RuleNamespace;
  /** One line on what it finds. */
  readonly title: string;
  /** Where its page is: Docker's docs URL for Docker's rules; this package's docs page (relative to the repository root) for ours. */
  readonly docs: string;
  readonly defaultSeverity: Severity;
  /** Docker's experimental rules run only when enabled (`# check=experimental=…`). */
  readonly experimental: boolean;
}

/** Where the pages of our rules are, relative to the repository root. */
export const OWN_DOCS_DIR = "docs/checks";

const slug = (id: string): string => id.replace(/\//g, "-").toLowerCase();

/** The page of a rule of ours (`docs/checks/lint-pid1-is-shell.md`). */
export function ownRuleDocs(id: string): string {
  return `${OWN_DOCS_DIR}/${slug(id)}.md`;
}

/** Our id for a build failure the simulator predicts (each `build/…` code shares one page). */
export const BUILD_FAILURE_RULE = "build/failure";
/** Our id for a file whose work budget ran out before its checks finished. */
export const BUDGET_RULE = "budget/exceeded";

/** Every rule: Docker's in their rule-set order, then ours. */
export const CHECK_RULES: readonly CheckRule[] = [
  ...DOCKER_RULES.map(
    (r): CheckRule => ({
      id: r.name,
      namespace: "docker",
      title: r.description,
      docs: r.url ?? `${OWN_DOCS_DIR}/docker-${r.name.toLowerCase()}.md`,
      defaultSeverity: "warning",
      experimental: r.experimental,
    }),
  ),
  ...LINT_RULES.map((r): CheckRule => ({ id: r.code, namespace: "dockerfile-semantics", title: r.title, docs: ownRuleDocs(r.code), defaultSeverity: r.severity, experimental: false })),
  { id: BUILD_FAILURE_RULE, namespace: "dockerfile-semantics", title: "A real build of this Dockerfile fails (predicted with the engine's own message)", docs: ownRuleDocs(BUILD_FAILURE_RULE), defaultSeverity: "error", experimental: false },
  { id: BUDGET_RULE, namespace: "dockerfile-semantics", title: "The file's work budget ran out: what was not checked is unknown", docs: ownRuleDocs(BUDGET_RULE), defaultSeverity: "info", experimental: false },
];

const BY_ID = new Map(CHECK_RULES.map((r) => [r.id, r]));

/** The rule a finding's id belongs to (`build/flag` → the build-failure rule). */
export function checkRule(id: string): CheckRule | undefined {
  return BY_ID.get(id) ?? (id.startsWith("build/") ? BY_ID.get(BUILD_FAILURE_RULE) : undefined);
}
