// Writes multipart/related bodies the way cic.md §2.5 and §5.1 recommend: each part is
// followed at once by the next delimiter, so a streaming parser can finish it without waiting.
import { randomUUID } from "node:crypto";

export interface CicDirective {
  header: { namespace: string; name: string; messageId: string; dialogRequestId?: string };
  payload: Record<string, unknown>;
}

/** Anything we can write bytes to (an HTTP/2 compat response, a stream). */
export interface ByteSink {
  write(chunk: string | Buffer): unknown;
  end(chunk: string): unknown;
}

/** Collects a body in memory, so a complete answer (or each piece of one) is written in one go. */
export class CollectedBody implements ByteSink {
  /** Buffers written, and the text written since the last buffer (joined, encoded once). */
  private chunks: Buffer[] = [];
  private text = "";
  /** A caller's buffer is among the chunks (copied out, never handed on as it is). */
  private borrowed = false;
  write(chunk: string | Buffer): void {
    if (typeof chunk === "string") {
      this.text += chunk;
      return;
    }
    this.flushText();
    this.chunks.push(chunk);
    this.borrowed = true;
  }
  end(chunk: string): void {
    this.write(chunk);
  }
  private flushText(): void {
    if (this.text === "") return;
    this.chunks.push(Buffer.from(this.text));
    this.text = "";
  }
  bytes(): Buffer {
    this.flushText();
    return this.chunks.length === 1 && !this.borrowed
      ? this.chunks[0]!
      : Buffer.concat(this.chunks);
  }
  /** What was written since the last take. */
  take(): Buffer {
    const bytes = this.bytes();
    this.chunks = [];
    this.borrowed = false;
    return bytes;
  }
}

export class MultipartRelatedWriter {
  readonly boundary = `clover-${randomUUID()}`;
  private opened = false;

  constructor(private readonly sink: ByteSink) {}

  get contentType(): string {
    return `multipart/related; boundary=${this.boundary}`;
  }

  private part(headers: string, body: string | Buffer): void {
    this.openPart(headers);
    this.sink.write(body);
    this.endPart();
  }

  private openPart(headers: string): void {
    const lead = this.opened ? "\r\n" : `--${this.boundary}\r\n`;
    this.opened = true;
    this.sink.write(`${lead}${headers}\r\n\r\n`);
  }

  /** The delimiter after a part: a streaming parser can finish the part at once. */
  endPart(): void {
    this.sink.write(`\r\n--${this.boundary}`);
  }

  /** One directive per part, `{"directive": ...}`. */
  directive(directive: CicDirective): void {
    const label = `${directive.header.name.charAt(0).toLowerCase()}${directive.header.name.slice(1)}Directive`;
    this.part(
      `Content-Disposition: form-data; name="${label}-${directive.header.messageId}"\r\n` +
        "Content-Type: application/json; charset=utf-8",
      JSON.stringify({ directive }),
    );
  }

  /** Binary attachment referenced as `cid:<contentId>` by a directive. */
  attachment(contentId: string, body: Buffer): void {
    this.startAttachment(contentId);
    this.sink.write(body);
    this.endPart();
  }

  /** Opens an attachment whose body the caller writes to the sink as it comes; then endPart. */
  startAttachment(contentId: string): void {
    this.openPart(
      `Content-Disposition: form-data; name="attachment-${randomUUID()}"\r\n` +
        `Content-ID: ${contentId}\r\nContent-Type: application/octet-stream`,
    );
  }

  /** Writes the closing delimiter and ends the body. */
  close(): void {
    if (!this.opened) this.sink.write(`--${this.boundary}`);
    this.sink.end("--\r\n");
  }
}

export function createDirective(
  namespace: string,
  name: string,
  payload: Record<string, unknown>,
  dialogRequestId?: string,
): CicDirective {
  return {
    header: {
      namespace,
      name,
      messageId: randomUUID(),
      ...(dialogRequestId ? { dialogRequestId } : {}),
    },
    payload,
  };
}
