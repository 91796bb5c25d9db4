/**
 * The `explain-cmd` process entry, bundled by `npm run build` into `dist/bundle/explain-cmd.js`.
 *
 * @module
 */
import { run } from "./cli.js";

void run();
