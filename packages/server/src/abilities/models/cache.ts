// Compiled models kept on disk between processes: compiling is pure (the same model document,
// options and compiler always give the same recognizer) and costs seconds of CPU, rebuilding a
// recognizer from its snapshot milliseconds. Every process starting with the same models —
// each node of a cluster, each restart, each test process — compiles them once between them.
//
// An entry is the v8 serialization of a RecognizerSnapshot, named by the SHA-256 of the model
// document, the compile options, the compiler (the @clover/nlu files, hashed) and V8's version:
// a changed model or compiler is another name, never a stale recognizer. Entries are written
// to a temporary name and renamed (readers never see half a file); an entry that does not read
// back is removed and the model compiled. The directory is the process owner's only (0700,
// checked before use); past MAX_BYTES the least recently used entries are removed.
//
// The directory is the platform's `modelCacheDir` (CLOVER_MODEL_CACHE_DIR, default
// `clover-models-<uid>` in the system's temporary directory; `off`: every process compiles),
// set once per process by the platform and handed to the compile worker with each request.
import { createHash } from "node:crypto";
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import {
  type CompileOptions,
  compileModel,
  type Recognizer,
  type RecognizerSnapshot,
  recognizerFromSnapshot,
  recognizerSnapshot,
} from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";

/** The cache's size bound: past it the least recently used entries go. */
export const MAX_BYTES = 256 * 1024 * 1024;

/**
 * Models this process got from the cache or compiled itself (on its worker thread included,
 * counted when the answer arrives: compile.ts), and entries that could not be read or written.
 */
export const modelCacheStats = { loaded: 0, compiled: 0, failures: 0 };

let configured: string | undefined;

/** The directory this process's compiles use (undefined: no cache). */
export function setModelCacheDir(dir: string | undefined): void {
  configured = dir;
}

export function modelCacheDir(): string | undefined {
  return configured;
}

interface Cache {
  dir: string;
  compiler: string;
}

const checked = new Map<string, Cache | null>();
let fingerprint: string | undefined;

/** The cache in `dir`, made and checked on first use; null when it is not safe to use. */
function cache(dir: string | undefined): Cache | null {
  if (dir === undefined) return null;
  const known = checked.get(dir);
  if (known !== undefined) return known;
  let found: Cache | null = null;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    // Another user's directory (or a link to one) could hand us recognizers they made.
    const own = typeof process.getuid !== "function" || stat.uid === process.getuid();
    if (stat.isDirectory() && own && (stat.mode & 0o022) === 0) {
      fingerprint ??= compilerFingerprint();
      found = { dir, compiler: fingerprint };
    }
  } catch {}
  checked.set(dir, found);
  return found;
}

/** SHA-256 over every file of the @clover/nlu package as this process loads it, and V8's version. */
function compilerFingerprint(): string {
  const entry = fileURLToPath(import.meta.resolve("@clover/nlu"));
  const hash = createHash("sha256").update(process.versions.v8);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(name).update(readFileSync(path));
    }
  };
  walk(dirname(entry));
  return hash.digest("hex");
}

function entryPath(c: Cache, model: InteractionModel, options: CompileOptions | undefined): string {
  const key = createHash("sha256")
    .update(c.compiler)
    .update(JSON.stringify(options ?? {}))
    .update(JSON.stringify(model))
    .digest("hex");
  return join(c.dir, `${key}.snapshot`);
}

/** The snapshot compiled earlier for this model and these options, if the cache has it. */
export function cachedSnapshot(
  model: InteractionModel,
  options: CompileOptions | undefined,
  dir = configured,
): RecognizerSnapshot | undefined {
  const c = cache(dir);
  if (!c) return undefined;
  const path = entryPath(c, model, options);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  try {
    const snapshot = deserialize(bytes) as RecognizerSnapshot;
    if (snapshot?.format !== 1) throw new Error("not a recognizer snapshot");
    const now = new Date();
    utimesSync(path, now, now);
    return snapshot;
  } catch {
    modelCacheStats.failures++;
    rmSync(path, { force: true });
    return undefined;
  }
}

/** Keeps a snapshot for the next process; a cache that cannot be written is skipped. */
export function storeSnapshot(
  model: InteractionModel,
  options: CompileOptions | undefined,
  snapshot: RecognizerSnapshot,
  dir = configured,
): void {
  const c = cache(dir);
  if (!c) return;
  const path = entryPath(c, model, options);
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, serialize(snapshot), { mode: 0o600 });
    renameSync(temporary, path);
    prune(c.dir);
  } catch {
    modelCacheStats.failures++;
    rmSync(temporary, { force: true });
  }
}

/** Removes the least recently used entries while the directory holds more than MAX_BYTES. */
function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((name) => name.endsWith(".snapshot"))
    .flatMap((name) => {
      try {
        const stat = statSync(join(dir, name));
        return [{ path: join(dir, name), size: stat.size, used: stat.mtimeMs }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.used - b.used);
  let total = entries.reduce((sum, e) => sum + e.size, 0);
  for (const entry of entries) {
    if (total <= MAX_BYTES) break;
    rmSync(entry.path, { force: true });
    total -= entry.size;
  }
}

/** The recognizer the cache has for this model and these options, if any (milliseconds). */
export function loadCached(
  model: InteractionModel,
  options?: CompileOptions,
): Recognizer | undefined {
  const cached = cachedSnapshot(model, options);
  if (!cached) return undefined;
  try {
    const recognizer = recognizerFromSnapshot(cached);
    modelCacheStats.loaded++;
    return recognizer;
  } catch {
    modelCacheStats.failures++;
    return undefined;
  }
}

/** The recognizer from the cache, else compiled on this thread (and kept for the next process). */
export function compileCached(model: InteractionModel, options?: CompileOptions): Recognizer {
  const cached = loadCached(model, options);
  if (cached) return cached;
  const recognizer = compileModel(model, options);
  modelCacheStats.compiled++;
  storeSnapshot(model, options, recognizerSnapshot(recognizer));
  return recognizer;
}
