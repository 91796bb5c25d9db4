import type { TextStyle } from "../explain/render-text.js";

/** ANSI colours for a terminal (the CLI uses them only on a TTY and never with NO_COLOR). */
export const ANSI: TextStyle = {
  heading: (s) => `\x1b[1m${s}\x1b[22m`,
  command: (s) => `\x1b[36m${s}\x1b[39m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  warning: (s) => `\x1b[33m${s}\x1b[39m`,
  error: (s) => `\x1b[31m${s}\x1b[39m`,
};

/** Whether to colour: only on a TTY, and never when NO_COLOR is set to anything non-empty. */
export function wantsColour(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY && (env["NO_COLOR"] === undefined || env["NO_COLOR"] === "");
}
