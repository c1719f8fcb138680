// A conversation log for developers: every turn the assistant handled (utterance, intent,
// speech, the CEK request and response with timings), kept in memory per device and served at
//   GET /api/v1/turns?deviceId=<id>&dialogRequestId=<id>   (admin token)
// `clover chat --verbose` and remote dialog tests read it. Only `clover serve` installs it.
import type { CloverServer, Turn, TurnResult } from "@clover/server";

export interface LoggedTurn {
  at: string;
  deviceId: string;
  dialogRequestId?: string;
  kind: Turn["kind"];
  text?: string;
  event?: string;
  result: TurnResult;
  durationMs: number;
}

export const TURN_LOG_PATH = "/api/v1/turns";
const PER_DEVICE = 50;

export function installTurnLog(server: CloverServer): void {
  const { platform } = server;
  const log = new Map<string, LoggedTurn[]>();
  const assistant = platform.assistant;
  const handleTurn = assistant.handleTurn.bind(assistant);
  assistant.handleTurn = async (turn: Turn) => {
    const started = performance.now();
    const result = await handleTurn(turn);
    const entries = log.get(turn.device.deviceId) ?? [];
    entries.push({
      at: new Date().toISOString(),
      deviceId: turn.device.deviceId,
      ...(turn.dialogRequestId ? { dialogRequestId: turn.dialogRequestId } : {}),
      kind: turn.kind,
      ...(turn.kind === "text" ? { text: turn.text } : { event: `${turn.namespace}.${turn.name}` }),
      result,
      durationMs: Math.round(performance.now() - started),
    });
    if (entries.length > PER_DEVICE) entries.shift();
    log.set(turn.device.deviceId, entries);
    return result;
  };
  const management = platform.managementHandler;
  platform.managementHandler = (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== TURN_LOG_PATH || req.method !== "GET") return management(req, res);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    try {
      platform.adminAuth.check(req);
    } catch (error) {
      return reply(401, { error: { code: "unauthorized", message: (error as Error).message } });
    }
    const deviceId = url.searchParams.get("deviceId");
    const dialogRequestId = url.searchParams.get("dialogRequestId");
    let turns = deviceId ? (log.get(deviceId) ?? []) : [...log.values()].flat();
    if (dialogRequestId) turns = turns.filter((t) => t.dialogRequestId === dialogRequestId);
    reply(200, { turns });
  };
}
