// What COPY and ADD put where, without building. (npm run example docs/examples/files-add-copy.ts)
import { listFiles, memoryContext, simulate, type TreeDescription } from "dockerfile-semantics";

// A gzip-compressed tar archive without an extension, holding bin/tool (made with `tar czf`):
// ADD extracts it because of its content; a name like "release.tar.gz" that is not gzip is copied.
const bundle = Uint8Array.from(atob(
  "H4sIAAAAAAAAA+3RQQqDMBCF4Vn3FLmBM6aD56m7ghiw8f6NghsXFYRQxP/bzEAC8+D177GRyrTo3NdZ" +
    "7Oe6m0dV96daK2oarZPgtYMt5k9+TSHIlFL+9e/o/aL60n9Oaah547h/3/VvrbkErRlqc/P+l+4f/w4BAAAAAAAAAAAAAAAA4JQv6LPvjQAoAAA="), (c) => c.charCodeAt(0));

const context: TreeDescription = {
  "app/run.sh": { content: "#!/bin/sh\nexec /opt/bin/tool\n", mode: 0o755 },
  "app/README": "notes\n",
  bundle,
  "release.tar.gz": "not really gzip\n",
  ".dockerignore": "app/README\n",
};

const dockerfile = `FROM scratch
WORKDIR /srv
COPY --chown=1000:1000 app/ ./
ADD bundle release.tar.gz /opt/
`;

export const sim = simulate(dockerfile, { context: (builder) => memoryContext(context, { builder: builder }) });
export const srv = listFiles(sim.stage!.files, "/srv").entries;
export const opt = listFiles(sim.stage!.files, "/opt").entries;

if (import.meta.url === `file://${process.argv[1]}`) {
  // app/ is copied by contents (not as /srv/app), owned 1000:1000; README is excluded by .dockerignore.
  console.log(srv.map((e) => `${e.path} ${e.type}`));
  // bundle is extracted (/opt/bin/tool); release.tar.gz is copied as a file.
  console.log(opt.map((e) => `${e.path} ${e.type}`));
}
