// Writes an event's answer (cic.md §5.1). A complete answer goes out in one write with its
// length. An answer with speech still being synthesized starts at once (cic.md §15.1 #12):
// every directive part first (Speak first), then each Speak's audio part, its bytes written as
// the engine produces them. A synthesis that fails after the 200 has started ends its part
// and adds a System.Exception part (cic.md §15.1 #13); a device that goes away stops it.
import type { AnyResponse } from "../api/http.js";
import { exceptionDirective } from "./exception.js";
import { CollectedBody, MultipartRelatedWriter } from "./multipart-writer.js";
import type { SpeechAudio } from "./speech-engines.js";
import type { DirectivePart } from "./turn-directives.js";

function isStreamed(part: DirectivePart): part is DirectivePart & {
  attachment: { contentId: string; body: SpeechAudio };
} {
  return part.attachment !== undefined && !Buffer.isBuffer(part.attachment.body);
}

/** Writes one chunk; waits while the stream's buffer is full. False once the device is gone. */
async function send(res: AnyResponse, bytes: Buffer): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (bytes.length === 0) return true;
  if ((res as { write(chunk: Buffer): boolean }).write(bytes)) return true;
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}

export async function writeEventAnswer(
  res: AnyResponse,
  parts: readonly DirectivePart[],
  onError?: (error: unknown) => void,
): Promise<void> {
  const body = new CollectedBody();
  const writer = new MultipartRelatedWriter(body);
  const streamed = parts.filter(isStreamed);
  for (const part of parts) {
    writer.directive(part.directive);
    const attachment = part.attachment;
    if (attachment && Buffer.isBuffer(attachment.body)) {
      writer.attachment(attachment.contentId, attachment.body);
    }
  }
  if (streamed.length === 0) {
    writer.close();
    const bytes = body.bytes();
    res.writeHead(200, {
      "content-type": writer.contentType,
      "content-length": String(bytes.length),
    });
    res.end(bytes);
    return;
  }
  const cancelAll = () => {
    for (const part of streamed) part.attachment.body.cancel();
  };
  res.once("close", cancelAll);
  try {
    res.writeHead(200, { "content-type": writer.contentType });
    if (!(await send(res, body.take()))) return;
    for (const part of streamed) {
      writer.startAttachment(part.attachment.contentId);
      try {
        for await (const chunk of part.attachment.body) {
          body.write(chunk);
          if (!(await send(res, body.take()))) return;
        }
      } catch (error) {
        onError?.(error);
        writer.endPart();
        const reason = error instanceof Error ? error.message : String(error);
        writer.directive(exceptionDirective(500, `speech synthesis failed: ${reason}`));
        break;
      }
      writer.endPart();
    }
    writer.close();
    if (!res.destroyed && !res.writableEnded) res.end(body.take());
  } finally {
    cancelAll();
    res.off("close", cancelAll);
  }
}
