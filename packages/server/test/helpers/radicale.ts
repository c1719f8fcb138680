// A real CalDAV server for tests: Debian's Radicale on a free loopback port, with one user
// (htpasswd, plain) and a throwaway storage folder. Stopped by pid.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Radicale {
  url: string;
  port: number;
  users: Record<string, string>;
  /** Radicale's storage folder (collections live under `collection-root/<user>/<name>/`). */
  storage: string;
  /** Changes a password on the server (as a user would on their calendar account). */
  setPassword(user: string, password: string): void;
  stop(): Promise<void>;
}

/** A loopback port nothing listens on (at the time of asking). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startRadicale(
  users: Record<string, string> = { alice: "wonderland" },
): Promise<Radicale> {
  const dir = mkdtempSync(join(tmpdir(), "clover-radicale-"));
  const port = await freePort();
  const writeUsers = () =>
    writeFileSync(
      join(dir, "users"),
      Object.entries(users)
        .map(([user, password]) => `${user}:${password}`)
        .join("\n"),
    );
  writeUsers();
  writeFileSync(
    join(dir, "config"),
    [
      "[server]",
      `hosts = 127.0.0.1:${port}`,
      "[auth]",
      "type = htpasswd",
      `htpasswd_filename = ${join(dir, "users")}`,
      "htpasswd_encryption = plain",
      "delay = 0",
      "[storage]",
      `filesystem_folder = ${join(dir, "collections")}`,
      "[rights]",
      "type = owner_only",
      "[logging]",
      "level = warning",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn("radicale", ["--config", join(dir, "config")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`radicale exited: ${stderr}`);
    try {
      const response = await fetch(`${url}/.web/`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`radicale did not start on ${url}: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    port,
    users,
    storage: join(dir, "collections"),
    setPassword(user, password) {
      users[user] = password;
      writeUsers();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a calendar collection with MKCALENDAR (RFC 4791 §5.3.1); returns its URL. */
export async function makeCalendar(
  server: Radicale,
  user: string,
  name = "personal",
): Promise<string> {
  const url = `${server.url}/${user}/${name}/`;
  const response = await fetch(url, {
    method: "MKCALENDAR",
    headers: { authorization: basic(user, server.users[user] ?? "") },
  });
  if (response.status !== 201) throw new Error(`MKCALENDAR ${url}: ${response.status}`);
  return url;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}
