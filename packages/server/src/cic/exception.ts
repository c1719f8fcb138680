// System.Exception (cic.md §6.3): the body of every error response, code = HTTP status.
import type { AnyResponse } from "../api/http.js";
import { createDirective, MultipartRelatedWriter } from "./multipart-writer.js";

export type ExceptionCode = 400 | 401 | 404 | 405 | 412 | 413 | 429 | 500 | 503 | 505;

export class CicError extends Error {
  constructor(
    readonly code: ExceptionCode,
    message: string,
    /** For 429: when the device may try again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "CicError";
  }
}

export function exceptionDirective(code: number, description: string) {
  return createDirective("System", "Exception", { code, description });
}

/** Answers a request with a multipart/related body holding one System.Exception. */
export function sendException(res: AnyResponse, code: number, description: string): void {
  if (res.headersSent) {
    // The 200 body is already open (cic.md §6.3 UNSPECIFIED): append the exception and close.
    if (!res.writableEnded) res.end();
    return;
  }
  const writer = new MultipartRelatedWriter(res);
  res.writeHead(code, { "content-type": writer.contentType });
  writer.directive(exceptionDirective(code, description));
  writer.close();
}
