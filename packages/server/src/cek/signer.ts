// Signs request bodies: base64 RSASSA-PKCS1-v1_5 with SHA-256 over the exact bytes sent
// (cek-custom-extension.md §2.5). Inline by default; a worker pool moves the RSA work off the
// event loop when configured (CLOVER_SIGNING_WORKERS).
import { sign } from "node:crypto";
import { Worker } from "node:worker_threads";
import type { SigningKeyRing } from "./signing-key.js";

export interface BodySigner {
  sign(body: Buffer): Promise<string>;
  close(): Promise<void>;
}

export class InlineSigner implements BodySigner {
  constructor(private readonly keys: SigningKeyRing) {}
  async sign(body: Buffer) {
    return sign("sha256", body, this.keys.active.privateKey).toString("base64");
  }
  async close() {}
}

// The worker receives (id, key PEM when it changed, body) and answers (id, signature). Plain JS source so it
// runs without a TypeScript loader.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createPrivateKey, sign } = require("node:crypto");
let key;
parentPort.on("message", (m) => {
  if (m.pem !== undefined) key = createPrivateKey(m.pem);
  try { parentPort.postMessage({ id: m.id, signature: sign("sha256", m.body, key).toString("base64") }); }
  catch (e) { parentPort.postMessage({ id: m.id, error: String(e && e.message || e) }); }
});`;

interface Pending {
  resolve: (s: string) => void;
  reject: (e: Error) => void;
}

export class WorkerPoolSigner implements BodySigner {
  readonly #workers: { worker: Worker; pending: Map<number, Pending>; keyId?: string }[] = [];
  #next = 0;
  #id = 0;

  constructor(
    private readonly keys: SigningKeyRing,
    size: number,
  ) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref();
      const pending = new Map<number, Pending>();
      worker.on("message", (m: { id: number; signature?: string; error?: string }) => {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.signature !== undefined) p?.resolve(m.signature);
        else p?.reject(new Error(`signing failed: ${m.error}`));
      });
      worker.on("error", (error) => {
        for (const p of pending.values()) p.reject(error);
        pending.clear();
      });
      this.#workers.push({ worker, pending });
    }
  }

  sign(body: Buffer): Promise<string> {
    const slot = this.#workers[this.#next++ % this.#workers.length]!;
    const id = ++this.#id;
    const key = this.keys.active;
    // The key travels once per worker (and again after a rotation), not with every body.
    const pem = slot.keyId === key.id ? undefined : key.privateKeyPem;
    slot.keyId = key.id;
    // A Buffer is usually a view of a shared 8 KiB pool: cloning it would copy the whole pool,
    // so the exact bytes go in their own ArrayBuffer, transferred rather than copied again.
    const bytes = new Uint8Array(body);
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, pem, body: bytes }, [bytes.buffer]);
    });
  }

  async close() {
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }
}

export function createSigner(keys: SigningKeyRing, workers: number): BodySigner {
  return workers > 0 ? new WorkerPoolSigner(keys, workers) : new InlineSigner(keys);
}
