import type { LintRule } from "../rule.js";
import { addUnpacksArchive } from "./add-unpacks-archive.js";
import { buildersDisagree } from "./builders-disagree.js";
import { cmdResetByEntrypoint } from "./cmd-reset-by-entrypoint.js";
import { commandSetTwice } from "./command-set-twice.js";
import { copyDirectoryContents } from "./copy-directory-contents.js";
import { envReadsSameInstruction } from "./env-reads-same-instruction.js";
import { globalArgNotRedeclared } from "./global-arg-not-redeclared.js";
import { jsonNotJson } from "./json-not-json.js";
import { pid1IsShell } from "./pid1-is-shell.js";
import { runExportDoesNotPersist } from "./run-export-does-not-persist.js";
import { shellEntrypointSwallowsArgs } from "./shell-entrypoint-swallows-args.js";

/** Every trap rule, in the order their findings are reported. */
export const RULES: readonly LintRule[] = [
  shellEntrypointSwallowsArgs,
  pid1IsShell,
  cmdResetByEntrypoint,
  commandSetTwice,
  jsonNotJson,
  globalArgNotRedeclared,
  envReadsSameInstruction,
  runExportDoesNotPersist,
  addUnpacksArchive,
  copyDirectoryContents,
  buildersDisagree,
];
