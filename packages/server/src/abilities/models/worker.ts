// The compile worker's thread: compiles the model documents it is sent and answers with the
// recognizer as a snapshot whose typed arrays are transferred, not copied (compile.ts). A model
// compiled before, by any process, comes from the disk cache instead (cache.ts).
import { parentPort } from "node:worker_threads";
import { compileModel, recognizerSnapshot, snapshotTransferables } from "@clover/nlu";
import { cachedSnapshot, storeSnapshot } from "./cache.js";
import type { CompileRequest, CompileResponse } from "./compile.js";

const port = parentPort;
if (!port) throw new Error("the compile worker runs in a worker thread");
port.on("message", (request: CompileRequest) => {
  let response: CompileResponse;
  try {
    const { model, options, cacheDir } = request;
    let snapshot = cachedSnapshot(model, options, cacheDir);
    const cached = snapshot !== undefined;
    if (!snapshot) {
      snapshot = recognizerSnapshot(compileModel(model, options));
      storeSnapshot(model, options, snapshot, cacheDir);
    }
    response = { id: request.id, snapshot, cached };
    port.postMessage(response, snapshotTransferables(snapshot));
  } catch (error) {
    response = { id: request.id, error: (error as Error).message };
    port.postMessage(response);
  }
});
