// clover device: the reference CIC device client from the terminal.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { createInterface } from "node:readline";
import type { CicDirectiveMessage, DeviceClient, EventResponse } from "@clover/device";
import type { Command } from "commander";
import { outputOf, withPlatform } from "../core/command.js";
import {
  connectDevice,
  currentDevice,
  deviceClient,
  logInAgain,
  logInByDeviceCode,
  reachable,
  registerClient,
  registerDevice,
} from "../core/device.js";
import { CliError, EXIT } from "../core/errors.js";
import type { Output } from "../core/output.js";
import { type DeviceProfile, platformUrl, readSettings, updateSettings } from "../core/settings.js";
import { ALERT_EVENTS_WAIT_MS, AlertWork, keepAlerts, within } from "../device/alerts.js";
import { TERMINAL_CONTEXT } from "../device/context.js";
import { nameOf, printAnswer, summarize } from "../device/render.js";
import { TerminalDevice } from "../device/terminal.js";
import { toCicPcm } from "../device/wav.js";

interface LoginOptions {
  url?: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  accountToken?: string;
  deviceId?: string;
  modelId?: string;
  name?: string;
  guest?: boolean;
  user?: string;
  deviceCode?: boolean;
}

const urlOf = (command: Command) =>
  platformUrl((command.optsWithGlobals() as { url?: string }).url);

/** The stored device and its client, its downchannel not opened (ping). */
async function stored(command: Command) {
  const url = urlOf(command);
  const profile = await currentDevice(url, (command.optsWithGlobals() as { token?: string }).token);
  return { url, profile, client: deviceClient(url, profile) };
}

/**
 * The stored device with its downchannel opened by `open` (cic.md §2.5: before any event); a
 * token the platform no longer knows is recovered as `clover chat` does (connectDevice).
 */
async function connected<T>(command: Command, open: (client: DeviceClient) => Promise<T>) {
  const url = urlOf(command);
  const token = (command.optsWithGlobals() as { token?: string }).token;
  return { url, ...(await connectDevice(url, token, open)) };
}

const downchannel = async (client: DeviceClient) => {
  await client.openDownchannel();
};

function printProfile(out: Output, url: string, p: DeviceProfile) {
  out.result(
    {
      url,
      deviceId: p.deviceId,
      clientId: p.clientId,
      userId: p.userId ?? null,
      expiresAt: p.expiresAt,
      ...(p.deviceCode ? { linkedBy: "device-code" } : {}),
    },
    () => {
      out.line(`${out.c.green("✔")} device ${out.c.bold(p.deviceId)} logged in to ${url}`);
      const who = p.userId
        ? `account ${p.userId}`
        : p.deviceCode
          ? "the account that approved the code"
          : "guest mode";
      out.line(`  client ${p.clientId}, ${who}`);
    },
  );
}

function printResponse(out: Output, response: EventResponse, ms: number) {
  out.result({ ...summarize(response), ms }, () => printAnswer(out, response, ms));
  if (response.status >= 400) process.exitCode = EXIT.failure;
}

