// The extension document's patterns, each with what it means in words: the console's forms
// and the CLI show what a field may hold ("must start with a letter…") instead of the regular
// expression that checks it.
import type { ValidationIssue } from "@clover/protocol";

/**
 * Reverse-domain extension id (cek-custom-extension.md §9), immutable after creation; at most
 * 200 characters, the limit of every id in a path (api/ids.ts), so it can be addressed again.
 */
export const EXTENSION_ID_PATTERN = "^(?=.{1,200}$)[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+$";
/** No markup or control characters: the name is shown in the console and spoken. */
export const DISPLAY_NAME_PATTERN = "^[^<>\\u0000-\\u001f\\u007f]+$";
export const HTTP_URL_PATTERN = "^https?://";
export const ENDPOINT_URL_PATTERN = "^https?://[^\\s]+$";
export const HOME_MESSAGE_ID_PATTERN = "^(test-)?msg-[A-Za-z0-9_-]{1,100}$";

const WORDS: Record<string, string> = {
  [EXTENSION_ID_PATTERN]:
    "an id in reverse-domain form such as com.example.dice: at most 200 characters, it must start with a letter and contain only letters, digits, dots, dashes and underscores, with at least one dot",
  [DISPLAY_NAME_PATTERN]: "a name without < or > and without control characters",
  [HTTP_URL_PATTERN]: "a URL starting with https:// (or http:// where allowed)",
  [ENDPOINT_URL_PATTERN]: "a URL starting with https:// (or http:// where allowed), without spaces",
  [HOME_MESSAGE_ID_PATTERN]:
    'a message id: "msg-" (or "test-msg-") and then up to 100 letters, digits, dashes or underscores',
};

/** The issue's message with a known pattern said in words; other issues as they are. */
export function inWords(issue: ValidationIssue): string {
  const pattern = /^string matching \/(.*)\/$/s.exec(issue.expected)?.[1];
  const said = pattern === undefined ? undefined : WORDS[pattern];
  return said === undefined ? issue.message : `${issue.path}: expected ${said}, got ${issue.found}`;
}
