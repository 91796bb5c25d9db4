/**
 * fast-check generators of Dockerfiles aimed at every rule of Docker 28.5's checks, each both ways:
 * instruction and `as` casing, stage names (upper case, reserved, duplicate), shell and exec CMD/ENTRYPOINT
 * with and without SHELL, repeated CMD/ENTRYPOINT/HEALTHCHECK, legacy and `=` ENV/LABEL, secret-like and
 * allowed names, relative and absolute WORKDIR, defined, undefined and misspelt variables (ARG, ENV, the
 * automatic platform ARGs), FROM with declared, undeclared and empty ARGs, constant, redundant and
 * variable `--platform`, EXPOSE protocols and host mappings, empty continuation lines, description
 * comments, COPY/ADD of files a `.dockerignore` excludes, `RUN --mount` values (with unset variables and
 * values that end the run), heredoc bodies (expanded for COPY/ADD, not for RUN), ONBUILD triggers, base
 * images of another platform (InvalidBaseImagePlatform), and `# check=` directives (skip, experimental,
 * error). Only contexts the check needs are made; no base image is pulled: every base is `scratch`, a
 * stage, or one of the local images of spec/check/check-images.ts with a `--platform` the engine can
 * find it for.
 *
 * @module
 */
import fc from "fast-check";
import type { CheckCase } from "./check-oracle.js";

const keywordCase = (kw: string): fc.Arbitrary<string> =>
  fc.constantFrom(kw, kw, kw, kw, kw.toLowerCase(), kw[0] + kw.slice(1).toLowerCase());

// Variable names: declared ones, near misses (a unique close match for "did you mean"), far misses.
const VAR_NAMES = ["FOO", "FOOO", "VERSION", "VERSON", "HOME", "PATH", "PTH", "NOPE", "app_dir", "APP_DIR", "TARGETOS", "BUILDARCH", "XYZZY"] as const;
const SECRET_NAMES = ["API_KEY", "password", "github_token", "SECRET_MESSAGE", "auth", "PUBLIC_KEY", "keyboard", "my_passwd", "tokens", "MONKEY"] as const;
const STAGE_NAMES = ["base", "build", "Build", "BUILDER", "context", "scratch", "app", "arm64-stage", "linux-tools"] as const;

const varRef = fc.oneof(
  fc.constantFrom(...VAR_NAMES).map((n) => `$${n}`),
  fc.constantFrom(...VAR_NAMES).map((n) => `\${${n}}`),
  fc.constantFrom(...VAR_NAMES).map((n) => `\${${n}:-dflt}`),
);
const word = fc.oneof(fc.constantFrom("a", "x.txt", "dir/b", "/abs", "rel/path", "80"), varRef, fc.tuple(fc.constantFrom("/opt/", "v"), varRef).map(([a, b]) => a + b));

const exposePort = fc.constantFrom("80", "80/tcp", "80/TCP", "53/Udp", "8080:80", "127.0.0.1:8080:80/udp", "9000-9001/sctp", "$PORT", "${PORT:-81}");

interface StageContext {
  readonly names: readonly string[];
}

// Mostly values that keep the run going; an unset variable alone makes an empty target (a mount on `/` or,
// for a secret, no id: both end the run).
const MOUNT_VALUE = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("/m", "m", "/m/$FOO", "${APP_DIR:-/srv}", "/c$NOPE", "/v/${VERSON}") }, { weight: 1, arbitrary: varRef });

function mountFlag(ctx: StageContext): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom("cache", "bind", "tmpfs"), MOUNT_VALUE).map(([t, target]) => `--mount=type=${t},target=${target}`) },
    fc.tuple(MOUNT_VALUE, MOUNT_VALUE).map(([src, target]) => `--mount=type=bind,source=${src},target=${target},ro`),
    fc.tuple(MOUNT_VALUE, fc.constantFrom("", ",required")).map(([id, req]) => `--mount=type=secret,id=${id}${req}`),
    fc.tuple(fc.constantFrom("$NOPE", "${NOPE:-cache}", "cache"), fc.constantFrom("uid=$FOO,", "mode=0${NOPE:-7}", "sharing=${NOPE:-locked},", "")).map(
      ([t, extra]) => `--mount=type=${t},${extra}${extra.endsWith(",") || extra === "" ? "" : ","}target=/t`,
    ),
    ...(ctx.names.length === 0 ? [] : [fc.constantFrom(...ctx.names).map((n) => `--mount=from=${n},target=/from`)]),
    // An image: Docker checks its platform and reports a mismatch without a location.
    fc.constantFrom("dfs-check/i386", "dfs-check/amd64").map((n) => `--mount=from=${n},target=/img`),
  );
}

