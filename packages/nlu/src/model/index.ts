export { formatIssue, ModelError, type ModelIssue } from "./issues.js";
export {
  exportIntentTsv,
  exportSlotTypeTsv,
  importIntentTsv,
  importSlotTypeTsv,
} from "./tsv.js";
export {
  formatUtterance,
  type ParsedUtterance,
  parseUtterance,
  type UtteranceSlotSpan,
} from "./utterance.js";
export { validateModel } from "./validate.js";
