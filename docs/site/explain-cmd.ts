import { run } from "dockerfile-semantics/node";

// The explain-cmd CLI from the sources, for the docs' captured terminal sessions (bin/explain-cmd.js runs the built copy).
await run();
