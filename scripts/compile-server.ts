// The second half of `npm run build`: the app's server compiled for production
// (scripts/lib/server-build.ts), for an image that starts it without `npm start`.
import path from "node:path";
import { ROOT } from "./lib/paths.ts";
import { COMPILED_SERVER, compileServer } from "./lib/server-build.ts";

compileServer();
console.log(`Compiled the server to ${path.relative(ROOT, COMPILED_SERVER)}`);
