#!/usr/bin/env node
import { run } from "../dist/node/cli.js";

await run();
