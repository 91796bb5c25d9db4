/**
 * The ENTRYPOINT × CMD table of the docs page "What will my container run?", computed by the simulator.
 *
 * Rows are the ENTRYPOINT forms (none, exec, shell, and the edge forms `[]` and bare), columns the CMD forms; every cell
 * is one Dockerfile on a busybox-like base (no ENTRYPOINT, no CMD, PATH set) and three `docker run`s of it:
 * without arguments, with arguments, and with `--entrypoint`. Both builders are simulated. The site's data
 * loader renders these cells, and `spec/docs/matrix-page.spec.ts` checks every one of them against real
 * builds recorded on Docker Engine 28.5 (`spec/fixtures/engine-28.5/matrix-docs.json`).
 *
 * @module
 */
import { imageFromInspect, mapResolver, simulate, toJsonReport } from "dockerfile-semantics";

/** A form on one side of the table. */
export type Form = "none" | "exec" | "shell" | "empty" | "bare";
/** The classic forms, in table order. */
export const FORMS: readonly Form[] = ["none", "exec", "shell"];
/** The edge forms (`[]` and the instruction without arguments), where the builders differ. */
export const EDGE_FORMS: readonly Form[] = ["empty", "bare"];
/** Every form. */
export const ALL_FORMS: readonly Form[] = [...FORMS, ...EDGE_FORMS];

/** The instruction each form writes. */
export const ENTRYPOINT_LINE: Record<Form, string | null> = {
  none: null,
  exec: 'ENTRYPOINT ["/bin/echo","e1"]',
  shell: "ENTRYPOINT echo e1",
  empty: "ENTRYPOINT []",
  bare: "ENTRYPOINT",
};
/** The instruction each form writes. */
export const CMD_LINE: Record<Form, string | null> = { none: null, exec: 'CMD ["/bin/echo","c1"]', shell: "CMD echo c1", empty: "CMD []", bare: "CMD" };

/** The `docker run` variants of every cell. */
export const RUNS = {
  plain: {},
  args: { args: ["a1", "a2"] },
  entrypoint: { entrypoint: "/bin/true", args: ["a1"] },
} as const satisfies Record<string, { args?: readonly string[]; entrypoint?: string }>;
/** A `docker run` variant. */
export type RunName = keyof typeof RUNS;
/** The variants, in display order. */
export const RUN_NAMES = Object.keys(RUNS) as RunName[];
/** The command line of each variant, as shown on the page. */
export const RUN_LINE: Record<RunName, string> = {
  plain: "docker run IMAGE",
  args: "docker run IMAGE a1 a2",
  entrypoint: "docker run --entrypoint /bin/true IMAGE a1",
};

/** The builders, by their option name. */
export type Builder = "buildkit" | "legacy";
/** Both builders. */
export const BUILDERS: readonly Builder[] = ["buildkit", "legacy"];

/** The base image's reference in the cells' Dockerfiles. */
export const BASE_REF = "oracle/busybox";

/** What `docker create` would make of one variant: PID 1's argv, or the daemon's refusal. */
export type RunOutcome = { readonly ok: true; readonly argv: readonly string[] } | { readonly ok: false; readonly error: string };

/** One cell of the table. */
export interface MatrixTableCell {
  readonly entrypoint: Form;
  readonly cmd: Form;
  readonly dockerfile: string;
  /** The image config's Entrypoint and Cmd per builder. */
  readonly config: Record<Builder, { readonly Entrypoint: readonly string[] | null; readonly Cmd: readonly string[] | null }>;
  /** The outcome of each variant per builder. */
  readonly runs: Record<Builder, Record<RunName, RunOutcome>>;
  /** Whether the builders disagree anywhere in this cell. */
  readonly buildersDiffer: boolean;
}

/** The Dockerfile of a cell. */
export function cellDockerfile(entrypoint: Form, cmd: Form): string {
  const lines = [`FROM ${BASE_REF}`, ENTRYPOINT_LINE[entrypoint], CMD_LINE[cmd]].filter((l): l is string => l !== null);
  return lines.join("\n") + "\n";
}

function baseResolver() {
  // A busybox image as `docker image inspect` shows it: no Entrypoint, no Cmd, PATH in Env.
  const image = imageFromInspect(`docker.io/${BASE_REF}:latest`, {
    Config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: null, Entrypoint: null, WorkingDir: "/" },
    Os: "linux",
    RootFS: { Layers: ["sha256:8cff950bdf8664bb3e4d6945077a2ebe2b220b2690ce6066020230fea53dc091"] },
  });
  if (!image.ok) throw new Error(image.error);
  return mapResolver({ [`docker.io/${BASE_REF}:latest`]: image.value });
}

/** Computes every cell of the table with the simulator. */
export function matrixTable(): MatrixTableCell[] {
  const resolver = baseResolver();
  const cells: MatrixTableCell[] = [];
  for (const entrypoint of ALL_FORMS) {
    for (const cmd of ALL_FORMS) {
      const dockerfile = cellDockerfile(entrypoint, cmd);
      const config = {} as MatrixTableCell["config"];
      const runs = {} as MatrixTableCell["runs"];
      for (const builder of BUILDERS) {
        const cfg = toJsonReport(simulate(dockerfile, { builder, resolver })).config;
        config[builder] = { Entrypoint: cfg?.Entrypoint ?? null, Cmd: cfg?.Cmd ?? null };
        const out = {} as Record<RunName, RunOutcome>;
        for (const name of RUN_NAMES) {
          const o = RUNS[name];
          const run = toJsonReport(simulate(dockerfile, { builder, resolver, run: { ...("entrypoint" in o ? { entrypoint: o.entrypoint } : {}), ...("args" in o ? { args: [...o.args] } : {}) } })).run;
          out[name] = run === null ? { ok: false, error: "no run" } : "error" in run ? { ok: false, error: run.error } : { ok: true, argv: [run.path, ...run.args] };
        }
        runs[builder] = out;
      }
      const buildersDiffer = JSON.stringify([config.buildkit, runs.buildkit]) !== JSON.stringify([config.legacy, runs.legacy]);
      cells.push({ entrypoint, cmd, dockerfile, config, runs, buildersDiffer });
    }
  }
  return cells;
}
