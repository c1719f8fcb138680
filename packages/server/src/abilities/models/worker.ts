// The compile worker's thread: compiles the model documents it is sent and answers with the
// recognizer as a snapshot whose typed arrays are transferred, not copied (compile.ts).
import { parentPort } from "node:worker_threads";
import { compileModel, recognizerSnapshot, snapshotTransferables } from "@clover/nlu";
import type { CompileRequest, CompileResponse } from "./compile.js";

const port = parentPort;
if (!port) throw new Error("the compile worker runs in a worker thread");
port.on("message", (request: CompileRequest) => {
  let response: CompileResponse;
  try {
    const snapshot = recognizerSnapshot(compileModel(request.model, request.options));
    response = { id: request.id, snapshot };
    port.postMessage(response, snapshotTransferables(snapshot));
  } catch (error) {
    response = { id: request.id, error: (error as Error).message };
    port.postMessage(response);
  }
});
