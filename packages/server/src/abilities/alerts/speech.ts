// A reminder's text, spoken, as an audio asset of its SetAlert (cic.md §9.1: an http(s) URL of
// TTS audio that the device downloads in advance and plays when the alert rings, after the
// bell in assetPlayOrder). Devices fetch assets without their CIC token, so the URL is
// unguessable instead of authenticated: it carries a keyed digest of the alert's token, text
// and language under the platform's secret (the same on every node), and stops working when
// the reminder is deleted or its text changes. The audio is synthesized on request by the
// platform's TTS, so any node can serve it and nothing is stored.

import { timingSafeEqual } from "node:crypto";
import { type AnyRequest, type AnyResponse, ApiError } from "../../api/http.js";
import type { Language } from "../../assistant/turn.js";
import type { TextToSpeech } from "../../cic/speech-engines.js";
import type { AlertRecord, AlertStore } from "../../store/alerts.js";
import type { SecretBox } from "../../store/secret-box.js";
import { yours } from "./phrases.js";

export const SPEECH_PATH = /^\/alerts\/v1\/speech\/([0-9A-Za-z-]{1,64})\.mp3$/;
const MAC_PURPOSE = "alerts.speech";
/** Synthesis of one reminder must not hold a request longer than this. */
const SYNTHESIS_DEADLINE_MS = 20_000;

/** The words the device plays after the bell. */
export function reminderSpeech(alert: AlertRecord): { text: string; language: Language } {
  const label = alert.label ?? "";
  const language = (alert.language as Language | undefined) ?? guessLanguage(label);
  const text = {
    en: `Reminder: ${yours(label)}.`,
    ja: `リマインダーです。${label}。`,
    ko: `알림입니다. ${label}.`,
  }[language];
  return { text, language };
}

/** Alerts stored without a language (set before it was kept): the script of the text. */
function guessLanguage(text: string): Language {
  if (/[\uac00-\ud7af\u1100-\u11ff]/.test(text)) return "ko";
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) return "ja";
  return "en";
}

export class ReminderSpeech {
  constructor(
    private readonly secrets: SecretBox,
    private readonly tts: TextToSpeech,
    /** The platform's public base URL (CLOVER_PUBLIC_URL), read when a URL is made. */
    private readonly publicUrl: () => string,
    private readonly store: AlertStore,
  ) {}

  #key(alert: AlertRecord): string {
    const { language } = reminderSpeech(alert);
    return this.secrets.mac(MAC_PURPOSE, `${alert.token}\n${language}\n${alert.label ?? ""}`);
  }

  /** The asset URL of a reminder with a text; undefined for every other alert. */
  url(alert: AlertRecord): string | undefined {
    if (alert.type !== "REMINDER" || !alert.label) return undefined;
    const base = this.publicUrl().replace(/\/+$/, "");
    return `${base}/alerts/v1/speech/${encodeURIComponent(alert.token)}.mp3?key=${this.#key(alert)}`;
  }

  /** GET/HEAD of a reminder's audio; false when the path is not ours. */
  async serve(req: AnyRequest, res: AnyResponse, url: URL): Promise<boolean> {
    const match = SPEECH_PATH.exec(url.pathname);
    if (!match) return false;
    req.resume();
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD")
      throw new ApiError(405, "method_not_allowed", `${method} is not allowed; use GET`);
    const alert = await this.store.get(match[1]!);
    const given = Buffer.from(url.searchParams.get("key") ?? "");
    const expected = alert ? Buffer.from(this.#key(alert)) : Buffer.alloc(0);
    // One answer for "no such reminder" and "wrong key": the URL is the secret.
    if (!alert || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new ApiError(404, "not_found", "no reminder audio at this address");
    const { text, language } = reminderSpeech(alert);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), SYNTHESIS_DEADLINE_MS);
    });
    const audio = await Promise.race([this.tts.synthesize(text, language), deadline]).finally(() =>
      clearTimeout(timer),
    );
    if (audio === "timeout")
      throw new ApiError(504, "tts_timeout", "the reminder's speech took too long to synthesize");
    if (!audio)
      throw new ApiError(404, "no_voice", `the platform's TTS does not speak "${language}"`);
    res.writeHead(200, {
      "content-type": "audio/mpeg",
      "content-length": String(audio.length),
      "cache-control": "private, max-age=3600",
    });
    if (method === "HEAD") res.end();
    else res.end(audio);
    return true;
  }
}
