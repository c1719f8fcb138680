// Clova Home extensions (cek-home-extension.md) on the SDK.
export {
  createHomeServer,
  homeExpressMiddleware,
  homePlugin,
  listenHome,
  toHomeFetchHandler,
  toHomeLambdaHandler,
  toHomeNodeListener,
} from "./adapters.js";
export {
  type HomeConversation,
  type HomeConversationOptions,
  type HomeTarget,
  type HomeTurn,
  type HomeTurnExchange,
  startHomeConversation,
} from "./conversation.js";
export { HomeError, homeErrors } from "./errors.js";
export {
  createHomeExtension,
  HomeExtension,
  type HomeExtensionOptions,
  type HomeHandler,
  type HomeRequestOf,
  type HomeSuccessPayload,
} from "./extension.js";
