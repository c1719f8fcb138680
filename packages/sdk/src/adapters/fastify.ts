// Fastify plugin: `app.register(cekPlugin, { extension, path: "/clova" })`. Inside the
// plugin's scope bodies are kept as raw bytes for signature checks (§2.5).
import type { FastifyError, FastifyPluginAsync } from "fastify";
import type { Extension } from "../app/extension.js";
import type { ModelTypes } from "../app/model.js";
import { bodyTooLarge, errorResult } from "../core/errors.js";

export interface CekPluginOptions {
  // biome-ignore lint/suspicious/noExplicitAny: any model type
  extension: Extension<any>;
  /** Route path. Default "/". */
  path?: string;
}

export const cekPlugin: FastifyPluginAsync<CekPluginOptions> = async (fastify, options) => {
  const extension = options.extension as Extension<ModelTypes>;
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
  fastify.setErrorHandler((error: FastifyError, _req, reply) => {
    const result =
      error.code === "FST_ERR_CTP_BODY_TOO_LARGE"
        ? bodyTooLarge(extension.bodyLimit)
        : errorResult(error.statusCode ?? 500, "request_failed", error.message);
    reply.code(result.status).headers(result.headers).send(result.body);
  });
  fastify.post(options.path ?? "/", { bodyLimit: extension.bodyLimit }, async (request, reply) => {
    const body = request.body instanceof Uint8Array ? request.body : new Uint8Array(0);
    const result = await extension.handle({ body, headers: request.headers });
    return reply.code(result.status).headers(result.headers).send(result.body);
  });
};
