// Plays the MP3 of Speak directives with a command-line player when one is installed.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EventResponse } from "@clover/device";

const PLAYERS: { command: string; args: (file: string) => string[] }[] = [
  { command: "mpg123", args: (f) => ["-q", f] },
  { command: "ffplay", args: (f) => ["-nodisp", "-autoexit", "-loglevel", "quiet", f] },
  { command: "mpv", args: (f) => ["--really-quiet", "--no-video", f] },
];

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

export function findPlayer(): (typeof PLAYERS)[number] | undefined {
  return PLAYERS.find((p) => onPath(p.command));
}

export const NO_PLAYER =
  "no MP3 player found (install mpg123, ffmpeg's ffplay or mpv); aplay cannot play MP3";

/** The MP3 attachments of the Speak directives, in order. */
export function spokenAudio(response: EventResponse): Buffer[] {
  const audio: Buffer[] = [];
  for (const d of response.directives) {
    if (d.header.namespace !== "SpeechSynthesizer" || d.header.name !== "Speak") continue;
    const url = String(d.payload["url"] ?? "");
    const body = url.startsWith("cid:") ? response.attachments.get(url.slice(4)) : undefined;
    if (body) audio.push(body);
  }
  return audio;
}

export async function play(audio: Buffer[]): Promise<void> {
  const player = findPlayer();
  if (!player) throw new Error(NO_PLAYER);
  const dir = mkdtempSync(join(tmpdir(), "clover-audio-"));
  try {
    for (const [i, body] of audio.entries()) {
      const file = join(dir, `${i}.mp3`);
      writeFileSync(file, body);
      await new Promise<void>((resolve) => {
        spawn(player.command, player.args(file), { stdio: "ignore" })
          .on("exit", () => resolve())
          .on("error", () => resolve());
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
