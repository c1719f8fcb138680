// POST /v1/events bodies (cic.md §4): multipart/form-data, the `metadata` JSON part first, then
// optional `audio` parts whose bodies are concatenated into one stream, read as they arrive.
import { PassThrough, type Readable } from "node:stream";
import busboy from "busboy";
import type { AnyRequest } from "../api/http.js";
import { CicError } from "./exception.js";

export interface EventLimits {
  /** Largest metadata part, bytes. */
  metadataBytes: number;
  /** Largest audio upload, bytes (16 kHz 16-bit mono = 32,000 bytes per second). */
  audioBytes: number;
  /** Most parts in one event body. */
  parts: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = {
  metadataBytes: 256 * 1024,
  audioBytes: 60 * 32_000,
  parts: 1000,
};

export interface EventRequest {
  metadata: unknown;
  /** Concatenated audio parts; ends with the request body. */
  audio: Readable;
  /** Settles when the whole body has been read (rejects on a body error or limit). */
  finished: Promise<void>;
}

export function readEventRequest(req: AnyRequest, limits: EventLimits): Promise<EventRequest> {
  const contentType = String(req.headers["content-type"] ?? "");
  if (!contentType.toLowerCase().startsWith("multipart/form-data"))
    return Promise.reject(
      new CicError(
        400,
        `content-type must be multipart/form-data, got "${contentType || "nothing"}"`,
      ),
    );

  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers as Record<string, string>,
        limits: {
          fieldSize: limits.metadataBytes,
          fileSize: limits.audioBytes,
          parts: limits.parts,
        },
      });
    } catch (error) {
      reject(new CicError(400, `undecodable multipart body: ${(error as Error).message}`));
      return;
    }
    const audio = new PassThrough();
    audio.on("error", () => {});
    let metadataSeen = false;
    let settled = false;
    let finishResolve: () => void = () => {};
    let finishReject: (error: Error) => void = () => {};
    const finished = new Promise<void>((res, rej) => {
      finishResolve = res;
      finishReject = rej;
    });
    finished.catch(() => {});
    const fail = (error: CicError) => {
      audio.destroy(error);
      finishReject(error);
      if (!settled) {
        settled = true;
        reject(error);
      }
      req.resume();
    };

    const acceptMetadata = (name: string, value: string, truncated: boolean) => {
      if (name !== "metadata")
        return fail(new CicError(400, `the first part must be named "metadata", got "${name}"`));
      if (truncated)
        return fail(
          new CicError(413, `metadata part is larger than ${limits.metadataBytes} bytes`),
        );
      metadataSeen = true;
      let metadata: unknown;
      try {
        metadata = JSON.parse(value);
      } catch (error) {
        return fail(
          new CicError(400, `metadata part is not valid JSON: ${(error as Error).message}`),
        );
      }
      settled = true;
      resolve({ metadata, audio, finished });
    };

    parser.on("field", (name, value, info) => {
      if (!metadataSeen) acceptMetadata(name, value, info.valueTruncated);
    });
    parser.on("file", (name, stream) => {
      if (!metadataSeen && name === "metadata") {
        // A metadata part sent with a filename (e.g. `curl -F metadata=@file.json`).
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= limits.metadataBytes) chunks.push(chunk);
        });
        stream.on("end", () =>
          acceptMetadata(name, Buffer.concat(chunks).toString("utf8"), size > limits.metadataBytes),
        );
        return;
      }
      if (!metadataSeen) {
        stream.resume();
        return fail(new CicError(400, `metadata part is missing: the first part is "${name}"`));
      }
      if (name !== "audio") return void stream.resume();
      stream.on("data", (chunk: Buffer) => {
        audio.write(chunk);
      });
      stream.on("limit", () =>
        fail(new CicError(413, `audio is larger than ${limits.audioBytes} bytes`)),
      );
    });
    parser.on("partsLimit", () =>
      fail(new CicError(413, `more than ${limits.parts} parts in one event`)),
    );
    parser.on("error", (error: Error) =>
      fail(new CicError(400, `undecodable multipart body: ${error.message}`)),
    );
    parser.on("close", () => {
      if (!metadataSeen) return fail(new CicError(400, "metadata part is missing"));
      audio.end();
      finishResolve();
    });
    req.on("aborted", () => fail(new CicError(400, "the request body was cut off")));
    req.pipe(parser);
  });
}
