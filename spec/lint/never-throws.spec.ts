import fc from "fast-check";
import { describe, it } from "vitest";
import { explainField, FIELD_NAMES } from "../../src/explain/explain-field.js";
import { explainRun } from "../../src/explain/explain-run.js";
import { renderExplanation } from "../../src/explain/render-text.js";
import { interpret, loadSource } from "../../src/session/interpret.js";
import { initialSession } from "../../src/session/state.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { simulate } from "../../src/simulate.js";

const LINES = [
  "FROM scratch", "FROM busybox AS a", "FROM a", "ARG V=1", "ARG a=1 b=$a", "ENV X=1 Y=$X", "ENV PATH=/x:$PATH", "CMD", "CMD []", "CMD ['a']",
  'CMD ["a"] junk', "CMD echo $V", 'ENTRYPOINT ["e"]', "ENTRYPOINT e $@", "ENTRYPOINT", 'SHELL ["/bin/bash","-c"]', "RUN export A=1",
  "RUN <<EOF", "export B=2", "EOF", "ADD a.tar.gz /x/", "ADD https://h/a.tgz /", "COPY src /app/", "COPY --from=a /out /o/", "LABEL l=$V",
  "WORKDIR $V", "USER ${V:-x}", "EXPOSE 80", "VOLUME ['/v']", "HEALTHCHECK CMD ['x']", "ONBUILD CMD x", "STOPSIGNAL 9", "# c", "\\", "FOO",
];

const dockerfile = fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 20 })), { maxLength: 12 }).map((ls) => ls.join("\n") + "\n");

describe("explanations and warnings never throw", () => {
  it("lintDockerfile, explainRun, explainField and rendering, on any input, with both builders", () => {
    fc.assert(
      fc.property(dockerfile, fc.constantFrom("buildkit" as const, "legacy" as const), fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }), (text, builder, args) => {
        const sim = simulate(text, { builder, run: { args } });
        renderExplanation(explainRun(sim), undefined, lintDockerfile(sim, { simulate: { run: { args } } }));
        for (const f of [...FIELD_NAMES, "Env.PATH", "nope"]) explainField(sim, f);
      }),
      { numRuns: 300 },
    );
  });

  it("the REPL interpreter, on any line", () => {
    const loaded = loadSource(initialSession(), "D", "FROM busybox AS a\nARG V=1\nFROM a\nCMD x\n").state;
    fc.assert(fc.property(fc.oneof(fc.string(), fc.constantFrom("env a 2", "env 99", "run -e", "why Env.", "set build-arg =", "target nope", "env global 1")), (line) => {
      interpret(loaded, line);
      interpret(initialSession(), line);
    }), { numRuns: 300 });
  });
});
