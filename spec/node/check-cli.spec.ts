/**
 * `dockerfile-check`, run in-process (and on worker threads): inputs and discovery, formats (SARIF validated
 * against the official 2.1.0 schema with a JSON-schema validator), configuration, exit codes, budgets.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AjvModule from "ajv-draft-04";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { formatSarif, type FileResult } from "../../src/check/index.js";
import type { FileTask } from "../../src/node/check-cli/batch.js";
import type { CheckRunOptions } from "../../src/node/check-cli/check-file.js";
import { checkMain, type CheckCliIo } from "../../src/node/check-cli/main.js";
import { checkInWorkers, MAX_BATCH } from "../../src/node/check-cli/pool.js";
import { checkCaseArb } from "../check/check-generator.js";
import { observeChecker } from "../check/check-oracle.js";

const schema = JSON.parse(readFileSync(new URL("../check/sarif/sarif-schema-2.1.0.json", import.meta.url), "utf8")) as object;
// ajv-draft-04 is a CommonJS module whose class is its default export.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const ajv = new (Ajv as unknown as new (o: object) => { compile: (s: object) => ((d: unknown) => boolean) & { errors?: unknown } })({ allErrors: true, strict: false });
const validateSarif = ajv.compile(schema);

const WORKER = new URL("./check-worker-bootstrap.mjs", import.meta.url);
const MISBEHAVING_WORKER = new URL("./check-worker-stand-in.mjs", import.meta.url);
const root = mkdtempSync(join(tmpdir(), "dfs-check-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

async function cli(args: string[], stdin = "", worker = WORKER, stats = false): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CheckCliIo = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTty: false, stdoutIsTty: false, readStdin: async () => stdin };
  const status = await checkMain(args, io, worker, stats);
  return { status, stdout, stderr };
}

const project = tree("project", {
  "Dockerfile": "FROM scratch\nMAINTAINER me\nCMD run\n",
  "api/Dockerfile.prod": "FROM scratch AS Build\nENV a b\n",
  "web/app.Dockerfile": "FROM scratch\nCMD [\"ok\"]\n",
  "web/Containerfile": "FROM scratch\nEXPOSE 80/TCP\n",
  "web/notes.txt": "FROM scratch\nMAINTAINER x\n",
  "vendor/Dockerfile": "FROM scratch\nMAINTAINER vendored\n",
  "build/Dockerfile": "FROM scratch\nMAINTAINER built\n",
  ".gitignore": "vendor/\n",
  "api/.gitignore": "Dockerfile.ignored\n",
  "api/Dockerfile.ignored": "FROM scratch\nMAINTAINER ignored\n",
});

describe("dockerfile-check: inputs", () => {
  it("searches directories for Dockerfiles by name, honouring .gitignore files at every level", async () => {
    const r = await cli(["--format", "json", "--jobs", "1", project]);
    const files = (JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file.slice(project.length + 1));
    expect(files).toEqual(["Dockerfile", "api/Dockerfile.prod", "build/Dockerfile", "web/Containerfile", "web/app.Dockerfile"]);
  });

  it("reads - from standard input", async () => {
    const r = await cli(["--format", "gnu", "-"], "FROM scratch\nMAINTAINER x\n");
    expect(r.stdout).toBe("-:2:1: warning: Maintainer instruction is deprecated in favor of using label [MaintainerDeprecated]\n");
  });

  it("reports a missing file and exits 2", async () => {
    const r = await cli([join(root, "nope", "Dockerfile")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ENOENT/);
  });

  it("rejects unknown options and formats with the usage, status 2", async () => {
    expect((await cli(["--bogus", project])).status).toBe(2);
    expect((await cli(["--format", "xml", project])).status).toBe(2);
    expect((await cli([])).status).toBe(2);
  });

  it("lists every rule of both namespaces with its docs page and default severity", async () => {
    const r = await cli(["--list-rules"]);
    expect(r.stdout).toMatch(/^JSONArgsRecommended\s+warning\s+JSON arguments recommended/m);
    expect(r.stdout).toMatch(/^lint\/pid1-is-shell\s+warning/m);
    expect(r.stdout).toContain("docs/checks/lint-pid1-is-shell.md");
    expect(r.stdout).toMatch(/^CopyIgnoredFile\s+warning\s+experimental/m);
  });
});

describe("dockerfile-check: exit codes follow --fail-on", () => {
  const warnOnly = join(project, "web", "Containerfile");
  it.each([
    ["none", 0],
    ["error", 0],
    ["warning", 1],
    ["info", 1],
  ] as const)("--fail-on %s on a file with warnings only exits %i", async (level, status) => {
    expect((await cli(["--fail-on", level, warnOnly])).status).toBe(status);
  });

  it("a predicted build failure is an error", async () => {
    const f = tree("broken", { Dockerfile: "FROM scratch\nBOGUS x\n" });
    const r = await cli(["--format", "gnu", f]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("error: dockerfile parse error on line 2: unknown instruction: BOGUS");
  });
});

describe("dockerfile-check: configuration", () => {
  const f = tree("config", {
    Dockerfile: "FROM scratch\n# dockerfile-check ignore=JSONArgsRecommended\nCMD run\nMAINTAINER me\nENTRYPOINT run\n",
    "strict.json": JSON.stringify({ ignored: ["MaintainerDeprecated"], override: { error: ["lint/pid1-is-shell"] }, "failure-threshold": "error" }),
  });
  const rules = async (args: string[]): Promise<string[]> => {
    const r = await cli(["--format", "json", ...args, join(f, "Dockerfile")]);
    return (JSON.parse(r.stdout) as { files: { findings: { rule: string; line: number; severity: string }[] }[] }).files[0]!.findings.map((x) => `${x.line} ${x.rule} ${x.severity}`);
  };

  it("an inline ignore comment silences the rule on the next instruction only", async () => {
    const found = await rules([]);
    expect(found).not.toContain("3 JSONArgsRecommended warning");
    expect(found).toContain("5 JSONArgsRecommended warning");
  });

  it("a config file ignores rules, overrides severities and sets the failure threshold; the command line adds to it", async () => {
    const found = await rules(["--config", join(f, "strict.json")]);
    expect(found.some((x) => x.includes("MaintainerDeprecated"))).toBe(false);
    expect(found.filter((x) => x.includes("lint/pid1-is-shell")).every((x) => x.endsWith(" error"))).toBe(true);
    expect((await cli(["--config", join(f, "strict.json"), join(f, "Dockerfile")])).status).toBe(1);
    const more = await rules(["--config", join(f, "strict.json"), "--ignore", "MultipleInstructionsDisallowed", "--info", "JSONArgsRecommended"]);
    expect(more.some((x) => x.includes("MultipleInstructionsDisallowed"))).toBe(false);
    expect(more).toContain("5 JSONArgsRecommended info");
  });

  it("a bad config file is a usage error", async () => {
    const bad = tree("badconfig", { "c.json": JSON.stringify({ ignore: ["x"] }) });
    const r = await cli(["--config", join(bad, "c.json"), join(f, "Dockerfile")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown config key "ignore"');
  });
});

describe("dockerfile-check: formats", () => {
  it("SARIF validates against the official 2.1.0 schema; ruleIds are Docker's rule names, regions 1-based lines", async () => {
    const r = await cli(["--format", "sarif", "--jobs", "1", project]);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const results = log.runs[0]!.results;
    expect(results.map((x) => x.ruleId)).toContain("MaintainerDeprecated");
    const maintainer = results.find((x) => x.ruleId === "MaintainerDeprecated")!;
    expect(maintainer.locations[0]!.physicalLocation.region.startLine).toBe(2);
  });

  it("SARIF validates for any generated Dockerfile (property)", () => {
    fc.assert(
      fc.property(checkCaseArb, (c) => {
        const checked = observeChecker(c);
        const result: FileResult = { path: "dir with space/Dockerfile", status: "checked", findings: checked.result.warnings.map((w) => ({ ruleId: w.rule, namespace: "docker", severity: "warning", message: w.detail, lines: w.lines, docs: "" })), undecided: [] };
        const log = JSON.parse(formatSarif([result], { name: "dockerfile-check", version: "0" })) as unknown;
        expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it("a SARIF log that breaks the schema is rejected (the validator can fail)", () => {
    expect(validateSarif({ version: "2.1.0", runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
  });

  it("github: workflow command annotations with escaped properties and data", async () => {
    const f = tree("gh", { "a,b:c/Dockerfile": "FROM scratch\nENV k 50%\n" });
    const r = await cli(["--format", "github", join(f, "a,b:c", "Dockerfile")]);
    const line = r.stdout.trim().split("\n")[0]!;
    expect(line).toMatch(/^::warning file=.*a%2Cb%3Ac\/Dockerfile,line=2,endLine=2,title=LegacyKeyValueFormat::"ENV key=value" should be used/);
  });

  it("checkstyle: one <file> per Dockerfile with an <error> per finding, XML-escaped", async () => {
    const r = await cli(["--format", "checkstyle", join(project, "Dockerfile")]);
    expect(r.stdout).toMatch(/^<\?xml version='1.0' encoding='UTF-8'\?>\n<checkstyle version="4.3">\n<file name=".*Dockerfile">\n/);
    expect(r.stdout).toContain('<error line="2" column="1" severity="warning" message="Maintainer instruction is deprecated in favor of using label" source="MaintainerDeprecated"/>');
    expect(r.stdout).toContain("&quot;run&quot;");
  });

  it("jsonl: one line per file with the simulation's summary", async () => {
    const r = await cli(["--format", "jsonl", "--jobs", "1", project]);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { file: string; stage: string; argv: string[] | null; layers: number; unknowns: string[]; findings: unknown[] });
    expect(lines).toHaveLength(5);
    const root = lines.find((l) => l.file.endsWith("project/Dockerfile"))!;
    expect(root.argv).toEqual(["/bin/sh", "-c", "run"]);
    expect(root.layers).toBe(0);
    expect(root.findings.length).toBeGreaterThan(0);
  });
});

describe("dockerfile-check: batches on worker threads", () => {
  const many = tree(
    "many",
    Object.fromEntries(Array.from({ length: 24 }, (_, k) => [`d${String(k).padStart(2, "0")}/Dockerfile`, `FROM scratch\n${"MAINTAINER x\n".repeat(k % 3)}CMD run ${k}\n`])),
  );

  it("gives the same results in the same order with 1 and 3 workers", async () => {
    const one = await cli(["--format", "jsonl", "--jobs", "1", many]);
    const three = await cli(["--format", "jsonl", "--jobs", "3", many]);
    expect(three.stdout).toBe(one.stdout);
    expect(one.stdout.trim().split("\n")).toHaveLength(24);
  });

  it("a file over the work budget gets an explicit budget-exceeded result and the rest are checked", async () => {
    const big = tree("big", { "a/Dockerfile": "FROM scratch\n" + "LABEL x=y\n".repeat(500), "b/Dockerfile": "FROM scratch\nMAINTAINER x\n" });
    const r = await cli(["--format", "jsonl", "--jobs", "2", "--max-bytes", "1000", big]);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { status: string; findings: { rule: string; message: string }[] });
    expect(lines.map((l) => l.status)).toEqual(["budget-exceeded", "checked"]);
    expect(lines[0]!.findings[0]!.rule).toBe("budget/exceeded");
    expect(lines[0]!.findings[0]!.message).toMatch(/over the 1000-byte work budget/);
    expect(lines[1]!.findings.map((f) => f.rule)).toContain("MaintainerDeprecated");
  });

  it("a file a worker gets stuck on or crashes on gets an explicit budget-exceeded result, and the rest are checked in order", async () => {
    const files = tree("misbehaving", {
      "a/Dockerfile": "FROM scratch\nMAINTAINER a\n",
      "b/STALL.Dockerfile": "FROM scratch\n",
      "c/Dockerfile": "FROM scratch\nMAINTAINER c\n",
      "d/CRASH.Dockerfile": "FROM scratch\n",
      "e/Dockerfile": "FROM scratch\nMAINTAINER e\n",
    });
    const r = await cli(["--format", "jsonl", "--jobs", "2", "--timeout", "3000", files], "", MISBEHAVING_WORKER, true);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { file: string; status: string; findings: { rule: string; message: string }[] });
    expect(lines.map((l) => [l.file.slice(files.length + 1), l.status])).toEqual([
      ["a/Dockerfile", "checked"],
      ["b/STALL.Dockerfile", "budget-exceeded"],
      ["c/Dockerfile", "checked"],
      ["d/CRASH.Dockerfile", "budget-exceeded"],
      ["e/Dockerfile", "checked"],
    ]);
    expect(lines[1]!.findings[0]!.message).toMatch(/longer than the 3000 ms budget \(--timeout\)/);
    expect(lines[3]!.findings[0]!.message).toMatch(/the worker failed on it: planted crash/);
    for (const k of [0, 2, 4]) expect(lines[k]!.findings.map((f) => f.rule)).toContain("MaintainerDeprecated");
    const stats = JSON.parse(r.stderr.trim().split("\n").at(-1)!) as { stats: { files: number; replacedWorkers: number } };
    expect(stats.stats.files).toBe(5);
    expect(stats.stats.replacedWorkers).toBe(2);
  });

  it("keeps a bounded number of files in hand however many there are (counted, not timed)", async () => {
    const dir = tree("bounded", { "Dockerfile": "FROM scratch\nCMD run\n" });
    const total = 2000;
    let pulled = 0;
    let handed = 0;
    let most = 0;
    const tasks = (function* (): Generator<FileTask> {
      for (let k = 0; k < total; k++) {
        pulled++;
        most = Math.max(most, pulled - handed);
        yield { path: join(dir, "Dockerfile"), text: null };
      }
    })();
    const run: CheckRunOptions = { builder: "buildkit", buildArgs: {}, context: null, config: { ignored: [], severity: [], failOn: "error" }, images: [], maxBytes: 1 << 20 };
    let lines = 0;
    await checkInWorkers(tasks, { jobs: 2, workerUrl: WORKER, timeoutMs: 60_000, run, output: { format: "jsonl", colour: false } }, (o) => {
      handed += o.files;
      lines += o.text.split("\n").length - 1;
    });
    expect(lines).toBe(total);
    expect(most).toBeLessThanOrEqual(2 * 4 * MAX_BATCH);
  });
});
