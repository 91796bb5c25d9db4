import { nextVersionOf, VersionedMap } from "../core/versioned-map.js";
import { findEntry, type TracedEntry } from "../image/config.js";
import type { Origin } from "../image/origin.js";

/** Whether a variable in force comes from ENV (image config) or ARG (build-time only). */
export type VariableKind = "ENV" | "ARG";

/** A variable visible to expansion at some point of a stage, with why. */
export interface VariableInForce {
  readonly name: string;
  readonly value: string;
  readonly kind: VariableKind;
  readonly origin: Origin;
  /** How an ARG got its value. */
  readonly argSource?: "build-arg" | "default" | "global" | "automatic";
}

/** Predefined proxy build arguments (both builders; ALL_PROXY since BuildKit 0.9 / moby 23). */
export const PROXY_ARGS: ReadonlySet<string> = new Set([
  "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
]);

/** A declared stage ARG (the classic builder resolves its value lazily, see {@link lookupVariable}). */
export interface DeclaredArg {
  readonly name: string;
  /** The default after expansion, or `null` when declared without one. */
  readonly defaultValue: string | null;
  readonly origin: Origin;
}

/**
 * BuildKit's variables: one ordered state env, the config's Env then every ARG with a value, the
 * last writer winning (`ENV V=x` after `ARG V` wins, and `ARG V` after `ENV V=x` wins too).
 */
export interface StateEnvScope {
  readonly kind: "state-env";
  /** The state env, by name. */
  readonly state: ReadonlyMap<string, VariableInForce>;
}

/**
 * The classic builder's variables: the config's Env (read from the config, not kept here) plus the
 * declared ARGs *not* shadowed by an ENV of the same name (moby `BuildArgs.FilterAllowed`): ENV
 * always wins. An ARG's value is resolved when read (see {@link lookupVariable}).
 */
export interface DeclaredArgsScope {
  readonly kind: "declared-args";
  /** The ARGs declared in this stage, by name. */
  readonly declared: ReadonlyMap<string, DeclaredArg>;
}

/**
 * The variables of a stage at one point: BuildKit's {@link StateEnvScope}, or the classic
 * builder's {@link DeclaredArgsScope}.
 *
 * @example
 * ```ts
 * const origin = { kind: "run", option: "--build-arg V" } as const;
 * const scope = withArg(emptyScope("declared-args"), null, { name: "V", defaultValue: "1", origin });
 * lookupVariable(scope, [], { buildArgs: new Map(), globals: new Map() }, "V")?.value; // "1"
 * ```
 */
export type VariableScope = StateEnvScope | DeclaredArgsScope;

/** The build-wide inputs variable lookups need. */
export interface BuildInputs {
  readonly buildArgs: ReadonlyMap<string, string>;
  /** Global ARG values (BuildKit: after expansion and build-arg overrides, automatic platform ARGs included). */
  readonly globals: ReadonlyMap<string, VariableInForce>;
}

/** An empty scope of a kind (the builder's `variableScope`). */
export function emptyScope(kind: VariableScope["kind"]): VariableScope {
  return kind === "state-env" ? { kind: "state-env", state: new VersionedMap<VariableInForce>().view() } : { kind: "declared-args", declared: new VersionedMap<DeclaredArg>().view() };
}

/**
 * BuildKit: a scope whose state env starts from the parent stage's (when built on a stage), then
 * takes every entry of the config Env, which wins over an inherited ARG of the same name (vendored
 * buildkit dockerfile2llb/convert.go, "initialize base metadata from image conf": `AddEnv` of each
 * config Env entry after `init` copied the parent's state; verified on 28.5.2: `ENV b=@` then
 * `ARG b=x` in the parent gives `$b` = `@` in the child).
 */
export function scopeFromEnv(env: readonly TracedEntry[], inherited?: VariableScope): StateEnvScope {
  const state = VersionedMap.of(inherited?.kind === "state-env" ? inherited.state : []);
  for (const e of env) state.set(e.key, { name: e.key, value: e.value, kind: "ENV", origin: e.origin });
  return { kind: "state-env", state: state.view() };
}

/** Sets ENV values in the scope, in order (BuildKit's state env; the classic builder reads the config). */
export function withEnv(scope: VariableScope, pairs: readonly { readonly key: string; readonly value: string }[], origin: Origin): VariableScope {
  if (scope.kind === "declared-args") return scope;
  const state = nextVersionOf(scope.state);
  for (const { key, value } of pairs) state.set(key, { name: key, value, kind: "ENV", origin });
  return { kind: "state-env", state: state.view() };
}

