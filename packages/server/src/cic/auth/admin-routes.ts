// Management endpoints for device credentials (admin token required):
//   POST /api/v1/device-clients {"name"}  → {"clientId","clientSecret"}   (secret shown once)
//   POST /api/v1/accounts {"userId"?}     → {"userId","accountToken"}     (token shown once)
import type { AnyRequest, AnyResponse } from "../../api/http.js";
import type { DeviceAuthority } from "./authority.js";

export interface AdminCheck {
  /** Throws an error with `status` and `message` when the request lacks the admin token. */
  check(req: AnyRequest): void;
}

const ROUTES = new Set(["/api/v1/device-clients", "/api/v1/accounts"]);
const MAX_BODY = 16 * 1024;

function reply(res: AnyResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

async function readJson(req: AnyRequest): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY)
      throw Object.assign(new Error(`body is larger than ${MAX_BODY} bytes`), { status: 413 });
    chunks.push(chunk);
  }
  if (size === 0) return {};
  const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw Object.assign(new Error("body: expected a JSON object"), { status: 400 });
  return value as Record<string, unknown>;
}

/** Returns true when it answered the request. */
export async function handleDeviceAdmin(
  authority: DeviceAuthority,
  admin: AdminCheck,
  req: AnyRequest,
  res: AnyResponse,
): Promise<boolean> {
  const path = (req.url ?? "/").split("?")[0]!;
  if (!ROUTES.has(path)) return false;
  try {
    if (req.method !== "POST")
      throw Object.assign(new Error(`${path} expects POST`), { status: 405 });
    admin.check(req);
    const body = await readJson(req);
    if (path === "/api/v1/device-clients") {
      const name = body["name"];
      if (typeof name !== "string" || name.trim() === "")
        throw Object.assign(new Error("name: expected non-empty string"), { status: 400 });
      reply(res, 201, await authority.registerClient(name));
    } else {
      const userId = body["userId"];
      if (
        userId !== undefined &&
        (typeof userId !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(userId))
      )
        throw Object.assign(new Error("userId: expected 1-64 letters, digits, _ or -"), {
          status: 400,
        });
      reply(res, 201, await authority.createAccount(userId as string | undefined));
    }
  } catch (error) {
    const status =
      (error as { status?: number }).status ?? (error instanceof SyntaxError ? 400 : 500);
    const code = status === 401 ? "unauthorized" : status >= 500 ? "internal" : "bad_request";
    const message =
      error instanceof SyntaxError
        ? `body is not valid JSON: ${error.message}`
        : (error as Error).message;
    reply(res, status, { error: { code, message } });
  }
  return true;
}
