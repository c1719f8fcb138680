// Signs request bodies: base64 RSASSA-PKCS1-v1_5 with SHA-256 over the exact bytes sent
// (cek-custom-extension.md §2.5). Inline by default; a worker pool moves the RSA work off the
// event loop when configured (CLOVER_SIGNING_WORKERS).
import { sign } from "node:crypto";
import { Worker } from "node:worker_threads";
import type { SigningKey, SigningKeyRing } from "./signing-key.js";

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

// The worker receives batches — (id, key PEM when it changed, the bodies' lengths, their bytes
// one after another) — and answers (id, one signature or error per body). Plain JS source so
// it runs without a TypeScript loader.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createPrivateKey, sign } = require("node:crypto");
let key;
let keyError;
parentPort.on("message", (m) => {
  if (m.pem !== undefined) {
    try { key = createPrivateKey(m.pem); keyError = undefined; }
    catch (e) { key = undefined; keyError = String(e && e.message || e); }
  }
  const bytes = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
  const out = [];
  let at = 0;
  for (const length of m.lengths) {
    const body = bytes.subarray(at, at + length);
    at += length;
    if (!key) { out.push({ error: keyError || "no key" }); continue; }
    try { out.push(sign("sha256", body, key).toString("base64")); }
    catch (e) { out.push({ error: String(e && e.message || e) }); }
  }
  parentPort.postMessage({ id: m.id, signatures: out });
});`;

interface Pending {
  resolve: (s: string) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Batch id → its bodies' callers, in order. */
  pending: Map<number, Pending[]>;
  keyId?: string;
}

interface Batch {
  key: SigningKey;
  bodies: Buffer[];
  callers: Pending[];
}

/** Most bodies in one message to a worker (the first caller waits for the whole batch). */
const MAX_BATCH = 8;

/**
 * Signs in worker threads. Bodies asked for in the same turn of the event loop travel together
 * in one message and come back in one: under load several turns reach the signing step between
 * two polls, and waking a thread costs both sides about as much as the JSON of a turn.
 */
export class WorkerPoolSigner implements BodySigner {
  readonly #workers: Slot[] = [];
  #next = 0;
  #id = 0;
  #batch: Batch | undefined;
  readonly #flush = () => this.#send();

  constructor(
    private readonly keys: SigningKeyRing,
    size: number,
  ) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref();
      const pending = new Map<number, Pending[]>();
      worker.on("message", (m: { id: number; signatures: (string | { error: string })[] }) => {
        const callers = pending.get(m.id);
        pending.delete(m.id);
        if (!callers) return;
        for (const [i, caller] of callers.entries()) {
          const signature = m.signatures[i];
          if (typeof signature === "string") caller.resolve(signature);
          else caller.reject(new Error(`signing failed: ${signature?.error ?? "no answer"}`));
        }
      });
      worker.on("error", (error) => {
        for (const callers of pending.values()) for (const caller of callers) caller.reject(error);
        pending.clear();
      });
      this.#workers.push({ worker, pending });
    }
  }

  sign(body: Buffer): Promise<string> {
    const key = this.keys.active;
    // One key per batch: a rotation sends what was queued under the old key first.
    if (this.#batch && this.#batch.key.id !== key.id) this.#send();
    let batch = this.#batch;
    if (!batch) {
      batch = { key, bodies: [], callers: [] };
      this.#batch = batch;
      setImmediate(this.#flush);
    }
    const queued = batch;
    return new Promise((resolve, reject) => {
      queued.bodies.push(body);
      queued.callers.push({ resolve, reject });
      if (queued.bodies.length >= MAX_BATCH) this.#send();
    });
  }

  #send(): void {
    const batch = this.#batch;
    this.#batch = undefined;
    if (!batch || batch.bodies.length === 0) return;
    const slot = this.#workers[this.#next++ % this.#workers.length]!;
    const id = ++this.#id;
    // The key travels once per worker (and again after a rotation), not with every batch.
    const pem = slot.keyId === batch.key.id ? undefined : batch.key.privateKeyPem;
    slot.keyId = batch.key.id;
    // The exact bytes in their own ArrayBuffer (a Buffer is usually a view of a shared 8 KiB
    // pool, which cloning would copy whole), transferred rather than copied again.
    let total = 0;
    for (const body of batch.bodies) total += body.length;
    const bytes = new Uint8Array(total);
    const lengths: number[] = [];
    let at = 0;
    for (const body of batch.bodies) {
      bytes.set(body, at);
      at += body.length;
      lengths.push(body.length);
    }
    slot.pending.set(id, batch.callers);
    slot.worker.postMessage({ id, pem, lengths, bytes }, [bytes.buffer]);
  }

  async close() {
    this.#send();
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }
}

export function createSigner(keys: SigningKeyRing, workers: number): BodySigner {
  return workers > 0 ? new WorkerPoolSigner(keys, workers) : new InlineSigner(keys);
}
