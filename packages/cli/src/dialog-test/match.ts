// Matching what a turn produced against a step's expectations.
//   - a string written /…/flags is a regular expression;
//   - speech: a plain string must appear in the speech (case and spacing ignored); a list: all;
//   - request/response/card: partial JSON, only the keys written are compared, arrays by index.
import type { TurnExchange } from "../core/api.js";
import type { Expect } from "./format.js";

export interface Observed {
  status: number;
  speech: string;
  card?: Record<string, unknown>;
  expectSpeech: boolean;
  directives: string[];
  /** Turn details from the platform, when it exposes them. */
  details?: {
    extensionId?: string;
    intent?: { name: string; slots: Record<string, { value: string | null }> };
    exchange?: TurnExchange;
  };
}

export interface Mismatch {
  expectation: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
}

const REGEX = /^\/(.*)\/([dgimsuvy]*)$/s;

export function asRegex(pattern: unknown): RegExp | undefined {
  if (typeof pattern !== "string") return undefined;
  const m = REGEX.exec(pattern);
  if (!m) return undefined;
  try {
    return new RegExp(m[1]!, m[2]);
  } catch {
    return undefined;
  }
}

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

function speechMatches(pattern: unknown, speech: string): boolean {
  const regex = asRegex(pattern);
  if (regex) return regex.test(speech);
  const text = String(pattern);
  return text === "" ? speech === "" : fold(speech).includes(fold(text));
}

/** Paths where `actual` differs from the partial `expected` (empty when it matches). */
export function partialDiff(expected: unknown, actual: unknown, path = ""): Mismatch[] {
  const at = path || "(root)";
  const regex = asRegex(expected);
  if (regex)
    return typeof actual === "string" || typeof actual === "number"
      ? regex.test(String(actual))
        ? []
        : [{ expectation: at, message: `does not match ${expected}`, expected, actual }]
      : [{ expectation: at, message: `expected a string matching ${expected}`, expected, actual }];
  if (expected === null)
    return actual === null || actual === undefined
      ? []
      : [{ expectation: at, message: "expected null or absent", expected, actual }];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [{ expectation: at, message: "expected an array", expected, actual }];
    return expected.flatMap((item, i) =>
      i < actual.length
        ? partialDiff(item, actual[i], `${path}[${i}]`)
        : [{ expectation: `${path}[${i}]`, message: "missing item", expected: item }],
    );
  }
  if (typeof expected === "object") {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual))
      return [{ expectation: at, message: "expected an object", expected, actual }];
    return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
      partialDiff(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
    );
  }
  return Object.is(expected, actual)
    ? []
    : [{ expectation: at, message: "differs", expected, actual }];
}

const NEEDS_DETAILS = ["intent", "slots", "extension", "request", "response"] as const;

export function checkStep(expect: Expect, o: Observed): Mismatch[] {
  const out: Mismatch[] = [];
  if (o.status !== 200)
    out.push({
      expectation: "status",
      message: `the platform answered ${o.status}`,
      actual: o.status,
    });
  for (const key of NEEDS_DETAILS)
    if (expect[key] !== undefined && !o.details)
      out.push({
        expectation: key,
        message:
          "the platform shows no turn details to check this (run it with `clover serve`, or give the admin token)",
      });
  const d = o.details;
  if (d && expect.intent !== undefined) {
    const name = d.intent?.name ?? null;
    const ok = asRegex(expect.intent)
      ? asRegex(expect.intent)!.test(name ?? "")
      : name === expect.intent;
    if (!ok)
      out.push({
        expectation: "intent",
        message: "another intent",
        expected: expect.intent,
        actual: name,
      });
  }
  if (d && expect.slots !== undefined) {
    const slots = Object.fromEntries(
      Object.entries(d.intent?.slots ?? {}).map(([k, v]) => [k, v.value]),
    );
    for (const m of partialDiff(expect.slots, slots))
      out.push({ ...m, expectation: `slots.${m.expectation}` });
  }
  if (d && expect.extension !== undefined && (d.extensionId ?? null) !== expect.extension)
    out.push({
      expectation: "extension",
      message: "another extension answered",
      expected: expect.extension,
      actual: d.extensionId ?? null,
    });
  for (const key of ["request", "response"] as const) {
    if (!d || expect[key] === undefined) continue;
    const actual = d.exchange?.[key];
    if (actual === undefined) {
      out.push({
        expectation: key,
        message: d.exchange?.error ? `no ${key}: ${d.exchange.error}` : "no extension was called",
        expected: expect[key],
      });
      continue;
    }
    for (const m of partialDiff(expect[key], actual))
      out.push({ ...m, expectation: `${key}.${m.expectation}` });
  }
  if (expect.speech !== undefined) {
    const patterns = Array.isArray(expect.speech) ? expect.speech : [expect.speech];
    for (const p of patterns)
      if (!speechMatches(p, o.speech))
        out.push({
          expectation: "speech",
          message: asRegex(p) ? `does not match ${p}` : "does not contain the text",
          expected: p,
          actual: o.speech,
        });
  }
  if (expect.card !== undefined) {
    if (expect.card === false) {
      if (o.card) out.push({ expectation: "card", message: "expected no card", actual: o.card });
    } else if (!o.card)
      out.push({
        expectation: "card",
        message: "expected a card, got none",
        expected: expect.card,
      });
    else if (expect.card !== true)
      for (const m of partialDiff(expect.card, o.card))
        out.push({ ...m, expectation: `card.${m.expectation}` });
  }
  if (expect.session !== undefined) {
    const actual = o.expectSpeech ? "open" : "ended";
    if (actual !== expect.session)
      out.push({
        expectation: "session",
        message: `the session is ${actual}`,
        expected: expect.session,
        actual,
      });
  }
  if (expect.directives !== undefined) {
    const wanted = Array.isArray(expect.directives) ? expect.directives : [expect.directives];
    for (const name of wanted)
      if (!o.directives.some((d) => (asRegex(name) ? asRegex(name)!.test(d) : d === name)))
        out.push({
          expectation: "directives",
          message: `no ${String(name)} directive`,
          expected: name,
          actual: o.directives,
        });
  }
  return out;
}
