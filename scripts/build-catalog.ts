/**
 * Generates the bundled catalog of Docker Official Images (src/catalog/data/official-images.ts)
 * from their public definitions, with this simulator:
 *
 *   node --import tsx scripts/build-catalog.ts --checkouts DIR [--retired-before DATE] [--images a,b] [--out FILE]
 *
 * DIR holds git clones (or bare mirrors) named `owner/name`, `owner+name` or `name`:
 * docker-library/official-images and the repository each image's manifest names. For each image,
 * the manifest `library/<name>` at official-images' HEAD gives its entries for amd64 (tags,
 * GitRepo, GitCommit, Directory, File, Builder); each entry's Dockerfile is read at that commit
 * and simulated with the builder official-images uses (BuildKit with `Builder: buildkit`, else
 * the classic builder), following each FROM down the chain through the catalog itself, to the
 * root images (`FROM scratch` + ADD of a rootfs, or an OCI layout imported as is, whose config
 * blob is read). Tags the current manifests dropped since `--retired-before` (default 2026-01-01)
 * are taken from the official-images revision of that date, marked retired. Nothing fetched is
 * copied: the catalog holds only the configs our simulator derives, and where each came from.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, posix, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { CatalogConfig, CatalogData, CatalogEntry } from "../src/catalog/catalog-data.js";
import { catalogImage, officialNameTag } from "../src/catalog/catalog-image.js";
import { memoryContext, type TreeDescription, type TreeValue } from "../src/fs/context/memory-context.js";
import { imageFromInspect, type BaseImage, type BaseImageResolver } from "../src/image/base-image.js";
import { toInspectConfig } from "../src/image/config.js";
import { simulate } from "../src/simulate.js";
import { toJsonReport } from "../src/report/json-report.js";
import { findCheckout, type GitCheckout } from "./catalog/git-checkout.js";
import { githubRepo, libraryEntries, type LibraryEntry } from "./catalog/library-manifest.js";

/**
 * The images catalogued: the most pulled Docker Official Images (Docker Hub's "Docker Official
 * Image" listing sorted by pulls), plus whatever their FROM chains reach.
 */
export const DEFAULT_IMAGES = [
  "alpine", "busybox", "ubuntu", "debian", "nginx", "python", "redis", "postgres", "node", "httpd", "memcached", "mongo",
  "mysql", "traefik", "mariadb", "docker", "rabbitmq", "golang", "hello-world", "registry", "wordpress", "php", "amazonlinux",
  "sonarqube", "tomcat", "eclipse-temurin", "haproxy", "maven", "bash", "nextcloud", "ruby", "caddy", "gradle", "zookeeper",
  "telegraf", "influxdb", "cassandra", "solr", "ghost", "drupal", "neo4j", "nats", "rust", "perl", "mongo-express", "adminer",
  "eclipse-mosquitto", "fedora", "buildpack-deps", "couchdb", "composer", "amazoncorretto", "elasticsearch", "kibana", "logstash", "openjdk",
] as const;

const ARCH = "amd64";
const MAX_BLOB = 4 << 20;
/** How far back the history of one manifest is searched for a revision the checkouts can build. */
const MAX_REVISIONS = 400;
const encoder = new TextEncoder();

interface Args {
  checkouts: string;
  out: string;
  retiredBefore: string | null;
  images: readonly string[];
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { checkouts: "", out: "src/catalog/data/official-images.ts", retiredBefore: "2026-01-01", images: DEFAULT_IMAGES };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === "--checkouts" && v !== undefined) (args.checkouts = v), i++;
    else if (a === "--out" && v !== undefined) (args.out = v), i++;
    else if (a === "--retired-before" && v !== undefined) (args.retiredBefore = v === "none" ? null : v), i++;
    else if (a === "--images" && v !== undefined) (args.images = v.split(",").filter((s) => s !== "")), i++;
    else throw new Error(`usage: build-catalog.ts --checkouts DIR [--out FILE] [--retired-before DATE|none] [--images a,b,c] (unexpected ${a})`);
  }
  if (args.checkouts === "") throw new Error("build-catalog.ts: --checkouts DIR is required (a directory of git clones)");
  return args;
}

/** A manifest entry as planned: which revision of official-images it came from. */
interface Planned {
  readonly image: string;
  readonly entry: LibraryEntry;
  /** Tags of this entry the catalog lists (for a retired entry, only those the current manifest dropped). */
  readonly tags: readonly string[];
  /** The official-images commit whose `library/<image>` listed it. */
  readonly manifest: string;
  readonly retired?: true;
}

/** What happened to each entry, for the summary. */
const problems: string[] = [];

class Generator {
  private readonly plans = new Map<string, Planned[]>();
  private readonly byTag = new Map<string, Planned>();
  private readonly results = new Map<Planned, CatalogEntry | null>();
  private readonly inProgress = new Set<Planned>();

