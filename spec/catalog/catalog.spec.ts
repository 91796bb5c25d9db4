import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogResolver, catalogSize, lookupCatalog, OFFICIAL_IMAGES } from "../../src/catalog/index.js";
import { toInspectConfig } from "../../src/image/config.js";
import { simulate } from "../../src/simulate.js";

// The most pulled Docker Official Images the catalog must hold (issue 16: at least 40), each with
// at least one current (not retired) tag. ubuntu and perl have no definition the generator can read
// (see docs/base-images.md), so they are not required here.
const REQUIRED = [
  "alpine", "busybox", "debian", "nginx", "python", "redis", "postgres", "node", "httpd", "memcached", "mongo", "mysql",
  "traefik", "mariadb", "docker", "rabbitmq", "golang", "hello-world", "registry", "wordpress", "php", "amazonlinux",
  "sonarqube", "tomcat", "eclipse-temurin", "haproxy", "maven", "bash", "nextcloud", "ruby", "caddy", "gradle", "zookeeper",
  "telegraf", "influxdb", "cassandra", "solr", "drupal", "neo4j", "nats", "rust", "mongo-express", "adminer",
  "eclipse-mosquitto", "buildpack-deps", "couchdb", "composer",
];

describe("the bundled catalog", () => {
  it("holds at least 40 of the most pulled official images, each with current tags", () => {
    const current = new Set(OFFICIAL_IMAGES.entries.filter((e) => e.retired !== true).map((e) => e.image));
    expect(REQUIRED.filter((i) => !current.has(i))).toEqual([]);
    expect(catalogSize().images).toBeGreaterThanOrEqual(40);
  });

  it("records the source repository, commit and path of every entry", () => {
    for (const e of OFFICIAL_IMAGES.entries) {
      expect(e.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(e.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(e.manifest).toMatch(/^[0-9a-f]{40}$/);
      expect(e.path).not.toBe("");
      expect(e.tags.length).toBeGreaterThan(0);
    }
  });

  it("has the main tags: latest, major, major.minor and variants", () => {
    for (const ref of ["node:latest", "node:22", "node:22-alpine", "node:20-alpine", "python:3.12-slim", "python:3", "nginx:alpine", "golang:1", "postgres:16", "redis:7", "debian:bookworm-slim", "alpine:3.20"]) {
      expect(lookupCatalog(ref), ref).toBeDefined();
    }
  });

  it("normalises Docker Hub names and tags, and knows only official images by tag", () => {
    const e = lookupCatalog("node:20-alpine");
    expect(e?.config.Entrypoint).toEqual(["docker-entrypoint.sh"]);
    expect(lookupCatalog("docker.io/library/node:20-alpine")).toBe(e);
    expect(lookupCatalog("library/node:20-alpine")).toBe(e);
    expect(lookupCatalog("index.docker.io/library/node:20-alpine")).toBe(e);
    expect(lookupCatalog("node")).toBe(lookupCatalog("node:latest"));
    expect(lookupCatalog("someone/node:20-alpine")).toBeUndefined();
    expect(lookupCatalog("node@sha256:" + "0".repeat(64))).toBeUndefined();
    expect(lookupCatalog("node:no-such-tag")).toBeUndefined();
  });

  it("answers the issue's Dockerfile: docker-entrypoint.sh /bin/sh -c 'npm start', from the catalog", () => {
    const sim = simulate("FROM node:20-alpine\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY . .\nCMD npm start\n", { resolver: catalogResolver() });
    expect(sim.run?.ok && [sim.run.path, ...sim.run.args]).toEqual(["docker-entrypoint.sh", "/bin/sh", "-c", "npm start"]);
    expect(sim.evaluation.images.map((i) => [i.ref, i.source])).toEqual([["docker.io/library/node:20-alpine", "catalog"]]);
    expect(sim.evaluation.images[0]!.sourceDetail).toMatch(/^nodejs\/docker-node@[0-9a-f]{40}/);
  });

  it("a stage FROM any catalog tag starts from that entry's config", () => {
    const tagged = OFFICIAL_IMAGES.entries.flatMap((e) => e.tags.map((t) => ({ e, ref: `${e.image}:${t}` })));
    fc.assert(
      fc.property(fc.constantFrom(...tagged), ({ e, ref }) => {
        const sim = simulate(`FROM ${ref}\n`, { resolver: catalogResolver() });
        const got = toInspectConfig(sim.stage!.config);
        const want = lookupCatalog(ref)!;
        // The entry a tag finds is this one, or a current entry for a tag also listed as retired.
        if (want !== e) expect(e.retired).toBe(true);
        expect(got.Entrypoint).toEqual(want.config.Entrypoint ?? null);
        expect(got.Cmd).toEqual(want.config.Cmd ?? null);
        expect(got.WorkingDir).toEqual(want.config.WorkingDir ?? null);
        expect(got.User).toEqual(want.config.User ?? null);
        expect(Object.keys(got.ExposedPorts ?? {})).toEqual(want.config.ExposedPorts ?? []);
        expect(got.StopSignal).toEqual(want.config.StopSignal ?? null);
        expect(sim.stage!.layers).toBe(want.layers);
      }),
      { numRuns: 200 },
    );
  });
});
