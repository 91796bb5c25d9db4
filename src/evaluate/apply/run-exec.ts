/**
 * Whether a RUN's program exists, decided only where the simulator knows the stage's whole
 * filesystem (`FROM scratch`, and what COPY, ADD and WORKDIR put there; never after a RUN or on an
 * image whose files are not all known). The program is argv[0]: the shell for shell form, the
 * first word for exec form. An absolute path must exist; a bare name is looked up in the PATH the
 * RUN sees (runc's `exec.LookPath` in the container). Verified on 28.5.2 with both builders:
 *
 * - `FROM scratch` + `RUN true`: BuildKit `process "/bin/sh -c true" did not complete
 *   successfully: exit code: 1`; classic `failed to create task for container: … unable to start
 *   container process: exec: "/bin/sh": stat /bin/sh: no such file or directory`;
 * - `RUN ["true"]` with `true` in no PATH directory: BuildKit `process "true" … exit code: 1`;
 *   classic `… exec: "true": executable file not found in $PATH`.
 *
 * Sources: BuildKit reports the runc failure as the process's exit (vendored
 * `github.com/moby/buildkit/executor/runcexecutor`, `solver/llbsolver/ops/exec.go` wraps it as
 * `process %q did not complete successfully`); the classic builder shows the OCI runtime's own error
 * (libcontainerd/remote/client.go wraps it as `failed to create task for container`).
 *
 * @module
 */
import type { BuilderRules } from "../../builders/index.js";
import { goQuote } from "../../docker/go-quote.js";
import type { Vfs } from "../../fs/vfs/tree.js";

/**
 * The error a RUN fails with because its program is certainly absent from a filesystem the
 * simulator knows completely, or null (it exists, or may: the simulator then predicts nothing).
 *
 * @param path the RUN's `PATH` (undefined when unset)
 * @example
 * ```ts
 * runExecError(rulesOf("legacy"), Vfs.empty(), ["/bin/sh", "-c", "true"], "/usr/bin:/bin");
 * // 'failed to create task for container: … exec: "/bin/sh": stat /bin/sh: no such file or directory'
 * ```
 */
export function runExecError(rules: BuilderRules, fs: Vfs, argv: readonly string[], path: string | undefined): string | null {
  const program = argv[0];
  if (program === undefined || program === "" || fs.opaque.length > 0) return null;
  const absent = (p: string): boolean => {
    const r = fs.lookup(p, true);
    return !r.found && r.why === "missing";
  };
  let runtimeError: string;
  if (program.includes("/")) {
    if (!program.startsWith("/") || !absent(program)) return null;
    runtimeError = `exec: ${goQuote(program)}: stat ${program}: no such file or directory`;
  } else {
    // Only absolute PATH entries: an empty or relative one is searched from the working directory,
    // which Go's LookPath then refuses or accepts by rules not modelled here.
    const dirs = (path ?? "").split(":");
    if (path === undefined || dirs.some((d) => !d.startsWith("/"))) return null;
    if (!dirs.every((d) => absent(`${d}/${program}`))) return null;
    runtimeError = `exec: ${goQuote(program)}: executable file not found in $PATH`;
  }
  return rules.missingProgramMessage(argv, runtimeError);
}
