// The same Dockerfile under BuildKit and the classic builder. (npm run example docs/examples/builders-differ.ts)
import { simulate, toJsonReport } from "dockerfile-semantics";

const dockerfile = `FROM scratch
ARG V=from-arg
ENV V=from-env
ARG V=again
LABEL v=$V
WORKDIR /srv/app/
`;

export const buildkit = toJsonReport(simulate(dockerfile, { builder: "buildkit" }));
export const legacy = toJsonReport(simulate(dockerfile, { builder: "legacy" }));

if (import.meta.url === `file://${process.argv[1]}`) {
  // BuildKit: the last writer wins, so the second ARG beats the ENV; classic: ENV always wins.
  console.log(buildkit.config?.Labels, legacy.config?.Labels);
  // BuildKit keeps an absolute WORKDIR as written; the classic builder cleans it.
  console.log(buildkit.config?.WorkingDir, legacy.config?.WorkingDir);
}
