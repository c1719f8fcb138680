export { type Appliance, type ApplianceState, createHome } from "./appliances.js";
export {
  createHomeExampleExtension,
  type HomeExample,
  type HomeExampleOptions,
} from "./extension.js";
export {
  HOME_EXAMPLE_ID,
  type HomeExampleServer,
  type HomeExampleServerOptions,
  startHomeExample,
} from "./home-server.js";
export { type OAuthOptions, OAuthServer, type TokenCheck } from "./oauth.js";
export { signInOnVendorPage } from "./sign-in.js";
