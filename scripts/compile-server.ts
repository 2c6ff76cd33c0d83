// The second half of `npm run build`: the app's server, its job worker and the certificate
// PDF threads' task compiled for production (scripts/lib/server-build.ts), for an image that starts them without `npm start`.
import path from "node:path";
import { ROOT } from "./lib/paths.ts";
import { COMPILED_PDF_WORKER, COMPILED_SERVER, COMPILED_WORKER, compileForProduction } from "./lib/server-build.ts";

compileForProduction();
console.log(
  `Compiled the server to ${path.relative(ROOT, COMPILED_SERVER)}, the job worker to ${path.relative(ROOT, COMPILED_WORKER)} and the PDF threads' task to ${path.relative(ROOT, COMPILED_PDF_WORKER)}`,
);
