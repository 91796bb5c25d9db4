import { describe, expect, it } from "vitest";
import { parseRunWords } from "../../src/session/run-options.js";
import { splitCommandLine } from "../../src/session/words.js";

describe("parseRunWords (docker run options without IMAGE)", () => {
  it.each([
    [[], { args: [], env: [] }],
    [["a", "-e", "X=1"], { args: ["a", "-e", "X=1"], env: [] }],
    [["-e", "A=1", "--env=B", "-w", "/w", "-u", "1:2", "--entrypoint", "", "x"], { args: ["x"], env: ["A=1", "B"], entrypoint: "", workdir: "/w", user: "1:2" }],
    [["--rm", "-it", "-p", "80:80", "--name=x", "--", "-v"], { args: ["-v"], env: [] }],
  ])("%j", (words, options) => expect(parseRunWords(words)).toEqual({ ok: true, value: options }));

  it.each([[["--entrypoint"]], [["-e"]], [["--frobnicate"]]])("%j fails", (words) => expect(parseRunWords(words).ok).toBe(false));
});

describe("splitCommandLine", () => {
  it("quotes like a shell and evaluates nothing", () => {
    expect(splitCommandLine(`run --entrypoint "" sh -c 'echo $HOME' $PATH a>b # note`)).toEqual(["run", "--entrypoint", "", "sh", "-c", "echo $HOME", "$PATH", "a", ">", "b"]);
  });
});
