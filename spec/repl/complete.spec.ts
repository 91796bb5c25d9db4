import { describe, expect, it } from "vitest";
import { completeLine } from "../../src/session/complete.js";
import { loadSource } from "../../src/session/interpret.js";
import { initialSession } from "../../src/session/state.js";
import { resolverWith } from "../helpers/simulate.js";

const state = loadSource(initialSession({ resolver: resolverWith(), buildArgs: new Map([["VERSION", "1"]]) }), "D", "FROM sim/busybox AS builder\nENV APP_HOME=/a\nFROM sim/busybox AS runtime\nLABEL x=y\n").state;

describe("REPL tab completion", () => {
  it.each([
    ["", ["load ", "reload ", "run ", "env ", "config ", "history ", "layers ", "stages ", "files ", "why ", "warnings ", "set ", "unset ", "target ", "builder ", "help ", "exit "]],
    ["re", ["reload "]],
    ["target ", ["builder", "runtime"]],
    ["target r", ["runtime"]],
    ["env ", ["builder", "runtime", "global"]],
    ["builder l", ["legacy"]],
    ["why Env.", ["Env.PATH"]],
    ["why La", ["Labels", "Labels.x"]],
    // issue 18 point 5: field names complete case-insensitively.
    ["why wo", ["WorkingDir"]],
    ["why env.p", ["Env.PATH"]],
    ["set ", ["build-arg"]],
    ["set build-arg V", ["VERSION="]],
    ["unset build-arg ", ["VERSION"]],
    ["help e", ["env", "exit"]],
    ["config ", []],
  ])("%j", (line, candidates) => {
    expect(completeLine(state, line).candidates).toEqual(candidates);
  });

  it("leaves file names to the shell for load", () => {
    expect(completeLine(state, "load ./Dock")).toEqual({ candidates: [], word: "./Dock", files: true });
  });
});