export function registerDeviceCommands(program: Command): void {
  const device = program
    .command("device")
    .description("act as a CIC device: register, log in, listen, send text, audio, ping");

  withPlatform(
    device
      .command("register")
      .description("register a new device client and account (admin token) and log in")
      .option("--name <name>", "device client name", `clover CLI on ${hostname()}`)
      .option("--device-id <id>", "device id (default: generated)")
      .option("--model-id <id>", "device model id", "clover-cli")
      .option("--user <userId>", "account user id (default: generated)")
      .option("--guest", "no account: guest mode"),
  ).action(async (o: LoginOptions, command: Command) => {
    const out = outputOf(command);
    const url = urlOf(command);
    const profile = await out.progress(
      "registering",
      registerDevice(url, o.token, {
        ...(o.name ? { name: o.name } : {}),
        ...(o.deviceId ? { deviceId: o.deviceId } : {}),
        ...(o.modelId ? { modelId: o.modelId } : {}),
        ...(o.user ? { userId: o.user } : {}),
        guest: o.guest === true,
      }),
    );
    printProfile(out, url, profile);
  });

  withPlatform(
    device
      .command("login")
      .description("log the device in: stored credentials, given ones, or a new registration")
      .option("--client-id <id>", "device client id (from POST /api/v1/device-clients)")
      .option("--client-secret <secret>", "device client secret")
      .option("--account-token <token>", "account token (from POST /api/v1/accounts); else guest")
      .option("--device-id <id>", "device id", `cli-${hostname().replace(/[^A-Za-z0-9_-]/g, "")}`)
      .option("--model-id <id>", "device model id", "clover-cli")
      .option("--device-code", "link to an account by a code someone approves in the console"),
  ).action(async (o: LoginOptions, command: Command) => {
    const out = outputOf(command);
    const url = urlOf(command);
    const stored = readSettings().devices?.[url];
    let profile: DeviceProfile;
    if ((o.clientId || o.clientSecret) && (!o.clientId || !o.clientSecret))
      throw new CliError("--client-id and --client-secret go together", EXIT.usage);
    if (o.deviceCode) {
      if (o.accountToken)
        throw new CliError("--device-code and --account-token exclude each other", EXIT.usage);
      const base: DeviceProfile = o.clientId
        ? {
            clientId: o.clientId,
            clientSecret: o.clientSecret!,
            deviceId: o.deviceId!,
            modelId: o.modelId!,
          }
        : (stored ??
          (await out.progress(
            "registering",
            registerClient(url, o.token, { deviceId: o.deviceId!, modelId: o.modelId! }),
          )));
      profile = await logInByDeviceCode(url, base, (a) => {
        out.info(`To link device ${out.ce.bold(base.deviceId)}, open`);
        out.info(`  ${a.verification_uri_complete}`);
        out.info(`or go to ${a.verification_uri} and enter the code ${out.ce.bold(a.user_code)}`);
        out.info(
          out.ce.dim(
            `waiting for approval (the code expires in ${Math.round(a.expires_in / 60)} min)…`,
          ),
        );
      });
    } else if (o.clientId) {
      profile = await out.progress(
        "logging in",
        logInAgain(url, {
          clientId: o.clientId,
          clientSecret: o.clientSecret!,
          deviceId: o.deviceId!,
          modelId: o.modelId!,
          ...(o.accountToken ? { accountToken: o.accountToken } : {}),
        }),
      );
    } else if (stored) profile = await out.progress("logging in", logInAgain(url, stored));
    else profile = await out.progress("registering", registerDevice(url, o.token));
    printProfile(out, url, profile);
  });

  withPlatform(
    device.command("listen").description("open the downchannel and print directives until Ctrl-C"),
  ).action(async (_o, command: Command) => {
    const out = outputOf(command);
    const print = (d: CicDirectiveMessage) =>
      out.json
        ? process.stdout.write(`${JSON.stringify(d)}\n`)
        : out.line(
            `${out.c.dim(new Date().toISOString())} ${out.c.yellow(nameOf(d))} ${JSON.stringify(d.payload)}`,
          );
    const stopped = new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    // The device keeps and rings its alerts (cic.md §9.1), in sync from the start.
    const work = new AlertWork();
    // What follows the Hello in its first chunk (e.g. ExpectReportState, cic.md §13.1) is
    // handed over before the Hello itself is: printed after it.
    let early: CicDirectiveMessage[] | undefined = [];
    const { url, client, opened } = await connected(command, async (opening) => {
      const kept = keepAlerts(opening, out, () => [...TERMINAL_CONTEXT]);
      try {
        const first = await opening.openDownchannel((d) => {
          if (early) early.push(d);
          else print(d);
          work.track(kept.handle([d]));
        });
        return { alerts: kept, hello: first };
      } catch (error) {
        kept.stop();
        throw error;
      }
    });
    const { alerts, hello } = opened;
    print(hello);
    for (const d of early ?? []) print(d);
    early = undefined;
    await alerts.synchronize();
    out.info(
      out.ce.dim(`downchannel open on ${url}; ${alerts.all.length} alert(s) kept; Ctrl-C stops`),
    );
    await stopped;
    // The events of the alerts directives being acted on leave before the connection closes.
    alerts.stop();
    await within(work.settled(), ALERT_EVENTS_WAIT_MS);
    client.close();
  });

  withPlatform(
    device
      .command("send-text")
      .description("send TextRecognizer.Recognize and print the directives")
      .argument("<text>", "what the user types"),
  ).action(async (text: string, _o, command: Command) => {
    const out = outputOf(command);
    const { url, client } = await connected(command, downchannel);
    const started = performance.now();
    try {
      const response = await reachable(
        url,
        out.progress("waiting", client.sendText(text, { context: [...TERMINAL_CONTEXT] })),
      );
      printResponse(out, response, Math.round(performance.now() - started));
    } finally {
      client.close();
    }
  });

  withPlatform(
    device
      .command("send-audio")
      .description("send SpeechRecognizer.Recognize with a WAV file (converted to 16 kHz mono)")
      .argument("<wav>", "WAV file (PCM or float; any rate and channel count)")
      .option("--lang <lang>", "language of the speech (en, ja, ko)", "en"),
  ).action(async (file: string, o: { lang: string }, command: Command) => {
    const out = outputOf(command);
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch (error) {
      throw new CliError(`${file}: ${(error as NodeJS.ErrnoException).code}`, EXIT.usage);
    }
    const { pcm, source, seconds } = toCicPcm(file, data);
    out.info(
      out.ce.dim(
        `${file}: ${seconds.toFixed(2)} s, ${source.sampleRate} Hz, ${source.channels} channel(s) → 16 kHz mono`,
      ),
    );
    const { url, client, profile } = await connected(command, downchannel);
    let deviceUUID = profile.deviceUUID;
    if (!deviceUUID) {
      deviceUUID = randomUUID();
      const id = deviceUUID;
      updateSettings((s) => {
        const stored = s.devices?.[url];
        if (stored) stored.deviceUUID = id;
      });
    }
    const started = performance.now();
    try {
      const response = await reachable(
        url,
        out.progress(
          "recognizing",
          client.sendEvent(
            {
              namespace: "SpeechRecognizer",
              name: "Recognize",
              payload: {
                lang: o.lang,
                profile: "CLOSE_TALK",
                format: "AUDIO_L16_RATE_16000_CHANNELS_1",
                initiator: { type: "PRESS_AND_HOLD", inputSource: "SELF", payload: { deviceUUID } },
              },
            },
            { dialogRequestId: randomUUID(), audio: pcm },
          ),
        ),
      );
      printResponse(out, response, Math.round(performance.now() - started));
    } finally {
      client.close();
    }
  });

  withPlatform(
    device.command("ping").description("GET /ping over the device's HTTP/2 connection"),
  ).action(async (_o, command: Command) => {
    const out = outputOf(command);
    const { url, client } = await stored(command);
    const started = performance.now();
    try {
      const status = await reachable(url, client.ping());
      const ms = Math.round(performance.now() - started);
      out.result({ url, status, ms }, () =>
        out.line(
          `${status === 204 || status === 200 ? out.c.green("✔") : out.c.red("✖")} ${url}/ping ${status} in ${ms} ms`,
        ),
      );
      if (status >= 400) process.exitCode = EXIT.failure;
    } finally {
      client.close();
    }
  });

  withPlatform(
    device
      .command("run")
      .description(
        "be a device in this terminal: type what you say, see what it shows, plays, rings and reports",
      )
      .argument("[utterances...]", "said in order before reading the terminal (or instead of it)")
      .option("--display <size>", "screen: none, s100, m100, l100, xl100", "none")
      .option("--speed <factor>", "media time per real second", "1")
      .option(
        "--for <seconds>",
        "with utterances: keep running this long after them, then exit",
        "0",
      )
      .option("--verbose", "also show the speech events the device sends"),
  ).action(
    async (
      utterances: string[],
      o: { display: string; speed: string; for: string; verbose?: boolean },
      command: Command,
    ) => {
      const out = outputOf(command);
      const displays = ["none", "s100", "m100", "l100", "xl100"] as const;
      const display = displays.find((d) => d === o.display);
      if (!display)
        throw new CliError(`--display: expected one of ${displays.join(", ")}`, EXIT.usage);
      const speed = Number(o.speed);
      const linger = Number(o.for);
      if (!(speed > 0 && speed <= 100))
        throw new CliError("--speed: expected 0 < factor ≤ 100", EXIT.usage);
      if (!(linger >= 0 && linger <= 86_400))
        throw new CliError("--for: expected seconds from 0 to 86400", EXIT.usage);
      const { url, opened: terminal } = await connected(command, async (client) => {
        const opening = new TerminalDevice(out, client, {
          display,
          speed,
          ...(o.verbose ? { verbose: true } : {}),
        });
        try {
          await opening.start();
          return opening;
        } catch (error) {
          await opening.close();
          throw error;
        }
      });
      try {
        out.info(
          out.ce.dim(
            `device on ${url}; ${terminal.alerts.all.length} alert(s) kept. Type what you say; :next :previous :pause :resume :stop press buttons, :state shows the device, :wait N lets N seconds pass, :quit ends.`,
          ),
        );
        const run = async (line: string): Promise<boolean> => {
          const text = line.trim();
          if (text === "") return true;
          if (!out.json) out.line(`${out.c.green("you›")} ${text}`);
          if (text === ":quit" || text === ":q") return false;
          const wait = /^:wait(?:\s+(\d{1,12}(?:\.\d{1,6})?))?(?:\s+(.*))?$/.exec(text);
          if (text === ":state") terminal.printState();
          else if (wait) {
            const seconds = Number(wait[1]);
            // A negative, huge, missing or wordy wait is refused by name, never slept on.
            if (wait[1] === undefined || wait[2] !== undefined || seconds > 3600)
              out.warn(
                `:wait: expected seconds from 0 to 3600, got ${JSON.stringify(text.slice(5).trim().slice(0, 40))}`,
              );
            else await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
          } else if (text.startsWith(":")) {
            try {
              await terminal.press(text.slice(1));
            } catch (error) {
              out.warn((error as Error).message);
            }
          } else await reachable(url, terminal.say(text));
          await terminal.settle();
          return true;
        };
        for (const text of utterances) await run(text);
        if (utterances.length > 0) {
          await new Promise((resolve) => setTimeout(resolve, linger * 1000));
          await terminal.settle();
          return;
        }
        const lines = createInterface({ input: process.stdin, terminal: process.stdin.isTTY });
        const stopped = new Promise<void>((resolve) => {
          process.once("SIGINT", () => resolve());
          process.once("SIGTERM", () => resolve());
          lines.once("close", () => resolve());
        });
        const reading = (async () => {
          for await (const line of lines) if (!(await run(line))) break;
        })();
        await Promise.race([reading, stopped]);
        lines.close();
      } finally {
        await terminal.close();
      }
    },
  );
}

export { registerDeviceCommands as registerDevice };
