// The state the evaluation keeps after each instruction (StageResult.start / .steps) and the
// provenance each value carries (index in the stage, exec/shell form): what explain, lint and the
// REPL read instead of re-parsing or re-simulating. The recorded state after instruction k must be
// what evaluating the Dockerfile cut after instruction k ends with.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stateOf } from "../../src/evaluate/instruction-steps.js";
import { variablesInForce } from "../../src/evaluate/variables.js";
import { BUILDERS, sim } from "../helpers/simulate.js";

const line = fc.oneof(
  fc.tuple(fc.constantFrom("A", "B", "C"), fc.constantFrom("1", "x", "$A", "${B:-d}")).map(([k, v]) => `ENV ${k}=${v}`),
  fc.tuple(fc.constantFrom("A", "B", "C", "HTTP_PROXY"), fc.constantFrom("", "=2", "=$C")).map(([k, v]) => `ARG ${k}${v}`),
  fc.constantFrom("LABEL l=$A", "WORKDIR /w$B", "USER u$C", "CMD echo $A", 'ENTRYPOINT ["/bin/$B"]', "RUN true"),
);

describe("state after each instruction", () => {
  for (const builder of BUILDERS) {
    it(`equals the end state of the Dockerfile cut there (${builder}, property)`, () => {
      fc.assert(fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), (lines, twoStages) => {
        const head = twoStages ? ["FROM sim/busybox AS base", "ENV B=b", "ARG C=c", "FROM base"] : ["FROM sim/busybox"];
        const opts = { builder, buildArgs: { A: "ba" } };
        const whole = sim([...head, ...lines].join("\n") + "\n", opts);
        const stage = whole.evaluation.target;
        expect(stage).not.toBeNull();
        expect(stage!.steps.length).toBe(lines.length);
        for (let k = 0; k <= lines.length; k++) {
          const cut = sim([...head, ...lines.slice(0, k)].join("\n") + "\n", opts).evaluation;
          const recorded = stateOf(k === 0 ? stage!.start : stage!.steps[k - 1]!);
          const inputs = { buildArgs: new Map(Object.entries(opts.buildArgs)), globals: whole.evaluation.globals };
          const expected = variablesInForce(cut.target!.scope, cut.target!.config.Env, inputs).map((v) => [v.name, v.value, v.kind]);
          expect(variablesInForce(recorded.scope, recorded.config.Env, inputs).map((v) => [v.name, v.value, v.kind])).toEqual(expected);
          if (k > 0) expect(recorded.config).toEqual(cut.target!.config);
        }
      }), { numRuns: 60 });
    });
  }

  it("each value's origin names its instruction's index in the stage and its form", () => {
    const ev = sim("FROM sim/busybox\nENV A=1\nENTRYPOINT python app.py\nCMD [\"--help\"]\n").evaluation;
    const c = ev.target!.config;
    expect(c.Entrypoint.origin).toMatchObject({ kind: "instruction", site: { index: 1, form: "shell", line: 3 } });
    expect(c.Cmd.origin).toMatchObject({ kind: "instruction", site: { index: 2, form: "exec", line: 4 } });
    const env = c.Env.find((e) => e.key === "A")!;
    expect(env.origin).toMatchObject({ kind: "instruction", site: { index: 0, line: 2 } });
    expect(env.origin.kind === "instruction" && env.origin.site.form).toBeUndefined();
  });

  it("the layout is the stages as the planner grouped them", () => {
    const ev = sim("ARG V=1\nFROM sim/busybox AS a\nRUN true\nFROM a\nENV X=1\nLABEL y=2\n").evaluation;
    expect(ev.layout.metaArgs.map((a) => a.line)).toEqual([1]);
    expect(ev.layout.stages.map((s) => [s.name, s.instructions.map((i) => i.keyword)])).toEqual([["a", ["RUN"]], [null, ["ENV", "LABEL"]]]);
  });
});

describe("recorded steps", () => {
  it("are made once, on first read, and name the stage's instructions in order", () => {
    const stage = sim("FROM sim/busybox\nENV A=1\nARG B=2\nRUN true\n", { builder: "legacy" }).evaluation.target!;
    const steps = stage.steps;
    expect(stage.steps).toBe(steps);
    expect(steps.map((s) => [s.at, s.instruction.keyword, s.stage])).toEqual([[0, "ENV", "0"], [1, "ARG", "0"], [2, "RUN", "0"]]);
  });
});
