// What does the container run, and why? (Run it: npm run example docs/examples/effective-command.ts)
import { explainField, imageFromInspect, mapResolver, renderFieldAnswer, simulate } from "dockerfile-semantics";

// A base image's config, as `docker image inspect nginx` would print it (trimmed).
const nginx = imageFromInspect("docker.io/library/nginx:latest", [
  { Config: { Cmd: ["nginx", "-g", "daemon off;"], Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] }, RootFS: { Layers: ["a", "b", "c"] } },
]);
if (!nginx.ok) throw new Error(nginx.error);

const dockerfile = `FROM nginx
COPY entrypoint.sh /
ENTRYPOINT ["/entrypoint.sh"]
`;

export const sim = simulate(dockerfile, { resolver: mapResolver({ "docker.io/library/nginx:latest": nginx.value }) });

// The inherited CMD is gone: ENTRYPOINT cleared it, because no CMD was set in this stage.
export const argv = sim.run?.ok === true ? [sim.run.path, ...sim.run.args] : [];
export const why = explainField(sim, "Cmd");

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(argv); // [ '/entrypoint.sh' ]
  // Why Cmd is empty, in words (the same text as the CLI's `why Cmd`); `why.value` holds it as data.
  process.stdout.write(why.ok ? renderFieldAnswer(why.value) : `${why.error}\n`);
}
