// Turns validator findings into messages that name the JSON path, what was expected and what
// was found: `request.intent.slots.count.value: expected string, got number`.
import type { TSchema } from "@sinclair/typebox";
import { type ValueError, ValueErrorType } from "@sinclair/typebox/errors";

export interface ValidationIssue {
  /** Dotted JSON path, `[n]` for array items; `(root)` for the whole document. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;
  /** `path: expected X, got Y` */
  readonly message: string;
}

/** `/request/intent/slots/0` → `request.intent.slots[0]` */
export function pointerToPath(pointer: string, prefix = ""): string {
  const parts = pointer.split("/").slice(1);
  let out = prefix;
  for (const raw of parts) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$.-]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === "" ? "(root)" : out;
}

function typeName(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  return typeof value;
}

function short(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  if (text.length <= 60) return text;
  // A long string is also told by its length, which is often what a limit is about.
  const length = typeof value === "string" ? ` (${value.length} characters)` : "";
  return `${text.slice(0, 57)}...${length}`;
}

function literalsOf(schema: TSchema): unknown[] | undefined {
  const variants = (schema.anyOf ?? schema.oneOf) as TSchema[] | undefined;
  if (!variants) return undefined;
  const values: unknown[] = [];
  for (const variant of variants) {
    if (!("const" in variant)) return undefined;
    values.push(variant.const);
  }
  return values;
}

/**
 * The interaction model's name patterns in words: a form or a CLI error says what a name may
 * be instead of showing the regular expression.
 */
const PATTERN_WORDS: Record<string, string> = {
  "^[A-Za-z][A-Za-z0-9_]{0,63}$":
    "a name that starts with a letter and has only letters, digits and underscores (at most 64 characters)",
  "^Clova\\.[A-Za-z]+Intent$": 'a built-in intent name such as "Clova.YesIntent"',
  "^CLOVA\\.[A-Z_]+$": 'a built-in slot type name such as "CLOVA.NUMBER"',
};

/** A short human description of what a schema accepts. */
export function describeSchema(schema: TSchema): string {
  if ("const" in schema) return JSON.stringify(schema.const);
  const literals = literalsOf(schema);
  if (literals) return `one of ${literals.map((l) => JSON.stringify(l)).join(", ")}`;
  if (schema.anyOf)
    return [...new Set((schema.anyOf as TSchema[]).map(describeSchema))].join(" or ");
  switch (schema.type) {
    case "string": {
      if (schema.pattern)
        return PATTERN_WORDS[schema.pattern] ?? `string matching /${schema.pattern}/`;
      if (schema.format) return `string in ${schema.format} format`;
      if (schema.minLength === 1 && schema.maxLength !== undefined)
        return `non-empty string of at most ${schema.maxLength} characters`;
      if (schema.minLength === 1) return "non-empty string";
      if (schema.maxLength !== undefined) return `string of at most ${schema.maxLength} characters`;
      return "string";
    }
    case "integer":
    case "number": {
      const word = schema.type === "integer" ? "integer" : "number";
      if (schema.minimum !== undefined && schema.maximum !== undefined)
        return `${word} from ${schema.minimum} to ${schema.maximum}`;
      if (schema.minimum !== undefined) return `${word} >= ${schema.minimum}`;
      if (schema.maximum !== undefined) return `${word} <= ${schema.maximum}`;
      return word;
    }
    case "array":
      if (schema.minItems !== undefined && schema.minItems === schema.maxItems)
        return `array with exactly ${schema.minItems} item(s)`;
      if (schema.minItems) return `array with at least ${schema.minItems} item(s)`;
      if (schema.maxItems !== undefined) return `array with at most ${schema.maxItems} item(s)`;
      return "array";
    case undefined:
      return "a value";
    default:
      return String(schema.type);
  }
}

const TYPE_ERRORS = new Set<ValueErrorType>([
  ValueErrorType.String,
  ValueErrorType.Number,
  ValueErrorType.Integer,
  ValueErrorType.Boolean,
  ValueErrorType.Object,
  ValueErrorType.Array,
  ValueErrorType.Null,
]);

/** An issue with its message: `path: expected X, got Y`. */
export function validationIssue(path: string, expected: string, found: string): ValidationIssue {
  return { path, expected, found, message: `${path}: expected ${expected}, got ${found}` };
}

/**
 * The discriminators of a union variant: its constant members, also one level down
 * (`header.namespace` of a directive), as [dotted key, constant] pairs.
 */
