// The User-Agent of CIC requests (cic.md §2.3, §2.4, §15.1 #3):
//   Manufacturer/Product/FirmwareVersion (OS;Hardware[;key=value…])
// `warn` (default) logs each distinct non-conforming value once, `strict` refuses it with
// 400 System.Exception naming the problem, `off` skips the check. With an allow-list of
// "Manufacturer/Product" pairs, `strict` refuses other products with 400 too (`warn` logs them):
// §5.2 defines System.Exception bodies for 400, 401, 412, 429 and 500 only.
import { CicError } from "./exception.js";

export type UserAgentMode = "warn" | "strict" | "off";

export interface UserAgent {
  manufacturer: string;
  product: string;
  firmwareVersion: string;
  os: string;
  hardware: string;
  properties: Record<string, string>;
}

const MAX_LENGTH = 512;
/** One or more words (letters, digits, `_`, `-`, `.`) separated by single spaces. */
const NAME = /^[A-Za-z0-9_.-]+( [A-Za-z0-9_.-]+)*$/;
const ID = "[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*";
const SEMVER = new RegExp(`^\\d+\\.\\d+\\.\\d+(-${ID})?(\\+${ID})?$`);
const PROPERTY = /^[A-Za-z0-9_.-]+=([A-Za-z0-9_.-]|%[0-9A-Fa-f]{2})*$/;

/** Parses a User-Agent; the string says what is wrong when it does not follow §2.4. */
export function parseUserAgent(value: string | undefined): UserAgent | string {
  if (value === undefined || value === "") return "the User-Agent header is missing";
  if (value.length > MAX_LENGTH) return `the User-Agent is longer than ${MAX_LENGTH} characters`;
  const open = value.indexOf("(");
  if (open < 0 || !value.endsWith(")") || value.indexOf(")") !== value.length - 1)
    return 'the User-Agent must end with "(OS;Hardware)"';
  const head = value.slice(0, open).replace(/ $/, "");
  const fields = head.split(/ ?\/ ?/);
  if (fields.length !== 3) return 'the User-Agent must start with "Manufacturer/Product/Version"';
  const [manufacturer, product, firmwareVersion] = fields as [string, string, string];
  for (const [name, field] of [
    ["Manufacturer", manufacturer],
    ["Product", product],
  ] as const)
    if (!NAME.test(field))
      return `${name} "${field}" must be words of letters, digits, _, - or . separated by single spaces`;
  if (!SEMVER.test(firmwareVersion))
    return `FirmwareVersion "${firmwareVersion}" is not MAJOR.MINOR.PATCH[-pre][+build]`;
  const inside = value.slice(open + 1, -1).split(/ ?; ?/);
  if (inside.length < 2) return 'the parenthesis must hold "OS;Hardware"';
  const [os, hardware, ...rest] = inside as [string, string, ...string[]];
  if (!NAME.test(os)) return `OS "${os}" must be words separated by single spaces`;
  if (!NAME.test(hardware))
    return `Hardware "${hardware}" must be words separated by single spaces`;
  const properties: Record<string, string> = {};
  for (const property of rest) {
    if (!PROPERTY.test(property))
      return `property "${property}" must be key=value with a URL-encoded value`;
    const at = property.indexOf("=");
    properties[property.slice(0, at)] = property.slice(at + 1);
  }
  return { manufacturer, product, firmwareVersion, os, hardware, properties };
}

/** At most this many distinct values are remembered as already warned about. */
const WARNED_LIMIT = 1000;

export class UserAgentPolicy {
  readonly #allow: Set<string>;
  readonly #warned = new Set<string>();

  constructor(
    readonly mode: UserAgentMode,
    allow: readonly string[] = [],
    private readonly warn: (message: string, userAgent: string) => void = () => {},
  ) {
    this.#allow = new Set(allow.map((pair) => pair.trim()).filter(Boolean));
  }

  /** Throws the System.Exception of a refused User-Agent (strict mode); else logs at most. */
  check(header: string | string[] | undefined): void {
    if (this.mode === "off") return;
    const value = Array.isArray(header) ? header.join(", ") : header;
    const parsed = parseUserAgent(value);
    let problem: string | undefined;
    if (typeof parsed === "string") problem = parsed;
    else if (this.#allow.size > 0 && !this.#allow.has(`${parsed.manufacturer}/${parsed.product}`))
      problem = `the device product ${parsed.manufacturer}/${parsed.product} (Manufacturer/Product of the User-Agent) is not registered on this platform`;
    if (!problem) return;
    if (this.mode === "strict") throw new CicError(400, problem);
    const key = String(value ?? "").slice(0, MAX_LENGTH);
    if (this.#warned.has(key)) return;
    if (this.#warned.size >= WARNED_LIMIT) this.#warned.clear();
    this.#warned.add(key);
    this.warn(problem, key);
  }
}