  constructor(
    private readonly root: string,
    private readonly oi: GitCheckout,
    private readonly retiredBefore: string | null,
  ) {}

  /** The planned entries of an image (its manifest read once), current then retired. */
  plan(image: string): Planned[] {
    let p = this.plans.get(image);
    if (p !== undefined) return p;
    p = [];
    this.plans.set(image, p);
    const current = this.manifestAt(image, undefined);
    if (current === null) {
      problems.push(`${image}: no revision of library/${image} in official-images`);
      return p;
    }
    const seen = new Set<string>();
    for (const entry of current.entries) {
      const tags = [...entry.tags, ...entry.sharedTags].filter((t) => !seen.has(t));
      tags.forEach((t) => seen.add(t));
      p.push({ image, entry, tags, manifest: current.rev });
    }
    const old = this.retiredBefore === null ? null : this.manifestAt(image, this.retiredBefore);
    if (old !== null && old.rev !== current.rev) {
      for (const entry of old.entries) {
        const tags = [...entry.tags, ...entry.sharedTags].filter((t) => !seen.has(t));
        if (tags.length === 0) continue;
        tags.forEach((t) => seen.add(t));
        p.push({ image, entry, tags, manifest: old.rev, retired: true });
      }
    }
    for (const pl of p) for (const t of pl.tags) if (!this.byTag.has(`${image}:${t}`)) this.byTag.set(`${image}:${t}`, pl);
    return p;
  }

  /**
   * The newest revision of `library/<image>` (before a date, if given) whose every amd64 entry's
   * commit the checkouts have, with its entries; the newest one at all when none qualifies (its
   * entries then fail one by one, and say why). With complete clones this is official-images'
   * HEAD (or the revision current at the date).
   */
  private manifestAt(image: string, before: string | undefined): { rev: string; entries: LibraryEntry[] } | null {
    const revs = this.oi.log(`library/${image}`, before).slice(0, MAX_REVISIONS);
    let first: { rev: string; entries: LibraryEntry[] } | null = null;
    for (const rev of revs) {
      const text = this.oi.readFile(rev, `library/${image}`)?.toString("utf8");
      if (text === undefined) continue;
      const entries = libraryEntries(text, ARCH);
      first ??= { rev, entries };
      if (entries.length > 0 && entries.every((e) => this.hasCommit(e))) return { rev, entries };
    }
    return first;
  }

  private readonly commits = new Map<string, boolean>();

  private hasCommit(e: LibraryEntry): boolean {
    const repo = githubRepo(e.gitRepo);
    if (repo === null) return false;
    const key = `${repo}@${e.gitCommit}`;
    let has = this.commits.get(key);
    if (has === undefined) {
      has = findCheckout(this.root, repo)?.hasCommit(e.gitCommit) ?? false;
      this.commits.set(key, has);
    }
    return has;
  }

  /** The resolver FROM lines see while generating: the catalog itself, built on demand. */
  readonly resolver: BaseImageResolver = {
    resolve: (ref) => {
      const nt = officialNameTag(ref);
      if (nt === null) return undefined;
      this.plan(nt.name);
      const pl = this.byTag.get(`${nt.name}:${nt.tag}`);
      if (pl === undefined) return undefined;
      const e = this.build(pl);
      return e === null ? undefined : catalogImage(ref, e);
    },
  };

  /** Derives one entry (memoised); null when its definition cannot be read. */
  build(pl: Planned): CatalogEntry | null {
    const done = this.results.get(pl);
    if (done !== undefined) return done;
    if (this.inProgress.has(pl)) {
      problems.push(`${pl.image}:${pl.tags[0]}: FROM cycle`);
      return null;
    }
    this.inProgress.add(pl);
    let result: CatalogEntry | null = null;
    try {
      result = this.derive(pl);
    } catch (e) {
      problems.push(`${pl.image}:${pl.tags[0]}: ${(e as Error).message}`);
    }
    this.inProgress.delete(pl);
    this.results.set(pl, result);
    return result;
  }

