/**
 * Heredoc cases (Dockerfile syntax 1.4+), each built for real with BuildKit and the classic builder by
 * `record.ts` into `spec/fixtures/engine-28.5/heredoc.json` (same shape as `copy-add.json`: history,
 * layers and the exported files under `paths`).
 *
 * RUN cases copy `/proc/1/cmdline` of the RUN's process into `/out/pid1`: its SHA-256 in the fixture
 * tells exactly which argv the builder ran (`heredoc.spec.ts` checks it against the simulator's).
 *
 * @module
 */
import type { CopyCase } from "../fs/copy/cases.js";

const cases: CopyCase[] = [];
const BUSYBOX_NOTE = "FROM oracle/busybox:latest (harness base image); the base's files and any RUN's effects are opaque to the simulator.";

function add(id: string, title: string, dockerfile: string, paths: string[], extra: Partial<Pick<CopyCase, "buildArgs" | "note" | "context">> = {}): void {
  const { context, ...rest } = extra;
  cases.push({ id: `heredoc-${id}`, title, dockerfile, context: context ?? { "a.txt": "hello\n" }, paths, ...rest });
}

const VARS = "ARG A=aval\nENV E=eval\n";
/** A RUN body line that records the process's argv (NUL-separated) in /out/pid1. */
const PID1 = "mkdir -p /out; cat /proc/1/cmdline > /out/pid1";

// --- COPY/ADD: expansion and delimiter quoting ---------------------------------------------------------------
add("copy-expand", "COPY heredoc, unquoted delimiter: ARG/ENV expand, HOME and unset variables give nothing", `FROM scratch\n${VARS}COPY <<EOF /u.txt\nhello $HOME $A \${E} $NOPE\nEOF\n`, ["/u.txt"]);
add("copy-quoted-double", 'COPY <<"EOF": the body stays literal', `FROM scratch\n${VARS}COPY <<"EOF" /u.txt\nhello $A \${E}\nEOF\n`, ["/u.txt"]);
add("copy-quoted-single", "COPY <<'EOF': the body stays literal", `FROM scratch\n${VARS}COPY <<'EOF' /u.txt\nhello $A \${E}\nEOF\n`, ["/u.txt"]);
add("copy-quoted-partial", 'COPY <<E"O"F: a partly quoted delimiter (name EOF) keeps the body literal', `FROM scratch\n${VARS}COPY <<E"O"F /u.txt\nhello $A\nEOF\n`, ["/u.txt"]);
add("copy-escapes", "COPY heredoc body escapes and quotes: \\ escapes the next character, quotes are literal, modifiers work", `FROM scratch\n${VARS}COPY <<EOF /u.txt\n\\$A \\\\ a\\nb '$A' "$E" \${A:-x} \${NOPE:-dflt} \${A#a} $$ end\\\ncontinued\nEOF\n`, ["/u.txt"]);
add("copy-escape-directive", "COPY heredoc under # escape=`: the body is still expanded with \\ as the escape", "# escape=`\nFROM scratch\nARG A=aval\nCOPY <<EOF /u.txt\n\\$A `$A $A\\\\x\nEOF\n", ["/u.txt"]);
add("copy-build-arg", "COPY heredoc with --build-arg: a declared ARG takes the build arg, an undeclared one is not visible", `FROM scratch\nARG B=dflt\nCOPY <<EOF /u.txt\nB=$B C=$C\nEOF\n`, ["/u.txt"], { buildArgs: { B: "cli", C: "undeclared" } });
add("copy-expansion-error", "COPY heredoc body with ${V:?msg} and V unset: the build fails", "FROM scratch\nCOPY <<EOF /u.txt\nv=${V:?is required}\nEOF\n", ["/u.txt"]);
add("add-expand", "ADD heredoc: the same as COPY", `FROM scratch\n${VARS}ADD <<EOF /add.txt\n$A $E\nEOF\n`, ["/add.txt"]);

