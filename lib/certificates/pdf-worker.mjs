// The certificate PDF pool's task run from its TypeScript source (development, tests, the
// benches): a worker thread starts without TypeScript support, so this registers tsx and
// then loads pdf-render-worker.ts beside it. Production runs that file compiled instead
// (pdf-pool.ts).
import { register } from "tsx/esm/api";

register();
const { default: renderInWorker } = await import(new URL("./pdf-render-worker.ts", import.meta.url).href);

export default renderInWorker;
