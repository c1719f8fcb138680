// Validation by `header.name`: any incoming Clova Home request is checked against the schema
// its name selects, and an extension's answer against the request it answers (§3.3, §8).
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { type TypeCheck, TypeCompiler } from "@sinclair/typebox/compiler";
import { type MessageCodec, ProtocolValidationError } from "../core/codec.js";
import { collectIssues, type ValidationIssue } from "../core/issues.js";
import * as actions from "./actions.js";
import * as adjust from "./adjust.js";
import * as discovery from "./discovery.js";
import { HomeEnvelope } from "./envelope.js";
import * as errors from "./errors.js";
import { homeResponseNameFor, isHomeErrorName } from "./naming.js";
import * as queries from "./queries.js";
import * as queriesPersonal from "./queries-personal.js";
import * as settings from "./settings.js";

type MessagesOf<M> = {
  [K in keyof M]: M[K] extends MessageCodec<infer S> ? Static<S> : never;
}[keyof M];

/** Every Clova Home message, discriminated by `header.name`. */
export type HomeMessage =
  | MessagesOf<typeof discovery>
  | MessagesOf<typeof actions>
  | MessagesOf<typeof queries>
  | MessagesOf<typeof queriesPersonal>
  | MessagesOf<typeof adjust>
  | MessagesOf<typeof settings>
  | MessagesOf<typeof errors>;
export type HomeRequest = Extract<HomeMessage, { header: { name: `${string}Request` } }>;
export type HomeRequestName = HomeRequest["header"]["name"];
export type HomeErrorResponse = MessagesOf<typeof errors>;
export type HomeErrorName = HomeErrorResponse["header"]["name"];
export type HomeSuccessResponse = Exclude<HomeMessage, HomeRequest | HomeErrorResponse>;

/** The success response name of a request name, at the type level (§3.3). */
export type HomeResponseNameFor<R extends string> = R extends `${infer B}Request`
  ? B extends `Get${string}` | `Discover${string}` | "HealthCheck"
    ? `${B}Response`
    : `${B}Confirmation`
  : never;
/** The success response type answering a request name. */
export type HomeResponseFor<R extends string> = Extract<
  HomeSuccessResponse,
  { header: { name: HomeResponseNameFor<R> } }
>;

const codecs = new Map<string, MessageCodec<TSchema>>();
for (const module of [discovery, actions, queries, queriesPersonal, adjust, settings, errors]) {
  for (const value of Object.values(module) as unknown[]) {
    if (typeof value !== "object" || value === null || !("validate" in value)) continue;
    const codec = value as MessageCodec<TSchema>;
    if (codec.name.startsWith("home.")) codecs.set(codec.name.slice("home.".length), codec);
  }
}

/** The codec of one Clova Home message name, if the protocol defines it. */
export function homeCodecFor(name: string): MessageCodec<TSchema> | undefined {
  return codecs.get(name);
}

/** Every Clova Home message name (192). */
export const HOME_MESSAGE_NAMES: readonly string[] = [...codecs.keys()].sort();
export const HOME_REQUEST_NAMES = HOME_MESSAGE_NAMES.filter((n) =>
  n.endsWith("Request"),
) as readonly HomeRequestName[];
export const HOME_ERROR_NAMES = Object.keys(errors).filter((n) =>
  codecs.has(n),
) as readonly HomeErrorName[];

// Only what is needed to pick a schema; the chosen codec then reports every other problem.
const named = TypeCompiler.Compile(
  Type.Object({ header: Type.Object({ name: Type.String({ minLength: 1 }) }) }),
);
const envelope = TypeCompiler.Compile(HomeEnvelope);

type Result<T> = { ok: true; value: T } | { ok: false; issues: readonly ValidationIssue[] };

function check<T extends TSchema>(compiled: TypeCheck<T>, body: unknown): Result<Static<T>> {
  if (compiled.Check(body)) return { ok: true, value: body };
  return { ok: false, issues: collectIssues(compiled.Errors(body)) };
}

function nameIssue(expected: string, found: string): ValidationIssue {
  const got = JSON.stringify(found);
  return {
    path: "header.name",
    expected,
    found: got,
    message: `header.name: expected ${expected}, got ${got}`,
  };
}

/** Validates an incoming request, choosing the payload schema by `header.name`. */
export function validateHomeRequest(body: unknown): Result<HomeRequest> {
  const checked = check(named, body);
  if (!checked.ok) return checked;
  const name = checked.value.header.name;
  const codec = name.endsWith("Request") ? codecs.get(name) : undefined;
  if (!codec) return { ok: false, issues: [nameIssue("a Clova Home request name", name)] };
  return codec.validate(body) as Result<HomeRequest>;
}

/** Like validateHomeRequest, but throws a ProtocolValidationError. */
export function parseHomeRequest(body: unknown): HomeRequest {
  const result = validateHomeRequest(body);
  if (!result.ok) throw new ProtocolValidationError("Clova Home request", result.issues);
  return result.value;
}

/**
 * An extension's answer: the success message for the request, a known error (§8.2), or an
 * error name the catalogue does not list yet, to be handled like DriverInternalError (§8.1).
 */
export type HomeResponseResult<R extends string = HomeRequestName> =
  | { ok: true; kind: "success"; value: HomeResponseFor<R> }
  | { ok: true; kind: "error"; value: HomeErrorResponse }
  | { ok: true; kind: "unknownError"; value: HomeEnvelope }
  | { ok: false; issues: readonly ValidationIssue[] };

/** Validates the answer to a request of the given name (naming rule §3.3, errors §8). */
export function validateHomeResponse<R extends HomeRequestName>(
  requestName: R,
  body: unknown,
): HomeResponseResult<R> {
  if (!codecs.has(requestName) || !requestName.endsWith("Request")) {
    throw new TypeError(`${JSON.stringify(requestName)} is not a Clova Home request name`);
  }
  const checked = check(named, body);
  if (!checked.ok) return checked;
  const name = checked.value.header.name;
  const expected = homeResponseNameFor(requestName);
  const codec = codecs.get(name);
  if (name === expected || (codec && isHomeErrorName(name))) {
    const result = codec!.validate(body);
    if (!result.ok) return result;
    if (name === expected) return { ok: true, kind: "success", value: result.value as never };
    return { ok: true, kind: "error", value: result.value as HomeErrorResponse };
  }
  if (isHomeErrorName(name)) {
    const unknown = check(envelope, body);
    return unknown.ok ? { ok: true, kind: "unknownError", value: unknown.value } : unknown;
  }
  return {
    ok: false,
    issues: [nameIssue(`${JSON.stringify(expected)} or an error name (…Error)`, name)],
  };
}

/** Like validateHomeResponse, but throws a ProtocolValidationError on an invalid answer. */
export function parseHomeResponse<R extends HomeRequestName>(
  requestName: R,
  body: unknown,
): Exclude<HomeResponseResult<R>, { ok: false }> {
  const result = validateHomeResponse(requestName, body);
  if (!result.ok) {
    throw new ProtocolValidationError(`answer to ${requestName}`, result.issues);
  }
  return result;
}