// --- <<- ----------------------------------------------------------------------------------------------------------
add("copy-chomp", "COPY <<-EOT: leading tabs stripped from the body and the terminator, body expanded", `FROM scratch\n${VARS}COPY <<-EOT /t.txt\n\tindent $E\n\t\ttwo tabs\n  spaces stay\nEOT\n`, ["/t.txt"]);
add("copy-chomp-terminator", "COPY <<-EOT with a tab-indented terminator", `FROM scratch\nCOPY <<-EOT /t.txt\n\tx\n\tEOT\n`, ["/t.txt"]);
add("copy-chomp-quoted", 'COPY <<-"EOT": tabs stripped, no expansion', `FROM scratch\n${VARS}COPY <<-"EOT" /t.txt\n\t$A\n\tEOT\n`, ["/t.txt"]);
add("copy-no-chomp-tab-terminator", "COPY <<EOT: a tab-indented EOT is body, the plain EOT ends it", "FROM scratch\nCOPY <<EOT /t.txt\n\tEOT\nEOT\n", ["/t.txt"]);

// --- several heredocs, names, bodies ---------------------------------------------------------------------------
add("copy-multi", "COPY <<A <<B /d/: two files named by their delimiters", "FROM scratch\nCOPY <<A <<B /d/\nfirst\nA\nsecond\nB\n", ["/d"]);
add("copy-mixed", "COPY a.txt <<EOF /d/: the path first, then the heredoc (history too)", "FROM scratch\nCOPY <<EOF a.txt /d/\nbody\nEOF\n", ["/d"]);
add("copy-same-name", "COPY <<A <<A /d/: the second body wins", "FROM scratch\nCOPY <<A <<A /d/\none\nA\ntwo\nA\n", ["/d"]);
add("copy-delimiter-in-body", "COPY heredoc whose body holds the delimiter text inside lines", "FROM scratch\nCOPY <<EOF /u.txt\nEOF \n EOF\nEOFX\nxEOF\nEOF\n", ["/u.txt"]);
add("copy-empty", "COPY heredoc with an empty body", "FROM scratch\nCOPY <<EOF /e.txt\nEOF\n", ["/e.txt"]);
add("copy-crlf", "COPY heredoc in a CRLF Dockerfile: the body keeps its CRLF line endings", "FROM scratch\r\nARG A=aval\r\nCOPY <<EOF /c.txt\r\nline1\r\nline2 $A\r\nEOF\r\nCOPY a.txt /after.txt\r\n", ["/c.txt", "/after.txt"]);
add("copy-space-after-lt", "COPY << EOF /s.txt: the parser reads a heredoc, the instruction sees the words << and EOF as paths", "FROM scratch\nCOPY << EOF /s.txt\nbody\nEOF\n", ["/s.txt"], { context: { "a.txt": "hello\n", EOF: "ctx-eof\n" } });
add("copy-continuation", "COPY heredoc on a continued line: the body starts after the logical line", "FROM scratch\nCOPY <<EOF \\\n  /u.txt\nbody\nEOF\n", ["/u.txt"]);

// --- flags and destinations -----------------------------------------------------------------------------------
add("copy-chmod-chown", "COPY --chmod=0755 --chown=12:34 from a heredoc", "FROM scratch\nCOPY --chmod=0755 --chown=12:34 <<EOF /x/run.sh\n#!/bin/sh\nEOF\n", ["/x"]);
add("copy-chown-only", "COPY --chown=12:34 from a heredoc (both builders accept the flag)", "FROM scratch\nCOPY --chown=12:34 <<EOF /x/f\nbody\nEOF\n", ["/x"]);
add("copy-existing-dir", "COPY heredoc into an existing directory, with and without a trailing slash", "FROM scratch\nCOPY a.txt /d/\nCOPY <<EOF /d\none\nEOF\nCOPY <<TWO /d/\ntwo\nTWO\n", ["/d"]);
add("copy-dest-heredoc", "COPY a.txt <<EOF: a heredoc as the destination is refused", "FROM scratch\nCOPY a.txt <<EOF\nbody\nEOF\n", ["/"]);
add("copy-unterminated", "COPY heredoc without its terminator line", "FROM scratch\nCOPY <<EOF /u.txt\nbody\n", ["/"]);
add("copy-json-not-heredoc", 'COPY ["<<EOF", "/x"] is JSON form: no heredoc, the next lines are instructions', 'FROM scratch\nCOPY ["a.txt", "/x<<EOF"]\nCOPY a.txt /y\n', ["/x<<EOF", "/y"]);

// --- ONBUILD --------------------------------------------------------------------------------------------------
add("onbuild-copy", "ONBUILD COPY heredoc: the trigger keeps the body and runs in the child stage", `FROM oracle/busybox:latest AS base\nONBUILD COPY <<EOF /onb.txt\nv=$A\nEOF\nFROM base\nARG A=child\n`, ["/onb.txt"], { note: BUSYBOX_NOTE });
add("onbuild-run", "ONBUILD RUN heredoc: BuildKit runs the body, the classic builder runs `<<EOF` alone", `FROM oracle/busybox:latest AS base\nONBUILD RUN <<EOF\n${PID1}\nEOF\nFROM base\n`, ["/out"], { note: BUSYBOX_NOTE });

