/**
 * Child process of the corpus benchmark: `corpus-worker.ts <tool> <corpus dir> [limit]` loads
 * the corpus, times the tool on every file and prints its {@link ToolFigures} as one JSON line.
 *
 * @module
 */
import { loadCorpus, measureTool } from "./corpus.js";
import { isToolName } from "./tools.js";

const [tool, dir, limit] = process.argv.slice(2);
if (tool === undefined || !isToolName(tool) || dir === undefined) {
  console.error("usage: corpus-worker.ts <tool> <corpus dir> [limit]");
  process.exit(2);
}
const { names, texts } = loadCorpus(dir, limit === undefined ? Infinity : Number(limit));
const baseline = process.memoryUsage().rss / (1024 * 1024);
console.log(JSON.stringify(measureTool(tool, names, texts, baseline)));
