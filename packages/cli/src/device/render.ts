// How the CLI shows what a device received: the spoken text, the card, other directives.
import type { CicDirectiveMessage, EventResponse } from "@clover/device";
import type { Output } from "../core/output.js";

export const nameOf = (d: CicDirectiveMessage) => `${d.header.namespace}.${d.header.name}`;

/** The text a device would say (Clova.RenderText carries every PlainText item). */
export function spokenText(directives: CicDirectiveMessage[]): string {
  return directives
    .filter((d) => nameOf(d) === "Clova.RenderText")
    .map((d) => String(d.payload["text"] ?? ""))
    .join(" ");
}

export function cardOf(directives: CicDirectiveMessage[]): Record<string, unknown> | undefined {
  return directives.find((d) => nameOf(d) === "Clova.RenderTemplate")?.payload;
}

/** One-line summary of a card's main text fields. */
export function cardSummary(card: Record<string, unknown>): string {
  const parts: string[] = [String(card["type"] ?? "card")];
  for (const [key, value] of Object.entries(card)) {
    if (
      value &&
      typeof value === "object" &&
      "value" in value &&
      typeof (value as { value: unknown }).value === "string"
    )
      parts.push(`${key}: ${(value as { value: string }).value}`);
  }
  return parts.join(" · ");
}

export function summarize(response: EventResponse) {
  const card = cardOf(response.directives);
  return {
    status: response.status,
    speech: spokenText(response.directives),
    ...(card ? { card } : {}),
    expectSpeech: response.directives.some((d) => nameOf(d) === "SpeechRecognizer.ExpectSpeech"),
    directives: response.directives,
  };
}

const SHOWN = new Set([
  "Clova.RenderText",
  "Clova.RenderTemplate",
  "SpeechRecognizer.ExpectSpeech",
  "SpeechSynthesizer.Speak",
]);

export function printAnswer(out: Output, response: EventResponse, ms: number): void {
  const c = out.c;
  const s = summarize(response);
  if (response.status === 204) {
    // No Content: nothing to say, e.g. "exit" ending a conversation.
    out.line(`${c.cyan("clova›")} ${c.dim("(nothing to say)")}  ${c.dim(`${ms} ms`)}`);
    out.line(c.dim("       (session ended)"));
    return;
  }
  if (response.status !== 200) {
    const description = response.directives[0]?.payload["description"];
    out.line(c.red(`✖ ${response.status}${description ? `: ${String(description)}` : ""}`));
    return;
  }
  out.line(`${c.cyan("clova›")} ${s.speech || c.dim("(silence)")}  ${c.dim(`${ms} ms`)}`);
  if (s.card) out.line(`       ${c.magenta("card")} ${cardSummary(s.card)}`);
  for (const d of response.directives)
    if (!SHOWN.has(nameOf(d)))
      out.line(`       ${c.yellow(nameOf(d))} ${JSON.stringify(d.payload)}`);
  out.line(c.dim(s.expectSpeech ? "       (listening…)" : "       (session ended)"));
}