// --- RUN ------------------------------------------------------------------------------------------------------
add("run-plain", "RUN <<EOF: the body is the shell's command (history: body, newline, ` # buildkit`)", `FROM oracle/busybox:latest\n${VARS}RUN <<EOF\n${PID1}\nEOF\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-true", "RUN <<EOF / true / EOF", "FROM oracle/busybox:latest\nRUN <<EOF\ntrue\nEOF\n", ["/bin/sh"], { note: BUSYBOX_NOTE });
add("run-chomp", "RUN <<-EOF: the tabs are stripped from the command", `FROM oracle/busybox:latest\nRUN <<-EOF\n\t${PID1}\n\tEOF\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-quoted", 'RUN <<"EOF": the builder does not expand, the shell still does', `FROM oracle/busybox:latest\n${VARS}RUN <<"EOF"\n${PID1}; echo "$A $E" > /out/a\nEOF\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-command-after", "RUN <<EOF cat > /out/two.txt: the heredoc is reconstituted for the shell", `FROM oracle/busybox:latest\n${VARS}RUN mkdir /out\nRUN <<EOF cat > /out/two.txt\nline $A\nEOF\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-multi", "RUN with two heredocs: reconstituted one after the other", `FROM oracle/busybox:latest\nRUN mkdir /out\nRUN cat /dev/fd/3 - > /out/m 3<<A <<B\nfirst\nA\nsecond\nB\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-chomp-command-after", "RUN <<-EOF cat: the shell strips the tabs itself", `FROM oracle/busybox:latest\nRUN mkdir /out\nRUN <<-EOF cat > /out/t\n\tx\n\tEOF\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-shebang", "RUN heredoc starting with #!: run as the file /dev/pipes/EOF (mode 0755)", `FROM oracle/busybox:latest\n${VARS}RUN <<EOF\n#!/bin/sh\n${PID1}; ls -ln /dev/pipes > /out/pipes\nEOF\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-shebang-name", "RUN <<script.sh with a shebang: the file is named by the delimiter", "FROM oracle/busybox:latest\nRUN <<script.sh\n#!/bin/sh\nmkdir -p /out; echo $0 > /out/name\nscript.sh\n", ["/out"], { note: BUSYBOX_NOTE });
add("run-shebang-chomp", "RUN <<-EOF with a tab before #!: not a shebang (checked before stripping)", `FROM oracle/busybox:latest\nRUN <<-EOF\n\t#!/bin/sh\n\t${PID1}\n\tEOF\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-mount", "RUN --mount with a heredoc: the flag is not in the history; the classic builder refuses it", `FROM oracle/busybox:latest\nRUN --mount=type=tmpfs,target=/t <<EOF\n${PID1}\nEOF\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-network", "RUN --network=none with a heredoc", `FROM oracle/busybox:latest\nRUN --network=none <<EOF\n${PID1}\nEOF\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-empty", "RUN heredoc with an empty body", "FROM oracle/busybox:latest\nRUN <<EOF\nEOF\n", ["/bin/sh"], { note: BUSYBOX_NOTE });
add("run-crlf", "RUN heredoc in a CRLF Dockerfile: the body keeps its \\r", `FROM oracle/busybox:latest\r\nRUN <<EOF\r\nmkdir -p /out #\r\ncat /proc/1/cmdline > /out/pid1 #\r\nEOF\r\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-shell", "RUN heredoc after SHELL: the SHELL runs the body", `FROM oracle/busybox:latest\nSHELL ["/bin/ash", "-c"]\nRUN <<EOF\n${PID1}\nEOF\n`, ["/out"], { note: BUSYBOX_NOTE });
add("run-exec-form", 'RUN ["…", "<<EOF"] is exec form: no heredoc', 'FROM oracle/busybox:latest\nRUN ["/bin/sh", "-c", "mkdir /out; echo <<EOF > /out/x"]\nENV X=1\n', ["/out"], { note: BUSYBOX_NOTE });

/** Every heredoc case, in recording order. */
export const HEREDOC_CASES: readonly CopyCase[] = cases;
