/**
 * What a check run starts each stage from: the global ARG values (BuildKit v0.25.2
 * `frontend/dockerfile/dockerfile2llb/convert.go` `buildMetaArgs`) and a stage's initial state from
 * its parent stage, scratch, or its base image's config (environment, SHELL, WORKDIR) as the resolver
 * knows it (an unknown image leaves the environment open and SHELL and WORKDIR unknown).
 *
 * @module
 */
import { goClean } from "../../docker/go-path.js";
import { parseImageReference } from "../../docker/image-reference.js";
import { DEFAULT_PATH } from "../../evaluate/initial-config.js";
import { expandWord, type EscapeToken } from "../../expand/index.js";
import type { BaseImageResolver } from "../../image/base-image.js";
import type { ArgInstruction } from "../../parse/instruction.js";
import { Env, type StageState } from "./check-state.js";

/** The global ARG values (null when a default fails to expand). */
export function metaArgValues(metaArgs: readonly ArgInstruction[], automatic: ReadonlyMap<string, string>, buildArgs: ReadonlyMap<string, string>, escape: EscapeToken): Map<string, string> | null {
  const values = new Map(automatic);
  for (const a of metaArgs) {
    for (const d of a.args) {
      const key = d.name.value;
      const given = buildArgs.get(key);
      let value: string | undefined = given;
      if (given === undefined && d.defaultValue !== null) {
        const r = expandWord(d.defaultValue.value, (n) => values.get(n), { escape });
        if (!r.ok) return null;
        value = r.value;
      }
      if (value !== undefined) {
        values.delete(key);
        values.set(key, value);
      }
    }
  }
  return values;
}

/** The image the resolver knows by `name`, or undefined (an invalid name, no resolver, or unknown). */
export function imageOf(name: string, resolver: BaseImageResolver | undefined) {
  const ref = parseImageReference(name);
  if (!ref.ok || resolver === undefined) return undefined;
  const image = resolver.resolve(ref.value.normalized);
  return image === undefined || !image.known ? undefined : image;
}

/** Sets a stage's state at its FROM: its parent stage's, scratch's, or its base image's. */
export function initialState(st: StageState, parent: StageState | null, baseName: string, resolver: BaseImageResolver | undefined): void {
  if (parent !== null) {
    st.env = parent.env.clone();
    st.buildArgs = [...parent.buildArgs];
    st.shell = parent.shell;
    st.shellKnown = parent.shellKnown;
    st.workdirSet = parent.workdirSet;
    st.workdir = parent.workdir;
    return;
  }
  if (baseName === "scratch") {
    st.env = new Env([["PATH", DEFAULT_PATH]]);
    return;
  }
  const image = imageOf(baseName, resolver);
  if (image === undefined) {
    st.env = new Env([["PATH", DEFAULT_PATH]], true);
    st.shellKnown = false;
    st.workdir = null;
    return;
  }
  const env = new Env();
  for (const e of image.config.Env ?? []) {
    const eq = e.indexOf("=");
    env.set(eq < 0 ? e : e.slice(0, eq), eq < 0 ? "" : e.slice(eq + 1));
  }
  if (env.get("PATH") === undefined) env.set("PATH", DEFAULT_PATH);
  st.env = env;
  st.shell = (image.config.Shell ?? []).length > 0;
  st.workdir = image.config.WorkingDir ? goClean(`/${image.config.WorkingDir}`) : "/";
}
