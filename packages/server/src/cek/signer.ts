// Signs request bodies: base64 RSASSA-PKCS1-v1_5 with SHA-256 over the exact bytes sent
// (cek-custom-extension.md §2.5). Inline by default; a worker pool moves the RSA work off the
// event loop when configured (CLOVER_SIGNING_WORKERS).
import { sign } from "node:crypto";
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
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

// Each worker shares one ring of slots with the main thread (a SharedArrayBuffer): the main
// thread copies a body into a free slot, marks it SUBMITTED, bumps the submitted counter and
// wakes the worker (Atomics.notify); the worker, blocked in Atomics.wait, signs every submitted
// slot, writes the base64 signature (or an error) into it, marks it DONE or FAILED, bumps the
// completed counter and wakes the main thread, which waits for that counter with
// Atomics.waitAsync. No message is cloned or dispatched per body (postMessage cost ~27 µs of
// main-thread CPU per signature, the ring ~8 µs: docs/benchmarks.md). Keys travel once per
// generation on a MessagePort that the worker drains with receiveMessageOnPort.
const SLOTS = 32;
/** Largest body a slot holds; a larger one is signed on the main thread. */
export const SLOT_BODY_BYTES = 32 * 1024;
/** Room for the answer: a base64 signature (684 bytes for RSA-4096) or an error message. */
const SLOT_RESULT_BYTES = 1024;
const SLOT_BYTES = SLOT_BODY_BYTES + SLOT_RESULT_BYTES;
/** Int32 fields: the two counters, then four per slot (state, body length, result length, key generation). */
const SUBMITTED = 0;
const COMPLETED = 1;
const HEADER_INTS = 4 + SLOTS * 4;
const DATA_OFFSET = HEADER_INTS * 4;
const FREE = 0;
const SUBMITTED_STATE = 1;
const DONE = 2;
const FAILED = 3;

