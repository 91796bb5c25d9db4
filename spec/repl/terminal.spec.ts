/**
 * The REPL as a person uses it: `explain-cmd -i CONTEXT` in a real terminal (tmux), typed at with
 * `send-keys` and read back with `capture-pane`. Skipped, saying so, where tmux is not installed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const ENTRY = join(import.meta.dirname, "fixtures", "explain-cmd.ts");
const HAS_TMUX = spawnSync("tmux", ["-V"]).status === 0;
const SOCKET = `explain-cmd-spec-${process.pid}`;
const SESSION = "repl";

const DOCKERFILE = [
  "FROM busybox AS builder",
  "ARG VERSION=1.0",
  "ENV APP_HOME=/app",
  "FROM busybox AS runtime",
  "WORKDIR /srv",
  "ENTRYPOINT python app.py",
  'CMD ["--port", "8080"]',
].join("\n") + "\n";

function tmux(...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout };
}

/** The whole pane, scrollback included, wrapped lines joined. */
function screen(): string {
  return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION).stdout;
}

async function waitFor(test: (s: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const s = screen();
    if (test(s)) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; the screen was:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = (s: string, needle: string) => s.split(needle).length - 1;

/** Types keys (tmux key names such as Enter, Tab, Up, C-a are sent as keys; text as text). */
function keys(...k: string[]): void {
  tmux("send-keys", "-t", SESSION, ...k);
}

describe.skipIf(!HAS_TMUX)(HAS_TMUX ? "explain-cmd -i in a real terminal (tmux)" : "explain-cmd -i in a real terminal (tmux) [skipped: tmux is not installed (apt-get install tmux)]", () => {
  let prompts = 0;
  /** Types a line, presses Enter, and waits for the next prompt. */
  async function enter(...k: string[]): Promise<string> {
    keys(...k, "Enter");
    prompts++;
    return waitFor((s) => count(s, "explain> ") > prompts, `prompt ${prompts + 1}`);
  }

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "explain-repl-"));
    writeFileSync(join(dir, "Dockerfile"), DOCKERFILE);
    // Run from the project root, so that node finds tsx; the context is given by its path.
    const r = tmux("new-session", "-d", "-s", SESSION, "-x", "200", "-y", "50", "-c", ROOT, `NO_COLOR=1 node --import tsx ${JSON.stringify(ENTRY)} -i ${JSON.stringify(dir)}`);
    expect(r.status).toBe(0);
    await waitFor((s) => s.includes("explain> "), "the first prompt");
  });

  afterAll(() => {
    tmux("kill-server");
  });

  it("loads the context's Dockerfile and summarises it", () => {
    const s = screen();
    expect(s).toMatch(/Loaded \S+\/Dockerfile: BuildKit, stage "runtime"/);
    expect(s).toContain('runs ["/bin/sh","-c","python app.py","--port","8080"]');
  });

  it("answers run with the shell-quoted command, the matrix cell and the warnings", async () => {
    const s = await enter("run --rm serve");
    expect(s).toContain("/bin/sh -c 'python app.py' serve");
    expect(s).toContain("shell-form ENTRYPOINT + docker run arguments");
    expect(s).toContain("warning lint/pid1-is-shell: line 6");
  });

  it("completes commands and stage names with Tab", async () => {
    keys("targ", "Tab");
    await waitFor((s) => /explain> target $/m.test(s), "target completed");
    keys("r", "Tab");
    await waitFor((s) => /explain> target runtime\s*$/m.test(s), "runtime completed");
    const s = await enter();
    expect(s).toMatch(/BuildKit, stage "runtime"/);
  });

  it("edits the line (Home, Backspace) and recalls history with Up", async () => {
    keys("hy Cmdd", "BSpace", "C-a", "w");
    await waitFor((s) => /explain> why Cmd\s*$/m.test(s), "the edited line");
    let s = await enter();
    expect(s).toContain('line 7, stage "runtime": CMD ["--port", "8080"]');
    keys("Up");
    await waitFor((x) => /explain> why Cmd\s*$/m.test(x), "the recalled line");
    s = await enter();
    expect(count(s, 'line 7, stage "runtime": CMD ["--port", "8080"]')).toBeGreaterThanOrEqual(2);
  });

  it("shows variables in force with ARG and ENV marked", async () => {
    const s = await enter("env builder");
    expect(s).toMatch(/ARG {2}VERSION=1\.0/);
    expect(s).toMatch(/ENV {2}APP_HOME=\/app/);
  });

  it("exits on exit, ending the process", async () => {
    keys("exit", "Enter");
    const start = Date.now();
    while (tmux("has-session", "-t", SESSION).status === 0 && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(tmux("has-session", "-t", SESSION).status).not.toBe(0);
  });
});
