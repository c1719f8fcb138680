// clover chat: a conversation with the platform as a CIC device. Utterances as arguments are
// one conversation; without them, an interactive prompt (node:readline).
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { CicDirectiveMessage, DeviceAlerts, DeviceClient } from "@clover/device";
import type { Command } from "commander";
import { ManagementApi, type TurnExchange } from "../core/api.js";
import { outputOf, withPlatform } from "../core/command.js";
import { connectDevice, reachable } from "../core/device.js";
import { EXIT } from "../core/errors.js";
import type { Output } from "../core/output.js";
import { findAdminToken, platformUrl, readSettings } from "../core/settings.js";
import { keepAlerts } from "../device/alerts.js";
import { TERMINAL_CONTEXT } from "../device/context.js";
import { findPlayer, NO_PLAYER, play, spokenAudio } from "../device/player.js";
import { nameOf, printAnswer, summarize } from "../device/render.js";
import { TURN_LOG_PATH } from "../serve/turn-log.js";

interface ChatOptions {
  url?: string;
  token?: string;
  verbose?: boolean;
  audio?: boolean;
  newSession?: boolean;
}

/** Milliseconds as people read them: one decimal under 10 ms, whole numbers above. */
export const formatMs = (ms: number) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));

interface LastTurn {
  at: string;
  extensionId?: string;
  expectSpeech: boolean;
}

interface TurnDetails {
  durationMs: number;
  result: {
    extensionId?: string;
    intent?: { name: string; slots: Record<string, unknown> };
    exchange?: TurnExchange;
  };
}

class Chat {
  private failed = false;
  private warnedNoLog = false;
  /** Set once "no MP3 player" was said: later answers are not played (nor warned about). */
  noPlayer = false;
  readonly turns: unknown[] = [];
  /** Alerts this device keeps and rings (docs/alerts.md). */
  readonly alerts: DeviceAlerts;

  constructor(
    private readonly out: Output,
    private readonly client: DeviceClient,
    private readonly deviceId: string,
    private readonly options: ChatOptions,
    private readonly log: ManagementApi | undefined,
  ) {
    this.alerts = keepAlerts(client, out, () => [...TERMINAL_CONTEXT]);
  }

  /** DeviceControl.ReportState with what the device says it is (cic.md §9.4), unawaited. */
  reportState(): void {
    this.client
      .sendEvent(
        { namespace: "DeviceControl", name: "ReportState", payload: {} },
        { context: this.alerts.context() },
      )
      .catch(() => {});
  }

  get exitCode(): number {
    return this.failed ? EXIT.failure : EXIT.ok;
  }

  async say(text: string, echo: boolean): Promise<void> {
    const { out } = this;
    if (echo) out.line(`${out.c.green("you›")} ${text}`);
    const dialogRequestId = randomUUID();
    const started = performance.now();
    const response = await out.progress(
      "thinking",
      this.client.sendText(text, { dialogRequestId, context: this.alerts.context() }),
    );
    const ms = Math.round(performance.now() - started);
    if (response.status !== 200 && response.status !== 204) this.failed = true;
    const details = this.options.verbose ? await this.details(dialogRequestId) : undefined;
    const turn = {
      utterance: text,
      ...summarize(response),
      ms,
      ...(details ? { turn: details } : {}),
    };
    this.turns.push(turn);
    if (out.json) return;
    printAnswer(out, response, ms);
    await this.alerts.handle(response.directives);
    if (this.options.verbose) this.printVerbose(response.directives, details);
    if (this.options.audio && !this.noPlayer) await this.playAudio(spokenAudio(response));
  }

  /** The device's last logged turn, when the platform keeps a turn log. */
  async lastTurn(): Promise<LastTurn | undefined> {
    if (!this.log) return undefined;
    try {
      const { turns } = await this.log.request<{ turns: LastTurn[] }>(
        "GET",
        `${TURN_LOG_PATH}?deviceId=${encodeURIComponent(this.deviceId)}&limit=1`,
      );
      return turns[0];
    } catch {
      return undefined;
    }
  }

  /** Ends an open session the way a user does: an exit phrase (nothing is printed). */
  async endSession(): Promise<void> {
    await this.client.sendText("exit", { dialogRequestId: randomUUID() });
  }

  private async details(dialogRequestId: string): Promise<TurnDetails | undefined> {
    if (!this.log) return undefined;
    try {
      const { turns } = await this.log.request<{ turns: TurnDetails[] }>(
        "GET",
        `${TURN_LOG_PATH}?deviceId=${encodeURIComponent(this.deviceId)}&dialogRequestId=${dialogRequestId}`,
      );
      return turns[0];
    } catch {
      return undefined;
    }
  }