// Plain JS source so it runs without a TypeScript loader.
const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require("node:worker_threads");
const { createPrivateKey, sign } = require("node:crypto");
const { sab, port, slots, dataOffset, slotBytes, bodyBytes, resultBytes } = workerData;
const ints = new Int32Array(sab, 0, 4 + slots * 4);
const bytes = Buffer.from(sab);
const keys = new Map();
const drain = () => {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    keys.set(m.message.gen, createPrivateKey(m.message.pem));
    for (const gen of keys.keys()) if (gen < m.message.gen - 4) keys.delete(gen);
  }
};
const keyOf = (gen) => {
  // The key is posted before the slot that needs it is submitted; wait briefly all the same.
  for (let tries = 0; !keys.has(gen) && tries < 1000; tries++) {
    drain();
    if (!keys.has(gen)) Atomics.wait(ints, 2, 0, 1);
  }
  const key = keys.get(gen);
  if (!key) throw new Error("the signing key did not reach the worker");
  return key;
};
let seen = 0;
for (;;) {
  Atomics.wait(ints, 0, seen);
  seen = Atomics.load(ints, 0);
  drain();
  for (let slot = 0; slot < slots; slot++) {
    const h = 4 + slot * 4;
    if (Atomics.load(ints, h) !== 1) continue;
    const start = dataOffset + slot * slotBytes;
    const out = start + bodyBytes;
    let state = 2;
    let length;
    try {
      const signature = sign("sha256", bytes.subarray(start, start + ints[h + 1]), keyOf(ints[h + 3]));
      length = bytes.write(signature.toString("base64"), out, resultBytes, "latin1");
    } catch (e) {
      state = 3;
      length = bytes.write(String((e && e.message) || e), out, resultBytes, "utf8");
    }
    ints[h + 2] = length;
    Atomics.store(ints, h, state);
    Atomics.add(ints, 1, 1);
    Atomics.notify(ints, 1);
  }
}`;

/** Atomics.waitAsync (V8; in Node since 16) is not in the ES2022 library this code compiles with. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync;

interface Pending {
  body: Buffer;
  resolve: (s: string) => void;
  reject: (e: Error) => void;
  /** The worker's answer, kept until every body signed before this one has its own. */
  done?: { signature: string } | { error: Error };
}

/** One worker thread and the ring it shares with the main thread. */
class RingWorker {
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #ints: Int32Array;
  readonly #bytes: Buffer;
  /** What each slot is signing (undefined: free). */
  readonly #slots: (Pending | undefined)[] = new Array(SLOTS).fill(undefined);
  readonly #free: number[] = Array.from({ length: SLOTS }, (_, i) => SLOTS - 1 - i);
  /** Bodies waiting for a free slot. */
  readonly #queue: Pending[] = [];
  /**
   * Every body not yet answered, in the order sign() was called: answers are handed out in
   * that order (the worker reads slots in slot order), so two requests built one after the
   * other (a SessionEndedRequest, then the LaunchRequest of a new session) leave in order.
   */
  readonly #order: Pending[] = [];
  #inFlight = 0;
  #completed = 0;
  #waiting = false;
  #keyId: string | undefined;
  #gen = 0;
  /** Set once the worker is gone: later bodies are signed on the main thread. */
  dead: Error | undefined;

  constructor(private readonly keys: SigningKeyRing) {
    const sab = new SharedArrayBuffer(DATA_OFFSET + SLOTS * SLOT_BYTES);
    this.#ints = new Int32Array(sab, 0, HEADER_INTS);
    this.#bytes = Buffer.from(sab);
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        sab,
        port: port2,
        slots: SLOTS,
        dataOffset: DATA_OFFSET,
        slotBytes: SLOT_BYTES,
        bodyBytes: SLOT_BODY_BYTES,
        resultBytes: SLOT_RESULT_BYTES,
      },
      transferList: [port2],
    });
    this.#worker.unref();
    const gone = (error: Error) => {
      this.dead ??= error;
      for (const pending of this.#order) pending.reject(error);
      this.#order.length = 0;
      this.#slots.fill(undefined);
      this.#queue.length = 0;
      this.#inFlight = 0;
    };
    this.#worker.on("error", gone);
    this.#worker.on("exit", (code) => gone(new Error(`signing worker exited (${code})`)));
  }

  sign(body: Buffer): Promise<string> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { body, resolve, reject };
      this.#order.push(pending);
      const slot = this.#free.pop();
      if (slot === undefined) this.#queue.push(pending);
      else this.#submit(slot, pending);
      if (!this.#waiting) this.#wait();
    });
  }

  #submit(slot: number, pending: Pending): void {
    const key = this.keys.active;
    if (key.id !== this.#keyId) {
      // Posted before the slot is submitted, so the worker finds it when it reads the slot.
      this.#keyId = key.id;
      this.#port.postMessage({ gen: ++this.#gen, pem: key.privateKeyPem });
    }
    const h = 4 + slot * 4;
    pending.body.copy(this.#bytes, DATA_OFFSET + slot * SLOT_BYTES);
    this.#ints[h + 1] = pending.body.length;
    this.#ints[h + 3] = this.#gen;
    this.#slots[slot] = pending;
    if (this.#inFlight++ === 0) this.#worker.ref();
    Atomics.store(this.#ints, h, SUBMITTED_STATE);
    Atomics.add(this.#ints, SUBMITTED, 1);
    Atomics.notify(this.#ints, SUBMITTED);
  }

  /** Waits (without blocking) for the worker to complete slots, then collects them. */
  #wait(): void {
    while (this.#inFlight > 0 && !this.#waiting) {
      const result = waitAsync(this.#ints, COMPLETED, this.#completed);
      if (result.async) {
        this.#waiting = true;
        result.value.then(() => {
          this.#waiting = false;
          this.#collect();
          this.#wait();
        });
        return;
      }
      this.#collect();
    }
  }

  #collect(): void {
    this.#completed = Atomics.load(this.#ints, COMPLETED);
    for (let slot = 0; slot < SLOTS; slot++) {
      const pending = this.#slots[slot];
      if (!pending) continue;
      const h = 4 + slot * 4;
      const state = Atomics.load(this.#ints, h);
      if (state !== DONE && state !== FAILED) continue;
      const start = DATA_OFFSET + slot * SLOT_BYTES + SLOT_BODY_BYTES;
      const text = this.#bytes.toString(
        state === DONE ? "latin1" : "utf8",
        start,
        start + this.#ints[h + 2]!,
      );
      Atomics.store(this.#ints, h, FREE);
      this.#slots[slot] = undefined;
      this.#inFlight--;
      const next = this.#queue.shift();
      if (next) this.#submit(slot, next);
      else this.#free.push(slot);
      pending.done =
        state === DONE ? { signature: text } : { error: new Error(`signing failed: ${text}`) };
    }
    while (this.#order[0]?.done) {
      const { done, resolve, reject } = this.#order.shift()!;
      if ("signature" in done!) resolve(done.signature);
      else reject(done!.error);
    }
    if (this.#inFlight === 0) this.#worker.unref();
  }

  async close(): Promise<void> {
    this.#port.close();
    await this.#worker.terminate();
  }
}

export class WorkerPoolSigner implements BodySigner {
  readonly #workers: RingWorker[] = [];
  readonly #inline: InlineSigner;
  #next = 0;

  constructor(keys: SigningKeyRing, size: number) {
    this.#inline = new InlineSigner(keys);
    for (let i = 0; i < size; i++) this.#workers.push(new RingWorker(keys));
  }

  sign(body: Buffer): Promise<string> {
    const worker = this.#workers[this.#next++ % this.#workers.length]!;
    // A body larger than a slot (rare: session attributes near their limit), or a worker that
    // died: signed here, the same signature.
    if (body.length > SLOT_BODY_BYTES || worker.dead) return this.#inline.sign(body);
    return worker.sign(body);
  }

  async close() {
    await Promise.all(this.#workers.map((worker) => worker.close()));
  }
}

export function createSigner(keys: SigningKeyRing, workers: number): BodySigner {
  return workers > 0 ? new WorkerPoolSigner(keys, workers) : new InlineSigner(keys);
}