function instruction(ctx: StageContext): fc.Arbitrary<string> {
  return fc.oneof(
    keywordCase("MAINTAINER").map((k) => `${k} someone@example.com`),
    fc.tuple(keywordCase("CMD"), fc.boolean()).map(([k, exec]) => (exec ? `${k} ["run", "--flag"]` : `${k} run --flag`)),
    fc.tuple(keywordCase("ENTRYPOINT"), fc.boolean()).map(([k, exec]) => (exec ? `${k} ["/bin/app"]` : `${k} /bin/app serve`)),
    fc.tuple(keywordCase("HEALTHCHECK"), fc.boolean()).map(([k, none]) => (none ? `${k} NONE` : `${k} CMD ["true"]`)),
    keywordCase("SHELL").map((k) => `${k} ["/bin/sh", "-c"]`),
    fc.tuple(keywordCase("ENV"), fc.constantFrom(...VAR_NAMES, ...SECRET_NAMES), word, fc.boolean()).map(([k, n, v, legacy]) => (legacy ? `${k} ${n} ${v}` : `${k} ${n}=${v}`)),
    fc.tuple(keywordCase("ENV"), fc.constantFrom(...VAR_NAMES), word, fc.constantFrom(...SECRET_NAMES), word).map(([k, a, v, b, w]) => `${k} ${a}=${v} ${b}=${w}`),
    fc.tuple(keywordCase("LABEL"), fc.constantFrom("version", "org.example.x"), word, fc.boolean()).map(([k, n, v, legacy]) => (legacy ? `${k} ${n} ${v}` : `${k} ${n}="${v}"`)),
    fc.tuple(keywordCase("ARG"), fc.constantFrom(...VAR_NAMES, ...SECRET_NAMES, "PORT"), fc.option(word, { nil: undefined })).map(([k, n, d]) => (d === undefined ? `${k} ${n}` : `${k} ${n}=${d}`)),
    fc.tuple(keywordCase("WORKDIR"), fc.constantFrom("/app", "app", "src", "$HOME/app", "/${APP_DIR}", "${APP_DIR:-/srv}", "$APP_DIR")).map(([k, p]) => `${k} ${p}`),
    fc.tuple(keywordCase("USER"), fc.constantFrom("1000", "$USERNAME", "app:${GID:-0}")).map(([k, u]) => `${k} ${u}`),
    fc.tuple(keywordCase("EXPOSE"), fc.array(exposePort, { minLength: 1, maxLength: 3 })).map(([k, ps]) => `${k} ${ps.join(" ")}`),
    fc.tuple(keywordCase("COPY"), fc.array(fc.constantFrom("a.txt", "ignored.log", "secret/x", "./keep/y", "$SRC", "*.md"), { minLength: 1, maxLength: 2 }), fc.constantFrom("/dst/", "$DEST", "/x")).map(
      ([k, srcs, d]) => `${k} ${srcs.join(" ")} ${d}`,
    ),
    // --from names an earlier stage only: another name is an image to pull, and no registry is reachable.
    ...(ctx.names.length === 0 ? [] : [fc.tuple(keywordCase("COPY"), fc.constantFrom(...ctx.names, "0")).map(([k, from]) => `${k} --from=${from} /a /b`)]),
    // An image the engine has (spec/check/check-images.ts): its platform is checked at the COPY.
    fc.tuple(keywordCase("COPY"), fc.constantFrom("dfs-check/i386", "dfs-check/amd64")).map(([k, from]) => `${k} --from=${from} /f.txt /b`),
    fc.tuple(keywordCase("ADD"), fc.constantFrom("ignored.log", "a.txt", "https://example.com/f.tgz", "$SRC"), fc.constantFrom("--chown=$UID", "--chmod=644", "")).map(
      ([k, s, f]) => `${k} ${f === "" ? "" : f + " "}${s} /dst/`,
    ),
    fc.tuple(keywordCase("VOLUME"), fc.constantFrom("/data", "/data $HOME", '["/v"]')).map(([k, v]) => `${k} ${v}`),
    fc.tuple(keywordCase("STOPSIGNAL"), fc.constantFrom("SIGTERM", "$SIG", "${SIG:-SIGINT}")).map(([k, s]) => `${k} ${s}`),
    fc.tuple(keywordCase("RUN"), fc.constantFrom("echo a && \\\n    echo b", "echo a \\\n\n    b", "echo a \\\n# note\n    b", "echo $FOO")).map(([k, r]) => `${k} ${r}`),
    // RUN --mount values are expanded (UndefinedVar), and some values end the run (empty type, root target, …).
    fc.tuple(keywordCase("RUN"), fc.array(mountFlag(ctx), { minLength: 1, maxLength: 2 })).map(([k, ms]) => `${k} ${ms.join(" ")} true`),
    // Heredoc bodies: COPY/ADD expand unquoted ones, RUN never does.
    fc.tuple(keywordCase("COPY"), fc.constantFrom("<<EOF", "<<'EOF'", "<<-EOF", '<<"EOF"'), word, fc.constantFrom("/dst/", "$DEST")).map(
      ([k, h, w, d]) => `${k} ${h} ${d}\n${h.includes("-") ? "\t" : ""}text ${w}\n${h.includes("-") ? "\t" : ""}EOF`,
    ),
    fc.tuple(keywordCase("ADD"), word).map(([k, w]) => `${k} <<EOF /dst/f\n${w}\nEOF`),
    fc.tuple(keywordCase("RUN"), word).map(([k, w]) => `${k} <<EOF\necho ${w}\nEOF`),
    // ONBUILD triggers run in a later stage built FROM this one (at its FROM line) when it is reachable.
    fc.tuple(keywordCase("ONBUILD"), fc.constantFrom("ENV TRIG $FOO", "ENV TRIG=${VERSON}", "CMD run", "WORKDIR rel", "LABEL a=$NOPE", "RUN --mount=type=cache,target=/c$HOME true")).map(([k, t]) => `${k} ${t}`),
    fc.constantFrom("# a comment", "", "#"),
  );
}

