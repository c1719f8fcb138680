export { type InvocationNameClash, invocationNameClashes } from "./clashes.js";
export {
  createInvocationDetector,
  type InvocationDetector,
  type InvocationMatch,
  type InvocationTarget,
} from "./detect.js";
export { LAUNCH_VERBS, WAKE_WORDS } from "./patterns.js";
