// One Clover node in a process of its own (node.ts, with node-probe.ts preloaded), as the
// scale benches start them, and the questions they ask it (node-probe.ts, node.ts).
import { type ChildProcess, fork } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DeviceClient } from "@clover/device";
import { answer } from "../../packages/server/test/helpers/extension-server.js";

/** What the scale benches' devices say: one text turn to the bench's extension. */
export const TEXT = "ask bakery bot when are you open";
/** What a device reports with every event (cic.md §4): written to the device record each turn. */
export const TURN_CONTEXT = [
  { header: { namespace: "Device", name: "Display" }, payload: { size: "none" } },
  { header: { namespace: "Speaker", name: "VolumeState" }, payload: { volume: 7, muted: false } },
];

export interface Node {
  name: string;
  child: ChildProcess;
  url: string;
  devices: { client: DeviceClient; key: string }[];
}

/**
 * Forks `file` (node.ts, or another checkout's) as node `name` with `devices` devices logged in
 * and the bench's extension at `extensionUrl`; `env` adds to the process's environment.
 */
export async function forkNode(
  name: string,
  options: {
    env?: Record<string, string>;
    devices: number;
    extensionUrl: string;
    file?: string;
  },
): Promise<Node> {
  const child = fork(options.file ?? new URL("./node.ts", import.meta.url).pathname, [], {
    execArgv: [
      "--expose-gc",
      "--conditions=@clover/source",
      "--import",
      "tsx",
      "--import",
      new URL("./node-probe.ts", import.meta.url).pathname,
      // NODE_FLAGS: V8/Node flags for every node alike (e.g. --max-semi-space-size=32).
      ...(process.env["NODE_FLAGS"]?.split(" ").filter(Boolean) ?? []),
      // CPU_PROF=<dir>: a --cpu-prof profile of each node (bench/profile-summary.mjs reads it).
      ...(process.env["CPU_PROF"]
        ? [
            "--cpu-prof",
            // One directory per node: each thread (the loader's too) writes its own file.
            `--cpu-prof-dir=${process.env["CPU_PROF"]}/${name}`,
          ]
        : []),
    ],
    env: {
      ...process.env,
      NODE_ID: name,
      EXTENSION_URL: options.extensionUrl,
      DEVICES: String(options.devices),
      ...options.env,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await new Promise<{ url: string; devices: { token: string; key: string }[] }>(
    (resolve, reject) => {
      child.once("message", resolve as (m: unknown) => void);
      child.once("exit", (code) => reject(new Error(`node ${name} exited with ${code}`)));
    },
  );
  return {
    name,
    child,
    url: ready.url,
    devices: ready.devices.map(({ token, key }) => ({
      client: new DeviceClient({ url: ready.url, accessToken: token }),
      key,
    })),
  };
}

/** Asks a node's process for something and waits for its answer of that type. */
export function ask<T>(n: Node, type: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (m: { type: string }) => {
      if (m.type !== type) return;
      n.child.off("message", listener);
      resolve(m as T);
    };
    n.child.on("message", listener);
    n.child.send({ type });
  });
}

/** What the node's young and old collections did between `heap-start` and `heap-stop`. */
export interface Heap {
  allocated: number;
  promoted: number;
  kinds: Record<string, { count: number; ms: number; longest: number; oldMb: number }>;
  heapMb: number;
}

/** Closes the node's devices and the node, and waits for its process to end. */
export async function closeNode(n: Node): Promise<void> {
  for (const { client } of n.devices) client.close();
  const exited = new Promise((r) => (n.child.exitCode === null ? n.child.once("exit", r) : r(0)));
  n.child.send({ type: "close" });
  await exited;
}

/**
 * The benches' extension: answers every request at once with the same spoken text (no
 * signature check: the same for every side). Resolves with its URL and a close.
 */
export async function instantExtension(
  text: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const body = JSON.stringify(answer(text));
  const ext = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(body));
  });
  await new Promise<void>((resolve) => ext.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(ext.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => ext.close(() => resolve())),
  };
}
