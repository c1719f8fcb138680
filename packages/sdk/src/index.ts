// @clover/sdk: build, verify and test Clova custom extensions.

export { expressMiddleware } from "./adapters/express.js";
export { type CekPluginOptions, cekPlugin } from "./adapters/fastify.js";
export { toFetchHandler } from "./adapters/fetch.js";
export {
  type ApiGatewayProxyEvent,
  type ApiGatewayProxyResult,
  toLambdaHandler,
} from "./adapters/lambda.js";
export { createServer, type ListenOptions, listen, toNodeListener } from "./adapters/node-http.js";
export {
  createExtension,
  type DispatchResult,
  type ErrorHandler,
  Extension,
  type ExtensionOptions,
  HandlerTimeoutError,
} from "./app/extension.js";
export type { AnyModel, IntentName, ModelTypes, SlotName, SlotValue } from "./app/model.js";
export type { BuiltinIntentName, EventName, Handler, RoutableIntent } from "./app/routes.js";
export { HandlerContext, type TypedSlot } from "./context/context.js";
export { languageOf } from "./context/language.js";
export type { HttpResult } from "./core/errors.js";
export { type HttpHeaders, type HttpRequest, headerOf } from "./core/http.js";
export * from "./home/index.js";
export { normalizeRequest } from "./message/normalize.js";
export type * from "./message/types.js";
export { type GenerateModelTypesOptions, generateModelTypes } from "./model-types/generate.js";
export { readModels } from "./model-types/read-models.js";
export { type AudioItem, directives, type PlayOptions } from "./response/audio.js";
export { ResponseBuilder } from "./response/builder.js";
export { type Language, type SpeechInput, speech } from "./response/speech.js";
export {
  type Conversation,
  type ConversationOptions,
  connectConversation,
  createConversation,
  type Turn,
} from "./testing/conversation.js";
export {
  buildRequest,
  DEFAULT_APPLICATION_ID,
  type RequestOptions,
  requests,
  type SlotInput,
} from "./testing/requests.js";
export {
  type ServerProcess,
  type ServerProcessOptions,
  startServerProcess,
} from "./testing/server-process.js";
export { speechTextOf } from "./testing/speech-text.js";
export { CLOVA_PUBLIC_KEY_PEM, CLOVA_PUBLIC_KEY_URL } from "./verify/clova-public-key.js";
export { verificationFromEnv } from "./verify/from-env.js";
export { MAX_KEY_AGE_MS } from "./verify/key-source.js";
export type { LegacyVerificationOptions } from "./verify/legacy.js";
export { parsePublicKey, signCekBody, verifyCekSignature } from "./verify/signature.js";
export type { VerificationOptions } from "./verify/verifier.js";
