/**
 * The warning-code pages of the docs site (`docs/warnings/[code].md`): for every trap (`lint/…`) and notice
 * code, what it means, why it happens, the fix, an example that the site build simulates (the finding shown
 * on the page is computed, never typed), and the real-build evidence behind it. `spec/docs/warning-pages.spec.ts`
 * checks that every code has a page and that each example really raises its code on the stated line.
 *
 * @module
 */
import type { LintCode, SimulateOptions } from "dockerfile-semantics";

/** One source of real-build evidence: a recorded case, a verified rule, or a spec that checks it. */
export interface Evidence {
  readonly text: string;
  /** A site path (`/fixtures/matrix#…`, `/semantics/docker-28.5#…`). */
  readonly link: string;
}

/** The page of one code. */
export interface WarningCodePage {
  readonly code: LintCode | "budget/exceeded" | "image/unknown" | "files/unknown" | "files/not-fetched" | "syntax/frontend-ignored" | "syntax/empty-continuation" | "simulator/known-divergence";
  /** The page's path segment (`lint-pid1-is-shell`). */
  readonly slug: string;
  readonly family: "trap" | "notice";
  readonly meaning: string;
  readonly why: string;
  readonly fix: string;
  /** A Dockerfile that raises the code on `line` (1-based; null: no range), and a fixed one that does not. */
  readonly example: { readonly dockerfile: string; readonly line: number | null; readonly options?: ExampleOptions; readonly fixed?: string };
  readonly evidence: readonly Evidence[];
}

/** What an example needs besides the Dockerfile. */
export interface ExampleOptions {
  readonly builder?: "buildkit" | "legacy";
  readonly run?: SimulateOptions["run"];
  /** Base images known to the example, as `docker image inspect` Config objects keyed by reference. */
  readonly images?: Readonly<Record<string, Record<string, unknown>>>;
  /** Build-context files (path → content). */
  readonly context?: Readonly<Record<string, string>>;
}

const PYTHON = { "docker.io/library/python:3.12-slim": { Cmd: ["python3"], Env: ["PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"] } };
const matrix = (id: string, text: string): Evidence => ({ text, link: `/fixtures/matrix#${anchorOf(id)}` });
const sem = (anchor: string, text: string): Evidence => ({ text, link: `/semantics/docker-28.5#${anchor}` });
const copyAdd = (id: string, text: string): Evidence => ({ text, link: `/fixtures/copy-add#${anchorOf(id)}` });