/** Declares an ARG; BuildKit adds it to the state env when it has a value. */
export function withArg(scope: VariableScope, v: VariableInForce | null, declared: DeclaredArg): VariableScope {
  switch (scope.kind) {
    case "state-env": {
      if (v === null) return scope;
      const state = nextVersionOf(scope.state);
      state.set(v.name, v);
      return { kind: "state-env", state: state.view() };
    }
    case "declared-args": {
      const d = nextVersionOf(scope.declared);
      d.set(declared.name, declared);
      return { kind: "declared-args", declared: d.view() };
    }
    default: {
      const never: never = scope;
      return never;
    }
  }
}

/** Whether the stage declared this ARG itself (classic builder; BuildKit's scope keeps no declarations). */
export function declaresArg(scope: VariableScope, name: string): boolean {
  return scope.kind === "declared-args" && scope.declared.has(name);
}

/**
 * The classic builder's value of a declared (or proxy) ARG: the build-arg, else the default,
 * else the global ARG's value (moby `BuildArgs.getBuildArg`).
 */
function legacyArgValue(name: string, declared: DeclaredArg | undefined, inputs: BuildInputs): VariableInForce | undefined {
  const fromOption = inputs.buildArgs.get(name);
  // (An undeclared proxy ARG has a value only from --build-arg: nothing is made for it otherwise,
  // as a RUN asks for every proxy ARG.)
  if (declared === undefined) return fromOption === undefined ? undefined : { name, value: fromOption, kind: "ARG", origin: { kind: "run", option: `--build-arg ${name}` }, argSource: "build-arg" };
  const origin: Origin = declared.origin;
  if (fromOption !== undefined) return { name, value: fromOption, kind: "ARG", origin, argSource: "build-arg" };
  if (declared.defaultValue != null) return { name, value: declared.defaultValue, kind: "ARG", origin, argSource: "default" };
  const g = inputs.globals.get(name);
  if (g !== undefined) return { ...g, origin, argSource: "global" };
  return undefined;
}

/** Every variable in force, in a stable order (for `env` listings and expansion). */
export function variablesInForce(scope: VariableScope, env: readonly TracedEntry[], inputs: BuildInputs): VariableInForce[] {
  if (scope.kind === "state-env") return [...scope.state.values()];
  const out: VariableInForce[] = env.map((e) => ({ name: e.key, value: e.value, kind: "ENV" as const, origin: e.origin }));
  const envKeys = new Set(env.map((e) => e.key));
  forEachDeclaredArg(scope, (name, declared) => {
    if (envKeys.has(name)) return;
    const v = legacyArgValue(name, declared, inputs);
    if (v !== undefined) out.push(v);
  });
  return out;
}

/**
 * The classic builder's ARG names, each once: the declared ones in declaration order, then the
 * predefined proxy ARGs not declared (a plain loop: a RUN asks for them on every line).
 */
function forEachDeclaredArg(scope: DeclaredArgsScope, fn: (name: string, declared: DeclaredArg | undefined) => void): void {
  const declared = scope.declared;
  declared.forEach((d, name) => fn(name, d));
  for (const name of PROXY_ARGS) if (!declared.has(name)) fn(name, undefined);
}

/**
 * The ARGs in force (not shadowed by an ENV), without listing the ENVs: time in the number of ARGs
 * declared, not in the size of the environment (a RUN asks this on every line).
 */
export function argsInForce(scope: VariableScope, env: readonly TracedEntry[], inputs: BuildInputs): VariableInForce[] {
  const out: VariableInForce[] = [];
  if (scope.kind === "state-env") {
    scope.state.forEach((v) => {
      if (v.kind === "ARG") out.push(v);
    });
    return out;
  }
  forEachDeclaredArg(scope, (name, declared) => {
    if ((declared === undefined && !inputs.buildArgs.has(name)) || findEntry(env, name) !== undefined) return;
    const v = legacyArgValue(name, declared, inputs);
    if (v !== undefined) out.push(v);
  });
  return out;
}

/** Looks one variable up as the builder's expansion would. */
export function lookupVariable(scope: VariableScope, env: readonly TracedEntry[], inputs: BuildInputs, name: string): VariableInForce | undefined {
  if (scope.kind === "state-env") return scope.state.get(name);
  const e = findEntry(env, name);
  if (e !== undefined) return { name, value: e.value, kind: "ENV", origin: e.origin };
  const declared = scope.declared.get(name);
  if (declared === undefined && !PROXY_ARGS.has(name)) return undefined;
  return legacyArgValue(name, declared, inputs);
}