  private derive(pl: Planned): CatalogEntry | null {
    const { entry, image } = pl;
    const label = `${image}:${pl.tags[0]}`;
    const repo = githubRepo(entry.gitRepo);
    if (repo === null) {
      problems.push(`${label}: ${entry.gitRepo} is not on GitHub`);
      return null;
    }
    const co = findCheckout(this.root, repo);
    if (co === null) {
      problems.push(`${label}: no checkout of ${repo}`);
      return null;
    }
    const commit = entry.gitCommit;
    if (!co.hasCommit(commit)) {
      problems.push(`${label}: ${repo} lacks ${commit}`);
      return null;
    }
    const path = entry.directory === "." ? entry.file : `${entry.directory}/${entry.file}`;
    const builder = entry.builder === "oci-import" ? "oci-import" : entry.builder === "buildkit" ? "buildkit" : "classic";
    const common = {
      image, tags: pl.tags, repo, commit, path, builder, manifest: pl.manifest,
      ...(pl.retired === undefined ? {} : { retired: true as const }),
    } as const;
    if (builder === "oci-import") {
      const img = this.readOci(co, commit, entry.directory, entry.file);
      if (img === null) {
        problems.push(`${label}: cannot read the OCI layout ${repo}@${commit}:${path}`);
        return null;
      }
      return { ...common, config: catalogConfigOf(img.config), layers: img.layers };
    }
    const text = co.readFile(commit, path)?.toString("utf8");
    if (text === undefined) {
      problems.push(`${label}: ${repo}@${commit} has no ${path}`);
      return null;
    }
    const tree = this.contextTree(co, commit, entry.directory);
    const sim = simulate(text, {
      builder: builder === "buildkit" ? "buildkit" : "legacy",
      platform: { os: "linux", architecture: "amd64" },
      resolver: this.resolver,
      context: (b) => memoryContext(tree, { builder: b, dockerfile: entry.file }),
      dockerfileName: entry.file,
    });
    const stage = sim.stage;
    if (stage === null) {
      problems.push(`${label}: no stage (${sim.error?.message ?? "?"})`);
      return null;
    }
    const report = toJsonReport(sim);
    const unknown: string[] = [];
    for (const b of sim.evaluation.images) if (!b.known) unknown.push(`base image ${b.ref.replace(/^docker\.io\/library\//, "")} not in the catalog: what only it sets is missing`);
    if (sim.error !== null) unknown.push(`the simulated build fails: ${sim.error.message}`);
    const from = stage.base.kind === "image" ? stage.base.image.ref.replace(/^docker\.io\/library\//, "") : undefined;
    return {
      ...common,
      config: catalogConfigOf(toInspectConfig(stage.config)),
      layers: stage.layers,
      ...(report.layersMin === undefined ? {} : { layersMin: report.layersMin }),
      ...(from === undefined ? {} : { from }),
      ...(unknown.length === 0 ? {} : { unknown }),
    };
  }

  /** The build context: the entry's directory at the commit (blobs git lacks, or huge ones, empty). */
  private contextTree(co: GitCheckout, commit: string, dir: string): TreeDescription {
    const files = co.listTree(commit, dir);
    const blobs = co.readBlobs(files.filter((f) => f.size !== null && f.size <= MAX_BLOB).map((f) => f.sha));
    const tree: Record<string, TreeValue> = {};
    for (const f of files) {
      const content = blobs.get(f.sha) ?? new Uint8Array(0);
      if (f.mode === "120000") tree[f.path] = { symlink: Buffer.from(content).toString("utf8") };
      else tree[f.path] = { content: new Uint8Array(content), mode: f.mode === "100755" ? 0o755 : 0o644 };
    }
    return tree;
  }

  /** An OCI layout in git (index.json, blobs maybe as symlinks): the amd64 image's config and layer count. */
  private readOci(co: GitCheckout, commit: string, dir: string, file: string): { config: BaseImage["config"]; layers: number | null } | null {
    const base = dir === "." ? "" : `${dir}/`;
    const json = (p: string): unknown => {
      const b = co.readFile(commit, p);
      return b === null ? null : JSON.parse(b.toString("utf8"));
    };
    const blob = (digest: string): unknown => {
      const p = posix.normalize(`${base}blobs/${digest.replace(":", "/")}`);
      for (const f of co.listTree(commit, posix.dirname(p))) {
        if (f.path !== posix.basename(p)) continue;
        if (f.mode !== "120000") return json(p);
        const target = co.readBlobs([f.sha]).get(f.sha)?.toString("utf8");
        return target === undefined ? null : json(posix.normalize(posix.join(posix.dirname(p), target)));
      }
      return null;
    };
    const index = json(`${base}${file}`) as { manifests?: { digest: string; mediaType?: string; platform?: { architecture?: string; os?: string } }[] } | null;
    let manifest = index?.manifests?.find((m) => m.platform === undefined || (m.platform.architecture === ARCH && m.platform.os === "linux"));
    let body = manifest === undefined ? null : (blob(manifest.digest) as { manifests?: typeof index extends null ? never : NonNullable<NonNullable<typeof index>["manifests"]>; config?: { digest: string }; layers?: unknown[] } | null);
    if (body?.manifests !== undefined) {
      manifest = body.manifests.find((m) => m.platform?.architecture === ARCH && m.platform.os === "linux");
      body = manifest === undefined ? null : (blob(manifest.digest) as typeof body);
    }
    if (body?.config === undefined) return null;
    const cfg = blob(body.config.digest) as { config?: unknown; rootfs?: { diff_ids?: unknown[] }; os?: string; author?: string } | null;
    if (cfg === null) return null;
    const img = imageFromInspect("oci", { Config: cfg.config ?? {}, RootFS: { Layers: cfg.rootfs?.diff_ids ?? body.layers ?? [] }, Os: cfg.os ?? "linux", Author: cfg.author ?? "" });
    return img.ok ? { config: img.value.config, layers: img.value.layers } : null;
  }

  /** Every entry of the images asked for, and those of other images their FROM chains reached. */
  all(images: readonly string[]): CatalogEntry[] {
    for (const image of images) for (const pl of this.plan(image)) this.build(pl);
    return [...this.results.values()].filter((e): e is CatalogEntry => e !== null);
  }

  get imagesPlanned(): readonly string[] {
    return [...this.plans.keys()];
  }
}

/** Drops unset fields; maps become key lists. */
function catalogConfigOf(c: Partial<ReturnType<typeof toInspectConfig>>): CatalogConfig {
  const out: { -readonly [K in keyof CatalogConfig]: CatalogConfig[K] } = {};
  // An empty list is no value, as `docker image inspect` shows it (null).
  if (c.Entrypoint != null && c.Entrypoint.length > 0) out.Entrypoint = c.Entrypoint;
  if (c.Cmd != null && c.Cmd.length > 0) out.Cmd = c.Cmd;
  if (c.Env != null && c.Env.length > 0) out.Env = c.Env;
  if (c.WorkingDir != null && c.WorkingDir !== "") out.WorkingDir = c.WorkingDir;
  if (c.User != null && c.User !== "") out.User = c.User;
  if (c.ExposedPorts != null) out.ExposedPorts = Object.keys(c.ExposedPorts).sort();
  if (c.Volumes != null) out.Volumes = Object.keys(c.Volumes).sort();
  if (c.Labels != null && Object.keys(c.Labels).length > 0) out.Labels = c.Labels;
  if (c.StopSignal != null && c.StopSignal !== "") out.StopSignal = c.StopSignal;
  if (c.Shell != null && c.Shell.length > 0) out.Shell = c.Shell;
  if (c.Healthcheck != null) out.Healthcheck = c.Healthcheck;
  if (c.OnBuild != null && c.OnBuild.length > 0) out.OnBuild = c.OnBuild;
  return out;
}

function commitDate(co: GitCheckout, commit: string): string {
  return co.readDate(commit);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(args.checkouts);
  const oi = findCheckout(root, "docker-library/official-images");
  if (oi === null) throw new Error(`no checkout of docker-library/official-images under ${root}`);
  const head = oi.head();
  const gen = new Generator(root, oi, args.retiredBefore);
  const entries = gen.all(args.images).sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : 0));
  const data: CatalogData = {
    version: 1,
    platform: "linux/amd64",
    officialImages: { commit: head, date: commitDate(oi, head) },
    ...(args.retiredBefore === null ? {} : { retiredBefore: args.retiredBefore }),
    entries,
  };
  const json = JSON.stringify(data);
  const { entries: _entries, ...meta } = data;
  const text = [
    "// Generated by scripts/build-catalog.ts from docker-library/official-images and the repositories its",
    "// manifests name (see docs/base-images.md). Do not edit: rerun the script. One entry per line.",
    'import type { CatalogData, CatalogEntry } from "../catalog-data.js";',
    "",
    "// Each entry as a JSON text: parsed once, when this module loads (cheaper than a literal for tsc and V8).",
    "const ENTRIES: readonly string[] = [",
    ...entries.map((e) => `${JSON.stringify(JSON.stringify(e))},`),
    "];",
    "",
    "/** The Docker Official Images catalog data (linux/amd64). */",
    `export const OFFICIAL_IMAGES: CatalogData = { ...(${JSON.stringify(meta)} as const), entries: ENTRIES.map((e) => JSON.parse(e) as CatalogEntry) };`,
    "",
  ].join("\n");
  mkdirSync(dirname(resolve(args.out)), { recursive: true });
  writeFileSync(resolve(args.out), text);
  const images = new Set(entries.map((e) => e.image));
  const tags = entries.reduce((n, e) => n + e.tags.length, 0);
  const gz = gzipSync(encoder.encode(json), { level: 9 }).length;
  process.stdout.write(`catalog: ${images.size} images, ${entries.length} entries, ${tags} tags; ${(json.length / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(1)} KB gzipped -> ${args.out}\n`);
  process.stdout.write(`images reached: ${gen.imagesPlanned.join(" ")}\n`);
  const withUnknown = entries.filter((e) => e.unknown !== undefined).length;
  process.stdout.write(`entries with unknowns: ${withUnknown}; skipped or noted: ${problems.length}\n`);
  for (const p of problems) process.stdout.write(`  ${p}\n`);
}

main();
