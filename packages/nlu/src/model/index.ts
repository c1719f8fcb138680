export { enableUsedBuiltinSlotTypes } from "./enable-builtins.js";
export { formatIssue, ModelError, type ModelIssue } from "./issues.js";
export { LIMITS } from "./limits.js";
export { convertRetiredSlotTypes, RETIRED_SLOT_TYPES } from "./retired.js";
export {
  exportIntentTsv,
  type IntentTsvLines,
  importIntentTsv,
  locateIntentIssues,
} from "./tsv-intent.js";
export { tsvFileName } from "./tsv-lines.js";
export { exportSlotTypeTsv, importSlotTypeTsv } from "./tsv-slot-type.js";
export {
  formatUtterance,
  type ParsedUtterance,
  parseUtterance,
  type UtteranceSlotSpan,
} from "./utterance.js";
export { validateModel } from "./validate.js";
