// validateCicEvent / validateCicDirective: dispatch on header.namespace + header.name to the
// message's declaration and report every problem with its JSON path (`event.payload.text`).
import type { ValidationResult } from "../core/codec.js";
import { prefixIssues, type ValidationIssue, validationIssue } from "../core/issues.js";
import {
  CIC_CATALOGUE,
  type CicKnownDirective,
  type CicKnownEvent,
  type CicNamespace,
  findCicCodec,
  isCicNamespace,
} from "./catalogue.js";
import { CIC_CONTEXT_OBJECTS } from "./context.js";
import { CicDirectiveMessage, CicEventMessage, type CicMessageInfo } from "./envelope.js";

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

const quoted = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(", ");

/** Known context objects are checked; unknown ones are kept as sent (forward compatible). */
function contextIssues(context: unknown): ValidationIssue[] {
  if (!Array.isArray(context)) return [];
  const out: ValidationIssue[] = [];
  context.forEach((entry, index) => {
    const header = record(record(entry)?.header);
    const key = `${header?.namespace}.${header?.name}`;
    if (!Object.hasOwn(CIC_CONTEXT_OBJECTS, key)) return;
    const codec = CIC_CONTEXT_OBJECTS[key as keyof typeof CIC_CONTEXT_OBJECTS];
    const result = codec.validate(entry);
    if (!result.ok) out.push(...prefixIssues(result.issues, `context[${index}]`));
  });
  return out;
}

/** The issue for a namespace/name the catalogue does not know, if any. */
function catalogueIssue(
  kind: "event" | "directive",
  namespace: unknown,
  name: unknown,
): ValidationIssue | undefined {
  if (typeof namespace !== "string" || typeof name !== "string") return undefined;
  const group = kind === "event" ? "events" : "directives";
  const withMessages = (Object.keys(CIC_CATALOGUE) as CicNamespace[]).filter(
    (n) => CIC_CATALOGUE[n][group].length > 0,
  );
  if (!isCicNamespace(namespace) || CIC_CATALOGUE[namespace][group].length === 0) {
    return validationIssue(
      `${kind}.header.namespace`,
      `a namespace with ${group}: one of ${quoted(withMessages)}`,
      JSON.stringify(namespace),
    );
  }
  if (findCicCodec(kind, namespace, name)) return undefined;
  const other = findCicCodec(kind === "event" ? "directive" : "event", namespace, name);
  const hint = other
    ? ` (${namespace}.${name} is ${kind === "event" ? "a directive" : "an event"})`
    : "";
  return validationIssue(
    `${kind}.header.name`,
    `a ${namespace} ${kind} name: one of ${quoted(CIC_CATALOGUE[namespace][group])}`,
    JSON.stringify(name) + hint,
  );
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(i.path) && seen.add(i.path));
}

function validate(kind: "event" | "directive", message: unknown): ValidationResult<unknown> {
  const body = record(record(message)?.[kind]);
  const header = record(body?.header);
  const unknown = catalogueIssue(kind, header?.namespace, header?.name);
  const codec =
    typeof header?.namespace === "string" && typeof header.name === "string"
      ? findCicCodec(kind, header.namespace, header.name)
      : undefined;
  const generic = kind === "event" ? CicEventMessage : CicDirectiveMessage;
  const result = (codec ?? generic).validate(message);
  const issues = [...(unknown ? [unknown] : []), ...(result.ok ? [] : result.issues)];
  const top = record(message);
  if (top && !(kind in top) && "header" in top && "payload" in top) {
    // Old samples put header/payload at the top level; a documentation mistake (§6.1).
    issues.unshift(
      validationIssue(kind, `object wrapping header and payload`, "header/payload at the top"),
    );
  }
  if (kind === "event") issues.push(...contextIssues(record(message)?.context));
  const info: CicMessageInfo | undefined = codec?.info;
  if (info?.dialogRequestId === "never" && header?.dialogRequestId !== undefined) {
    issues.push(
      validationIssue(
        `${kind}.header.dialogRequestId`,
        `nothing (${info.namespace}.${info.name} never carries one)`,
        JSON.stringify(header.dialogRequestId),
      ),
    );
  }
  if (issues.length > 0) return { ok: false, issues: dedupe(issues) };
  return { ok: true, value: message };
}

/**
 * Checks a parsed `metadata` part: envelope, header, the payload of that namespace.name, and
 * every known context object. Unknown namespaces/names fail with an issue on that header field.
 */
export function validateCicEvent(message: unknown): ValidationResult<CicKnownEvent> {
  return validate("event", message) as ValidationResult<CicKnownEvent>;
}

/** Checks a directive (`{"directive": {...}}`) against its namespace.name declaration. */
export function validateCicDirective(message: unknown): ValidationResult<CicKnownDirective> {
  return validate("directive", message) as ValidationResult<CicKnownDirective>;
}