const platformFlag = fc.constantFrom("", "", "", "--platform=linux/386 ", "--platform=$TARGETPLATFORM ", "--platform=${TARGETPLATFORM} ", "--platform=$BUILDPLATFORM ", "--platform=linux/amd64 ", "--platform=linux/arm64 ", "--platform=$PLAT ", "--platform=${TARGETOS}/${TARGETARCH} ");

interface GlobalArg {
  readonly name: string;
  readonly value: string | undefined;
}

const globalArg: fc.Arbitrary<GlobalArg> = fc.oneof(
  fc.record({ name: fc.constant("BASE"), value: fc.constantFrom("scratch", undefined, "") }),
  fc.record({ name: fc.constant("VERSION"), value: fc.constantFrom("1.0", undefined) }),
  fc.record({ name: fc.constant("EMPTY"), value: fc.constant("") }),
  fc.record({ name: fc.constant("PLAT"), value: fc.constantFrom("linux/amd64", undefined) }),
  fc.record({ name: fc.constantFrom(...SECRET_NAMES), value: fc.constantFrom("x", undefined) }),
);

function fromImage(declared: ReadonlySet<string>, earlier: readonly string[]): fc.Arbitrary<string> {
  const options: string[] = ["scratch", "scratch", "${MISSING:-scratch}", "${EMPTY}scratch", "${NOPE}scratch", "${VERSON:-scratch}", ...IMAGES];
  if (declared.has("BASE")) options.push("$BASE", "${BASE}");
  if (declared.has("EMPTY")) options.push("${EMPTY:-scratch}");
  options.push(...earlier);
  return fc.constantFrom(...options);
}