  private printVerbose(
    directives: { header: { namespace: string; name: string } }[],
    details?: TurnDetails,
  ) {
    const { out } = this;
    const block = (title: string, value: unknown) => {
      out.line(out.c.dim(`  ── ${title}`));
      out.line(
        JSON.stringify(value, null, 2)
          .split("\n")
          .map((l) => `  ${l}`)
          .join("\n"),
      );
    };
    if (!details) {
      if (!this.warnedNoLog) {
        this.warnedNoLog = true;
        out.warn(
          `this platform shows no turn details (${TURN_LOG_PATH}: needs \`clover serve\` and the admin token); showing the CIC directives`,
        );
      }
      block("CIC directives", directives);
      return;
    }
    const r = details.result;
    out.line(
      out.c.dim(
        `  intent ${r.intent?.name ?? "-"} ${JSON.stringify(r.intent?.slots ?? {})}  extension ${r.extensionId ?? "-"}  turn ${formatMs(details.durationMs)} ms`,
      ),
    );
    if (r.exchange) {
      block(`CEK request → ${r.extensionId}`, r.exchange.request);
      if (r.exchange.response !== undefined)
        block(`CEK response (${formatMs(r.exchange.durationMs)} ms)`, r.exchange.response);
      if (r.exchange.error) out.line(out.c.red(`  CEK error: ${r.exchange.error}`));
      for (const warning of r.exchange.warnings ?? [])
        out.line(out.c.yellow(`  CEK warning: ${warning}`));
    } else out.line(out.c.dim("  (no extension was called)"));
    const names = directives.map((d) => nameOf(d as never)).join(", ");
    out.line(out.c.dim(`  ── CIC directives: ${names}`));
  }

  private async playAudio(audio: Buffer[]): Promise<void> {
    if (audio.length === 0) {
      this.out.warn(
        "no speech audio in the answer (the platform has no TTS engine: `clover serve --tts auto`)",
      );
      return;
    }
    try {
      await play(audio);
    } catch (error) {
      this.noPlayer = true;
      this.out.warn((error as Error).message);
    }
  }
}

export function registerChat(program: Command): void {
  withPlatform(
    program
      .command("chat")
      .description("talk to the platform as a device: type what the user says")
      .argument("[utterances...]", "say these in order (one conversation) and exit")
      .option("-v, --verbose", "show the intent, the CEK request and response, and timings")
      .option("--audio", "play the spoken answer (mpg123, ffplay or mpv)")
      .option("--new-session", "end a conversation left open by an earlier run, then start")
      .addHelpText(
        "after",
        '\nExamples:\n  clover chat "ask dice to roll two dice"\n  clover chat "open dice" "roll three dice" "no"\n  clover chat --verbose',
      ),
  ).action(async (utterances: string[], o: ChatOptions, command: Command) => {
    const out = outputOf(command);
    const settings = readSettings();
    const url = platformUrl(o.url, settings);
    let chat: Chat | undefined;
    let reportWanted = false;
    const onDirective = (d: CicDirectiveMessage) => {
      // Asked on connecting (cic.md §13.1): the device reports its state, which is not news.
      if (nameOf(d) === "DeviceControl.ExpectReportState") {
        if (chat) chat.reportState();
        else reportWanted = true;
        return;
      }
      if (!out.json) out.line(`${out.c.yellow("↓")} ${nameOf(d)} ${JSON.stringify(d.payload)}`);
      void chat?.alerts.handle([d]).catch(() => {});
    };
    // A token the platform no longer knows (its data was reset): logged in again, or registered.
    const { profile, client } = await connectDevice(
      url,
      o.token,
      (opened) => opened.openDownchannel(onDirective),
      { settings, progress: (text, work) => out.progress(text, work) },
    );
    const adminToken = findAdminToken(o.token, url, settings);
    const log = adminToken ? new ManagementApi(url, adminToken, 5000) : undefined;
    chat = new Chat(out, client, profile.deviceId, o, log);
    if (reportWanted) chat.reportState();
    if (o.audio && !findPlayer()) {
      out.warn(NO_PLAYER);
      chat.noPlayer = true;
    }
    try {
      await startOrContinue(out, chat, o.newSession === true);
      if (utterances.length > 0) {
        for (const text of utterances) await reachable(url, chat.say(text, true));
      } else await interactive(out, chat, url);
      out.data(chat.turns);
    } finally {
      chat.alerts.stop();
      client.close();
    }
    process.exitCode = chat.exitCode;
  });
}

/** An earlier run's conversation may still be open on the platform: say so, or end it. */
async function startOrContinue(out: Output, chat: Chat, fresh: boolean): Promise<void> {
  if (fresh) {
    await chat.endSession();
    return;
  }
  const last = await chat.lastTurn();
  if (last?.expectSpeech && last.extensionId)
    out.info(
      out.ce.dim(
        `note: this device's conversation with ${last.extensionId} (last turn ${last.at.slice(11, 19)}) is still open: what you say continues it; --new-session starts fresh`,
      ),
    );
}

async function interactive(out: Output, chat: Chat, url: string): Promise<void> {
  const tty = process.stdin.isTTY === true;
  if (tty && !out.json)
    out.line(out.c.dim(`Talking to ${url}. Type what the user says; .quit or Ctrl-D ends.`));
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
  const prompt = () => {
    if (tty) rl.prompt();
  };
  rl.setPrompt(out.c.green("you› "));
  rl.on("SIGINT", () => rl.close()); // Ctrl-C on the prompt ends the conversation
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === ".quit" || line === ".exit") break;
    if (line !== "") {
      try {
        await reachable(url, chat.say(line, !tty));
      } catch (error) {
        rl.close();
        throw error;
      }
    }
    prompt();
  }
  rl.close();
}
