// One declaration per wire format → TypeScript type (Static<T>), JSON Schema (the TypeBox
// schema itself) and a compiled validator. Unknown extra fields are kept, never rejected.
import type { Static, TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { collectIssues, type ValidationIssue } from "./issues.js";

export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

export class ProtocolValidationError extends Error {
  readonly issues: readonly ValidationIssue[];
  readonly messageName: string;
  constructor(messageName: string, issues: readonly ValidationIssue[]) {
    const head = issues
      .slice(0, 5)
      .map((i) => i.message)
      .join("; ");
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
    super(`invalid ${messageName}: ${head}${more}`);
    this.name = "ProtocolValidationError";
    this.issues = issues;
    this.messageName = messageName;
  }
}

export interface MessageCodec<T extends TSchema> {
  /** Stable name, also the JSON Schema file name (`<name>.schema.json`). */
  readonly name: string;
  readonly schema: T;
  /** Fast boolean check (the compiled validator). */
  is(value: unknown): value is Static<T>;
  /** Check, and on failure explain every problem with its JSON path. */
  validate(value: unknown): ValidationResult<Static<T>>;
  /** Like validate, but throws a ProtocolValidationError. */
  parse(value: unknown): Static<T>;
}

const registry = new Map<string, MessageCodec<TSchema>>();

/** Declares a wire format. The codec is compiled lazily on first use and then cached. */
export function defineMessage<T extends TSchema>(name: string, schema: T): MessageCodec<T> {
  if (registry.has(name)) throw new Error(`message ${name} is declared twice`);
  let compiled: ReturnType<typeof TypeCompiler.Compile<T>> | undefined;
  const checker = () => {
    compiled ??= TypeCompiler.Compile(schema);
    return compiled;
  };
  const codec: MessageCodec<T> = {
    name,
    schema,
    is: (value): value is Static<T> => checker().Check(value),
    validate(value) {
      const c = checker();
      if (c.Check(value)) return { ok: true, value };
      const issues = collectIssues(c.Errors(value));
      return { ok: false, issues };
    },
    parse(value) {
      const result = codec.validate(value);
      if (!result.ok) throw new ProtocolValidationError(name, result.issues);
      return result.value;
    },
  };
  registry.set(name, codec as unknown as MessageCodec<TSchema>);
  return codec;
}

/** Every declared message, for schema export and documentation. */
export function declaredMessages(): MessageCodec<TSchema>[] {
  return [...registry.values()];
}

/** The JSON Schema document for a codec, with `$schema` and `$id`. */
export function jsonSchemaOf(codec: MessageCodec<TSchema>): Record<string, unknown> {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: `https://clover.dev/schemas/${codec.name}.schema.json`,
    title: codec.name,
    ...JSON.parse(JSON.stringify(codec.schema)),
  };
}