/** The HTML id of a recorded case on the fixture pages. */
export function anchorOf(id: string): string {
  return "case-" + id.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** Every code with a page, traps first. */
export const WARNING_CODES: readonly WarningCodePage[] = [
  {
    code: "lint/shell-entrypoint-swallows-args",
    slug: "lint-shell-entrypoint-swallows-args",
    family: "trap",
    meaning: "The ENTRYPOINT is in shell form, so CMD and the `docker run` arguments are appended after `/bin/sh -c TEXT`, where they become the shell's `$0`, `$1`, … and the command never sees them.",
    why: "Docker appends CMD (or the run arguments) to the ENTRYPOINT's words. A shell-form ENTRYPOINT's words are `/bin/sh`, `-c` and the text; whatever comes after the text is handed to the shell as positional parameters, not to the command inside the text.",
    fix: "Write the ENTRYPOINT in exec form (a JSON array), or make the text use the parameters explicitly (`ENTRYPOINT exec python app.py \"$@\"` with `CMD` supplying `$0` is rarely what you want; the exec form is).",
    example: { dockerfile: 'FROM python:3.12-slim\nWORKDIR /srv\nENTRYPOINT python app.py\nCMD ["--port", "8080"]\n', line: 3, options: { images: PYTHON }, fixed: 'FROM python:3.12-slim\nWORKDIR /srv\nENTRYPOINT ["python", "app.py"]\nCMD ["--port", "8080"]\n' },
    evidence: [
      matrix("busybox/E=shell/C=exec/entrypoint-first", "Recorded: shell ENTRYPOINT + exec CMD runs /bin/sh -c 'echo e1' /bin/echo c1, for both builders"),
      matrix("busybox/E=shell/C=none/single", "Recorded: docker run arguments land after the shell text"),
      sem("h-docker-create-resolution", "docker create resolution, verified on 28.5"),
    ],
  },
  {
    code: "lint/pid1-is-shell",
    slug: "lint-pid1-is-shell",
    family: "trap",
    meaning: "The container's PID 1 is `/bin/sh -c …`, not your program.",
    why: "`docker stop` sends SIGTERM to PID 1. A shell that runs a command as a child does not forward the signal, so the program keeps running until the 10 s grace period ends and the container is killed with SIGKILL (exit code 137): no clean shutdown.",
    fix: "Use the exec form (`CMD [\"python\", \"app.py\"]`), or start the shell text with `exec` so the shell replaces itself with the program.",
    example: { dockerfile: "FROM python:3.12-slim\nCOPY app.py /srv/\nCMD python /srv/app.py\n", line: 3, options: { images: PYTHON, context: { "app.py": "print('hi')\n" } }, fixed: 'FROM python:3.12-slim\nCOPY app.py /srv/\nCMD ["python", "/srv/app.py"]\n' },
    evidence: [
      matrix("busybox/E=none/C=shell/single", "Recorded: a shell-form CMD runs as /bin/sh -c 'echo c1' (both builders)"),
      { text: "Why SIGTERM is lost: PID 1 and signals", link: "/concepts/pid1-signals" },
    ],
  },
  {
    code: "lint/cmd-reset-by-entrypoint",
    slug: "lint-cmd-reset-by-entrypoint",
    family: "trap",
    meaning: "An ENTRYPOINT cleared the CMD inherited from the base image (or an earlier stage).",
    why: "When a stage sets ENTRYPOINT without having set CMD before it, Docker resets CMD: the base image's default arguments are gone. A CMD set earlier in the same stage survives.",
    fix: "Set the CMD you want explicitly after the ENTRYPOINT (`CMD [\"nginx\", \"-g\", \"daemon off;\"]`), or add nothing if an empty CMD is what you meant.",
    example: { dockerfile: 'FROM python:3.12-slim\nENTRYPOINT ["/docker-entrypoint.sh"]\n', line: 2, options: { images: PYTHON }, fixed: 'FROM python:3.12-slim\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["python3"]\n' },
    evidence: [
      matrix("cmd-exec/E=exec/C=none/single", "Recorded: ENTRYPOINT on a base with CMD leaves Cmd null (both builders)"),
      matrix("cmd-exec/E=exec/C=exec/cmd-first", "Recorded: a CMD earlier in the same stage survives the ENTRYPOINT"),
      sem("b-entrypoint-cmd-shell", "ENTRYPOINT / CMD / SHELL, verified on 28.5"),
    ],
  },
  {
    code: "lint/command-set-twice",
    slug: "lint-command-set-twice",
    family: "trap",
    meaning: "CMD or ENTRYPOINT appears more than once in a stage; only the last one counts.",
    why: "Each CMD/ENTRYPOINT replaces the previous value. Writing two is usually a leftover or the belief that both run.",
    fix: "Keep only the last one, or chain the commands in a script.",
    example: { dockerfile: 'FROM busybox\nCMD ["echo", "first"]\nCMD ["echo", "second"]\n', line: 2, fixed: 'FROM busybox\nCMD ["echo", "second"]\n' },
    evidence: [sem("b-entrypoint-cmd-shell", "The last CMD wins, verified on 28.5")],
  },
  {
    code: "lint/json-not-json",
    slug: "lint-json-not-json",
    family: "trap",
    meaning: "The instruction looks like exec form but is not valid JSON, so it runs in shell form.",
    why: "Docker parses exec form with a strict JSON decoder: single quotes, a trailing comma or text after `]` make it fall back to shell form silently, and `['python','app.py']` becomes `/bin/sh -c \"['python','app.py']\"`.",
    fix: "Use double quotes and a well-formed array: `CMD [\"python\", \"app.py\"]`.",
    example: { dockerfile: "FROM python:3.12-slim\nCMD ['python', 'app.py']\n", line: 2, options: { images: PYTHON }, fixed: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n' },
    evidence: [sem("a-1-exec-form-detection", "Exec-form detection, verified on 28.5")],
  },
  {
    code: "lint/global-arg-not-redeclared",
    slug: "lint-global-arg-not-redeclared",
    family: "trap",
    meaning: "A stage uses an ARG declared before the first FROM without declaring it again, so it expands to the empty string.",
    why: "Global ARGs are only in scope for FROM lines. Inside a stage they are invisible until the stage says `ARG NAME` (without a value, it takes the global value).",
    fix: "Add `ARG NAME` in the stage before using it.",
    example: { dockerfile: "ARG VERSION=1.2\nFROM busybox\nRUN echo $VERSION > /version\n", line: 3, fixed: "ARG VERSION=1.2\nFROM busybox\nARG VERSION\nRUN echo $VERSION > /version\n" },
    evidence: [sem("c-3-global-args", "Global ARGs, verified on 28.5")],
  },
  {
    code: "lint/env-reads-same-instruction",
    slug: "lint-env-reads-same-instruction",
    family: "trap",
    meaning: "An ENV instruction reads a variable it sets itself; it gets the value from before the instruction.",
    why: "ENV expands all its pairs against the variables as they were before the instruction, then sets them all. In `ENV A=1 B=$A`, B gets the old A (empty if unset), not 1.",
    fix: "Split it into two ENV instructions.",
    example: { dockerfile: "FROM busybox\nENV APP=/srv/app BIN=$APP/bin\n", line: 2, fixed: "FROM busybox\nENV APP=/srv/app\nENV BIN=$APP/bin\n" },
    evidence: [sem("c-2-env-and-arg-ordering", "ENV and ARG ordering, verified on 28.5")],
  },
  {
    code: "lint/run-export-does-not-persist",
    slug: "lint-run-export-does-not-persist",
    family: "trap",
    meaning: "`RUN export X=…` sets the variable only for that RUN's shell.",
    why: "Every RUN starts a new shell from the image config; nothing a shell exports is written back into the config. Later RUNs and the container never see it.",
    fix: "Use `ENV X=…` (persists into the image) or `ARG X=…` (build time only).",
    example: { dockerfile: "FROM busybox\nRUN export PATH=/opt/tool/bin:$PATH\n", line: 2, fixed: "FROM busybox\nENV PATH=/opt/tool/bin:$PATH\n" },
    evidence: [{ text: "ENV vs ARG scoping", link: "/concepts/env-arg" }],
  },
  {
    code: "lint/add-unpacks-archive",
    slug: "lint-add-unpacks-archive",
    family: "trap",
    meaning: "ADD extracts a local tar archive (plain or compressed) instead of copying it, or copies a file you may have expected to be extracted.",
    why: "ADD decides by content, not by name: a gzip tar called `bundle` is extracted, a `release.tar.gz` that is not an archive is copied; URLs are never extracted and zip files never are.",
    fix: "Use COPY to copy an archive as a file; use ADD only when you want the extraction.",
    example: { dockerfile: "FROM busybox\nADD vendor.tar /opt/\n", line: 2, fixed: "FROM busybox\nCOPY vendor.tar /opt/\n" },
    evidence: [copyAdd("add-tar", "Recorded: ADD of a plain .tar extracts it"), copyAdd("add-tar-noext", "Recorded: an extension-less tarball is extracted too"), { text: "ADD vs COPY", link: "/concepts/add-vs-copy" }],
  },
  {
    code: "lint/copy-directory-contents",
    slug: "lint-copy-directory-contents",
    family: "trap",
    meaning: "`COPY dir /dest/` copies what is inside `dir` into `/dest/`, not the directory itself.",
    why: "Unlike `cp -r`, COPY and ADD copy a directory's contents. `COPY src /app/` gives `/app/main.go`, not `/app/src/main.go`.",
    fix: "Name the directory in the destination: `COPY src /app/src/`.",
    example: { dockerfile: "FROM busybox\nCOPY src /app/\n", line: 2, options: { context: { "src/main.go": "package main\n" } }, fixed: "FROM busybox\nCOPY src /app/src/\n" },
    evidence: [copyAdd("src-dir-contents", "Recorded: a directory source copies its contents"), { text: "COPY and ADD rules", link: "/semantics/copy-add#_3-sources" }],
  },
  {
    code: "lint/builders-disagree",
    slug: "lint-builders-disagree",
    family: "trap",
    meaning: "BuildKit and the classic builder would build a different image (or one of them fails).",
    why: "The two builders of Docker 28.5 differ in details: a bare `ENTRYPOINT`, `CMD` without arguments, ARG vs ENV precedence, WORKDIR cleaning, COPY edge cases. The simulator runs the other builder too and reports the difference.",
    fix: "Write the Dockerfile so both agree (usually: avoid the edge form), or pin the builder your CI uses.",
    example: { dockerfile: "FROM busybox\nENTRYPOINT\n", line: 2, fixed: "FROM busybox\nENTRYPOINT []\n" },
    evidence: [matrix("busybox/E=bare/C=none/single", "Recorded: a bare ENTRYPOINT differs between the builders"), { text: "BuildKit vs classic, point by point", link: "/builders" }],
  },
  {
    code: "image/unknown",
    slug: "image-unknown",
    family: "notice",
    meaning: "The simulator does not know the base image's config, so inherited fields (Env, Cmd, Entrypoint, User, WorkingDir…) are unknown.",
    why: "Nothing supplied that image: no `--image REF=FILE`, no resolver that knows it. The answer is marked as depending on it, never guessed.",
    fix: "Supply the image's `docker image inspect` JSON (`--image REF=FILE` on the CLI, `imageFromInspect` + `mapResolver` in the library, or paste it in the playground).",
    example: { dockerfile: "FROM node:22\nCOPY . /app\n", line: 1 },
    evidence: [{ text: "Base images and where their config comes from", link: "/concepts/base-images" }],
  },
  {
    code: "files/unknown",
    slug: "files-unknown",
    family: "notice",
    meaning: "Something about the files is unknown: what a RUN step wrote (here: whether `/etc/passwd` now names `app`), or the files of a base image nobody supplied.",
    why: "RUN executes programs; the simulator never runs them, so what they write is unknown. Files of an image whose contents were not given are unknown too.",
    fix: "Nothing to fix: it tells you which answers depend on those files.",
    example: { dockerfile: "FROM busybox\nRUN adduser -D app\nCOPY --chown=app app.py /srv/\n", line: 3, options: { context: { "app.py": "print(1)\n" } } },
    evidence: [{ text: "COPY and ADD rules", link: "/semantics/copy-add" }],
  },
  {
    code: "files/not-fetched",
    slug: "files-not-fetched",
    family: "notice",
    meaning: "ADD names a URL that was not downloaded, so the file's size and hash are unknown.",
    why: "The simulator never goes to the network by itself. `--fetch` (CLI) or `fetchDownloads` (library) downloads them first, as a real build would.",
    fix: "Run with `--fetch`, or pass `downloads` to `simulate`.",
    example: { dockerfile: "FROM busybox\nADD https://example.com/tool.tar.gz /opt/\n", line: 2 },
    evidence: [{ text: "Recorded builds of ADD with a URL", link: "/fixtures/add-url" }],
  },
  {
    code: "syntax/frontend-ignored",
    slug: "syntax-frontend-ignored",
    family: "notice",
    meaning: "The `# syntax=` directive names a frontend image; the simulator models the built-in Dockerfile frontend of Docker 28.5.",
    why: "A custom frontend can change everything; the simulator cannot run it.",
    fix: "Nothing to fix when the directive names the standard `docker/dockerfile` frontend.",
    example: { dockerfile: "# syntax=example.com/custom/frontend:1\nFROM busybox\n", line: 1 },
    evidence: [sem("a-3-parser-directives", "Parser directives, verified on 28.5")],
  },
  {
    code: "syntax/empty-continuation",
    slug: "syntax-empty-continuation",
    family: "notice",
    meaning: "An empty line inside a continued instruction.",
    why: "Docker skips empty lines within a `\\`-continued instruction (older versions warned about it). The instruction still works, but the blank line is easy to misread as its end.",
    fix: "Remove the empty line, or end the instruction before it.",
    example: { dockerfile: "FROM busybox\nRUN echo a \\\n\n  && echo b\n", line: 2 },
    evidence: [sem("a-2-line-continuation", "Line continuation, verified on 28.5")],
  },
  {
    code: "budget/exceeded",
    slug: "budget-exceeded",
    family: "notice",
    meaning: "A documented budget ran out (expansion depth or length, pattern work, decompressed or downloaded bytes), so the result it stopped, and everything that depends on it, is unknown.",
    why: "Docker has no such limits, and a real build would go on; the simulator bounds its own time and memory on any input instead, and says the answer is unknown rather than guessing or predicting a failure.",
    fix: "Usually nothing: such Dockerfiles are pathological. The budgets are options of `simulate` (`budgets`) if a real one needs more.",
    example: { dockerfile: "FROM busybox\nENV A=0123456789abcdef\n" + "ENV A=$A$A$A$A$A$A$A$A$A$A$A$A$A$A$A$A\n".repeat(5), line: 7 },
    evidence: [{ text: "Fidelity: what is measured, and how", link: "/fidelity" }],
  },
  {
    code: "simulator/known-divergence",
    slug: "simulator-known-divergence",
    family: "notice",
    meaning: "The Dockerfile hits one of the few situations where this simulator is known to differ from a real build; the message says how, and the `divergence` id names the documented case.",
    why: "A handful of behaviours depend on timing or on facts a static tool cannot have (for example a user name looked up after a RUN changed /etc/passwd).",
    fix: "Read the named case in the docs; the rest of the answer stands.",
    example: { dockerfile: "FROM busybox\nRUN true\nUSER 1000\nRUN id\n", line: 4 },
    evidence: [{ text: "Known divergences", link: "/oracle#known-divergences" }],
  },
];
