// Starts the compile worker when the server runs from its TypeScript sources: a worker thread
// does not inherit the module hooks of the main thread, so it registers TypeScript loading
// (and the workspace packages' source condition, passed as --conditions) itself.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