function discriminatorOf(variant: TSchema): [string, unknown][] {
  const properties = variant.properties as Record<string, TSchema> | undefined;
  if (!properties) return [];
  const out: [string, unknown][] = [];
  for (const [key, schema] of Object.entries(properties)) {
    if ("const" in schema) out.push([key, schema.const]);
    const nested = schema.properties as Record<string, TSchema> | undefined;
    for (const [inner, s] of Object.entries(nested ?? {}))
      if ("const" in s) out.push([`${key}.${inner}`, s.const]);
  }
  return out;
}

/** The member at a dotted key, if the value has it. */
function member(record: Record<string, unknown>, key: string): { found: boolean; value: unknown } {
  let at: unknown = record;
  for (const part of key.split(".")) {
    if (!at || typeof at !== "object" || !(part in at)) return { found: false, value: undefined };
    at = (at as Record<string, unknown>)[part];
  }
  return { found: true, value: at };
}

function unionIssues(error: ValueError, prefix: string): ValidationIssue[] {
  const variants = (error.schema.anyOf ?? []) as TSchema[];
  const path = pointerToPath(error.path, prefix);
  const value = error.value;
  const literals = literalsOf(error.schema);
  if (literals) return [validationIssue(path, describeSchema(error.schema), short(value))];

  // Discriminated union: walk the constant members (e.g. `type`, or `namespace` then `name`)
  // and either descend into the one matching variant or name the first member that matches
  // no variant. Variants without constants (like `{}`) take no part.
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const keyed = variants.map(discriminatorOf);
    let remaining = variants.map((_, i) => i).filter((i) => keyed[i]!.length > 0);
    const keys = [...new Set(remaining.flatMap((i) => keyed[i]!.map(([k]) => k)))];
    for (const key of remaining.length > 0 ? keys : []) {
      const having = remaining.filter((i) => keyed[i]!.some(([k]) => k === key));
      if (having.length === 0) continue;
      const matching = having.filter((i) =>
        keyed[i]!.some(([k, c]) => k === key && member(record, key).value === c),
      );
      if (matching.length === 0) {
        const allowed = having.map((i) => keyed[i]!.find(([k]) => k === key)![1]);
        const unique = [...new Set(allowed.map((a) => JSON.stringify(a)))];
        const keyPath = path === "(root)" ? key : `${path}.${key}`;
        const { found: present, value: actual } = member(record, key);
        const found = present ? short(actual) : "nothing";
        return [validationIssue(keyPath, `one of ${unique.join(", ")}`, found)];
      }
      remaining = matching;
    }
    if (remaining.length === 1 && error.errors[remaining[0]!]) {
      return collectIssues([...error.errors[remaining[0]!]!], prefix);
    }
  }
  // Otherwise report the variant that got furthest (deepest first error, then fewest errors).
  let best: ValueError[] | undefined;
  for (const iterator of error.errors) {
    const list = [...iterator];
    const depth = (l: ValueError[]) => Math.max(0, ...l.map((e) => e.path.split("/").length));
    if (
      !best ||
      depth(list) > depth(best) ||
      (depth(list) === depth(best) && list.length < best.length)
    )
      best = list;
  }
  if (best && best.length > 0 && best.every((e) => e.path !== error.path)) {
    return collectIssues(best, prefix);
  }
  return [validationIssue(path, describeSchema(error.schema), typeName(value))];
}

/** Formats validator errors, one issue per path, most specific first. */
export function collectIssues(errors: Iterable<ValueError>, prefix = ""): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const path = pointerToPath(error.path, prefix);
    if (seen.has(path)) continue;
    let found: ValidationIssue[];
    if (error.type === ValueErrorType.Union) {
      found = unionIssues(error, prefix);
    } else if (error.type === ValueErrorType.ObjectRequiredProperty) {
      found = [validationIssue(path, `${describeSchema(error.schema)} (required)`, "nothing")];
    } else if (error.type === ValueErrorType.ObjectAdditionalProperties) {
      found = [validationIssue(path, "no such field", "an unknown field")];
    } else if (TYPE_ERRORS.has(error.type)) {
      found = [validationIssue(path, describeSchema(error.schema), typeName(error.value))];
    } else {
      found = [validationIssue(path, describeSchema(error.schema), short(error.value))];
    }
    for (const f of found) {
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      out.push(f);
    }
    seen.add(path);
  }
  return out;
}

/** Re-roots issues found inside a part of a message: `payload.url` → `response.directives[0].payload.url`. */
export function prefixIssues(
  issues: readonly ValidationIssue[],
  prefix: string,
): ValidationIssue[] {
  return issues.map((i) => {
    const path =
      i.path === "(root)"
        ? prefix
        : i.path.startsWith("[")
          ? prefix + i.path
          : `${prefix}.${i.path}`;
    return validationIssue(path, i.expected, i.found);
  });
}