const directive = fc.constantFrom(
  "",
  "",
  "",
  "# check=experimental=all\n",
  "# check=skip=JSONArgsRecommended,StageNameCasing\n",
  "# check=skip=all\n",
  "# check=error=true\n",
  "# check=skip=UndefinedVar;experimental=CopyIgnoredFile\n",
  "# check=experimental=InvalidDefinitionDescription;error=false\n",
);

// Images the engine has (spec/check/check-images.ts) and what a stage's --platform may say with them: the engine
// looks a local image up for the stage's platform, and one that does not fit it (arm64 for any of these, 386
// for an amd64 image) would be pulled from an unreachable registry.
const IMAGES = ["dfs-check/i386", "dfs-check/amd64", "dfs-check/i386-empty", "dfs-check/onbuild", "${IMG:-dfs-check/i386}"] as const;
const fitsImage = (platform: string, image: string): boolean => !platform.includes("arm64") && !(platform.includes("386") && !image.includes("i386"));

const DOCKERIGNORE = ["ignored.log\nsecret\n", "*.log\n!keep\n", "**/*.md\n"] as const;

/**
 * A generated check case: the Dockerfile, an optional `.dockerignore`, and maybe build arguments.
 */
export const checkCaseArb: fc.Arbitrary<CheckCase> = fc
  .record({
    directive,
    globals: fc.uniqueArray(globalArg, { maxLength: 3, selector: (a) => a.name }),
    stageCount: fc.integer({ min: 1, max: 3 }),
    seed: fc.infiniteStream(fc.nat()),
    ignore: fc.option(fc.constantFrom(...DOCKERIGNORE), { nil: undefined }),
  })
  .chain(({ directive: d, globals, stageCount, ignore }) => {
    const declared = new Set(globals.map((g) => g.name));
    const header =
      d +
      globals.map((g) => (g.value === undefined ? `ARG ${g.name}` : `ARG ${g.name}=${g.value}`)).join("\n") +
      (globals.length > 0 ? "\n" : "");
    const stage = (earlier: readonly string[]): fc.Arbitrary<{ text: string; name: string | null }> =>
      fc
        .record({
          comment: fc.constantFrom("", "", "# build the thing\n", "# base stage\n", "# app: the app\n"),
          from: keywordCase("FROM"),
          as: fc.constantFrom("AS", "AS", "as", "As"),
          platform: platformFlag,
          image: fromImage(declared, earlier),
          name: fc.option(fc.constantFrom(...STAGE_NAMES), { nil: null, freq: 3 }),
          body: fc.array(instruction({ names: earlier }), { maxLength: 7 }),
        })
        .map((s) => ({ ...s, platform: s.image.includes("dfs-check") && !fitsImage(s.platform, s.image) ? "" : s.platform }))
        .map((s) => ({
          name: s.name,
          text: `${s.comment}${s.from} ${s.platform}${s.image}${s.name === null ? "" : ` ${s.as} ${s.name}`}\n${s.body.map((b) => b + "\n").join("")}`,
        }));
    let arb: fc.Arbitrary<{ text: string; names: string[] }> = fc.constant({ text: header, names: [] });
    for (let k = 0; k < stageCount; k++) {
      arb = arb.chain((acc) => stage(acc.names).map((s) => ({ text: acc.text + s.text, names: s.name === null ? acc.names : [...acc.names, s.name.toLowerCase()] })));
    }
    return fc.record({ body: arb, buildArgs: fc.option(fc.constantFrom({ VERSION: "2.0" }, { BASE: "scratch", SRC: "a.txt" }), { nil: undefined, freq: 4 }) }).map(({ body, buildArgs }) => {
      const c: { dockerfile: string; files?: Record<string, string>; buildArgs?: Record<string, string> } = { dockerfile: body.text };
      if (ignore !== undefined) c.files = { ".dockerignore": ignore };
      if (buildArgs !== undefined) c.buildArgs = buildArgs;
      return c;
    });
  });

/** `runs` cases from `seed` (deterministic). */
export function generateCheckCases(runs: number, seed: number): CheckCase[] {
  return fc.sample(checkCaseArb, { numRuns: runs, seed });
}
