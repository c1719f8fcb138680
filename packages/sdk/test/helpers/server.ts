// Starts real HTTP servers on 127.0.0.1 with an ephemeral port and posts to them.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function serve(listener: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(listener);
  return { url: await listen(server), server };
}

export function close(server: {
  close(cb: () => void): unknown;
  closeAllConnections?: () => void;
}) {
  return new Promise<void>((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

export interface Posted {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function post(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<Posted> {
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json;charset=UTF-8", ...headers },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
