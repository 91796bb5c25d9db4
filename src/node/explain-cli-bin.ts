/**
 * The `explain-cmd` process entry, bundled by `npm run build` into `dist/explain-cmd.mjs`.
 *
 * @module
 */
import { run } from "./cli.js";

await run();
