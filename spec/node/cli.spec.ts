import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main, type CliIo } from "../../src/node/cli.js";

const EXAMPLE = join(import.meta.dirname, "..", "..", "examples", "shell-entrypoint");

async function cli(argv: string[], opts: { stdin?: string; env?: Record<string, string>; isTTY?: boolean } = {}) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: async () => opts.stdin ?? "",
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    cwd: process.cwd(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function contextWith(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), "explain-cmd-"));
  writeFileSync(join(dir, "Dockerfile"), dockerfile);
  return dir;
}

describe("explain-cmd --json", () => {
  it("prints the contract's fields for the shipped example", async () => {
    const r = await cli(["--json", "--image", `python:3.12-slim=${join(EXAMPLE, "python.inspect.json")}`, EXAMPLE]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["stage", "config", "history", "layers", "run", "images", "diagnostics"]);
    expect(out.images).toEqual([{ ref: "docker.io/library/python:3.12-slim", source: "inspect", digest: "sha256:415211540364753cc81bce5339ba0c810265e8746b5cc96fc41fb1bde418ebd9", platform: "linux/amd64" }]);
    expect(out.run).toEqual(expect.objectContaining({ path: "/bin/sh", args: ["-c", "python app.py", "--port", "8080"], workdir: "/srv" }));
    // The base image's Env comes from the supplied inspect file.
    expect(out.config.Env).toContain("PYTHON_VERSION=3.12.7");
  });

  it("takes COMMAND [ARG...] after CONTEXT as docker run arguments, options included", async () => {
    const dir = contextWith('FROM scratch\nENTRYPOINT ["/app"]\nCMD ["--help"]\n');
    const r = await cli(["--json", dir, "-v", "--flag", "x"]);
    expect(JSON.parse(r.stdout).run).toEqual(expect.objectContaining({ path: "/app", args: ["-v", "--flag", "x"] }));
  });

  it("applies --entrypoint, -e, -w and -u like docker run", async () => {
    const dir = contextWith('FROM scratch\nENV A=1 B=2\nWORKDIR /srv\nCMD ["x"]\n');
    const r = await cli(["--json", "--entrypoint", "/bin/true", "-e", "B=3", "-e", "C", "-w", "/tmp/", "-u", "1:2", dir], { env: { C: "from-client" } });
    const run = JSON.parse(r.stdout).run;
    expect(run.path).toBe("/bin/true");
    expect(run.args).toEqual([]);
    expect(run.env).toEqual(["B=3", "C=from-client", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1"]);
    expect(run.workdir).toBe("/tmp");
    expect(run.user).toBe("1:2");
  });

  it("reports the daemon's refusal when nothing is left to run", async () => {
    const dir = contextWith("FROM scratch\nLABEL a=b\n");
    const r = await cli(["--json", dir]);
    expect(JSON.parse(r.stdout).run).toEqual({ error: "no command specified" });
  });

  it("exits 0 and reports the engine's error when a real build would fail", async () => {
    // BuildKit suggests the closest instruction within edit distance 2 (verified on 28.5).
    const dir = contextWith("FROM scratch\nFOO bar\n");
    const r = await cli(["--json", dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).error).toBe("dockerfile parse error on line 2: unknown instruction: FOO (did you mean FROM?)");
    const far = await cli(["--json", contextWith("FROM scratch\nBOGUSWORD bar\n")]);
    expect(JSON.parse(far.stdout).error).toBe("dockerfile parse error on line 2: unknown instruction: BOGUSWORD");
  });

  it("reads the Dockerfile from standard input with -f -, and honours --builder and --build-arg", async () => {
    const r = await cli(["--json", "-f", "-", "--builder", "legacy", "--build-arg", "V=7", "."], { stdin: "FROM scratch\nARG V\nENV X=$V\nCMD []\n" });
    const out = JSON.parse(r.stdout);
    expect(out.config.Env).toContain("X=7");
    expect(out.history[0].created_by).toBe("/bin/sh -c #(nop)  ARG V");
  });

  it("selects the stage with --target", async () => {
    const dir = contextWith('FROM scratch AS one\nCMD ["one"]\nFROM scratch AS two\nCMD ["two"]\n');
    const r = await cli(["--json", "--target", "one", dir]);
    const out = JSON.parse(r.stdout);
    expect(out.stage).toBe("one");
    expect(out.run.path).toBe("one");
  });
});

describe("explain-cmd usage errors", () => {
  it.each([
    [["--builder", "kaniko", "."], /--builder must be buildkit or legacy/],
    [[], /give the build context directory \(or -f DOCKERFILE/],
    [["/nonexistent-context-dir"], /unable to prepare context: path "\/nonexistent-context-dir" not found/],
    [["--image", "busybox", EXAMPLE], /--image takes REF=PATH/],
    [["--platform", "linux//arm64", EXAMPLE], /--platform: invalid platform/],
  ])("%j exits 2", async (argv, message) => {
    const r = await cli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("explain-cmd text output", () => {
  it("shows the shell-quoted command and where each word came from", async () => {
    const r = await cli(["--image", `python:3.12-slim=${join(EXAMPLE, "python.inspect.json")}`, EXAMPLE]);
    expect(r.stdout).toContain("/bin/sh -c 'python app.py' --port 8080");
    expect(r.stdout).toMatch(/argv\[3\]\s+"--port"\s+Cmd: line 8/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it("colours only on a TTY, and never with NO_COLOR", async () => {
    const tty = await cli([EXAMPLE], { isTTY: true });
    expect(tty.stdout).toMatch(/\x1b\[/);
    const noColor = await cli([EXAMPLE], { isTTY: true, env: { NO_COLOR: "1" } });
    expect(noColor.stdout).not.toMatch(/\x1b\[/);
  });
});

describe("explain-cmd --files", () => {
  it("lists the entries at and under each PATH as docker export would, read from the context directory", async () => {
    const dir = contextWith("FROM scratch\nWORKDIR /srv\nCOPY app/ ./\nCOPY --chown=7:8 notes.txt /srv/docs/\n");
    mkdirSync(join(dir, "app"));
    writeFileSync(join(dir, "app", "run.sh"), "echo hi\n", { mode: 0o755 });
    writeFileSync(join(dir, "notes.txt"), "n\n");
    const r = await cli(["--json", "--files", "/srv", "--files", "/nope", dir]);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout).files;
    expect(Object.keys(files)).toEqual(["/srv", "/nope"]);
    expect(files["/nope"]).toEqual([]);
    const byPath = Object.fromEntries(files["/srv"].map((e: { path: string }) => [e.path, e]));
    expect(Object.keys(byPath)).toEqual(["/srv", "/srv/docs", "/srv/docs/notes.txt", "/srv/run.sh"]);
    expect(byPath["/srv/run.sh"]).toEqual(expect.objectContaining({ type: "file", mode: 0o755, uid: 0, gid: 0, size: 8, sha256: createHash("sha256").update("echo hi\n").digest("hex") }));
    // BuildKit gives the directories COPY creates the --chown owner.
    expect(byPath["/srv/docs"]).toEqual(expect.objectContaining({ type: "dir", mode: 0o755, uid: 7, gid: 8 }));
  });

  it("says when the context cannot be read, and goes on without it", async () => {
    const r = await cli(["--json", "--file", join(contextWith("FROM scratch\nCOPY a /a\n"), "Dockerfile"), join(tmpdir(), "no-such-context-dir-xyz")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/cannot read the build context/);
  });
});

describe("explain-cmd --fetch", () => {
  it("downloads ADD URLs first: the file's size and hash are listed; without it the file is unknown", async () => {
    const { startDownloadServer } = await import("../fs/download/server.js");
    const server = await startDownloadServer();
    try {
      const dir = contextWith(`FROM scratch\nADD ${server.base}/file.txt /d/\nADD ${server.base}/nope /e/\n`);
      const fetched = await cli(["--json", "--fetch", "--files", "/d", dir]);
      expect(fetched.code).toBe(0);
      const out = JSON.parse(fetched.stdout);
      const body = new TextEncoder().encode("hello url\n");
      expect(out.files["/d"]).toContainEqual(expect.objectContaining({ path: "/d/file.txt", type: "file", mode: 0o600, size: body.length, sha256: createHash("sha256").update(body).digest("hex") }));
      expect(out.error).toBe("failed to load cache key: invalid response status 404");

      const plain = JSON.parse((await cli(["--json", "--files", "/d", dir])).stdout);
      expect(plain.error ?? null).toBeNull();
      expect(plain.files["/d"]).toContainEqual(expect.objectContaining({ path: "/d/file.txt", size: null, sha256: null }));
      expect(plain.diagnostics.map((d: { code: string }) => d.code)).toContain("files/not-fetched");
    } finally {
      await server.close();
    }
  });
});

describe("explain-cmd: first-hour rough edges (issue 18 points 7 and 8)", () => {
  it("--version prints the package's version", async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const r = await cli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`explain-cmd ${pkg.version} (Docker Engine 28.5 rules)\n`);
    }
  });

  it("-f without a context explains the Dockerfile and says which COPY/ADD need files", async () => {
    const dir = contextWith('FROM scratch\nCOPY a /a\nCOPY --from=b /x /x\nADD https://example.com/f /f\nCMD ["/a"]\n');
    const r = await cli(["-f", join(dir, "Dockerfile")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("docker run starts:\n  /a\n");
    expect(r.stderr).toBe("explain-cmd: note: no build context was given, so the files the COPY/ADD on line 2 reads from it are unknown; give the context directory after the options to know them\n");
    const quiet = await cli(["-f", join(contextWith('FROM scratch\nCMD ["/a"]\n'), "Dockerfile")]);
    expect(quiet.stderr).toBe("");
  });

  it("neither a context nor -f is a usage error that says what to give", async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("give the build context directory (or -f DOCKERFILE");
  });

  it("a Dockerfile given as the context suggests -f", async () => {
    const file = join(contextWith("FROM scratch\n"), "Dockerfile");
    const r = await cli([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`explain-cmd: ${file} is a file, not a build context directory; to explain it, use -f ${file} (followed by the context directory, if its COPY or ADD need files)\n`);
    expect(r.stderr).not.toContain("ENOTDIR");
  });

  it("a context directory that does not exist is reported as such, not as an unreadable Dockerfile", async () => {
    const missing = join(contextWith("FROM scratch\n"), "nope");
    const r = await cli([missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`explain-cmd: unable to prepare context: path ${JSON.stringify(missing)} not found (the build context directory does not exist)\n`);
  });

  it("a long argv word keeps the origin column in line", async () => {
    const long = "x".repeat(60);
    const r = await cli([contextWith(`FROM scratch\nENTRYPOINT ["/app"]\nCMD ["${long}"]\n`)]);
    const lines = r.stdout.split("\n");
    const at = lines.findIndex((l) => l.startsWith("  argv[1] "));
    expect(lines[at]).toBe(`  argv[1]   "${long}"`);
    const column = lines.find((l) => l.startsWith("  argv[0] "))!.indexOf("Entrypoint:");
    expect(lines[at + 1]!.indexOf("Cmd: line 3")).toBe(column);
  });

  const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "engine-28.5", "non-utf8-dockerfiles.json"), "utf8")) as {
    cases: { id: string; dockerfile: string; errors: { buildkit: string; legacy: string } }[];
  };
  for (const c of fixture.cases) {
    it(`a non-UTF-8 Dockerfile (${c.id}): Docker 28.5's errors, and nothing unprintable on the terminal`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "explain-cmd-"));
      writeFileSync(join(dir, "Dockerfile"), Buffer.from(c.dockerfile, "base64"));
      const legacy = await cli(["--json", "--builder", "legacy", dir]);
      expect(JSON.parse(legacy.stdout).error).toBe(c.errors.legacy);
      const text = await cli([dir]);
      expect(text.stderr).toContain(`BuildKit, whose message would carry the invalid bytes, with "${c.errors.buildkit}"`);
      expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/);
      expect(text.stdout).toContain("unknown instruction: ");
    });
  }
});
