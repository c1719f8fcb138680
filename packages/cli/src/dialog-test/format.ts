// The dialog test file (docs/cli.md "Dialog tests"): YAML that scripts conversations.
//
//   name: dice                      # optional; default: the file name
//   extension:                      # what an in-process platform registers (ignored with --url)
//     id: com.example.dice
//     models: ../models             # directory of <language>.json (relative to this file)
//     server: ../src/server.ts      # started with PORT=0; the URL it prints is the endpoint
//     endpoint: http://127.0.0.1:3000/   # or a server already running
//   tests:
//     - name: rolls two dice
//       steps:
//         - user: ask dice to roll two dice
//           expect: { intent: ThrowDiceIntent, slots: { diceCount: "2" }, speech: /rolled 2/ }
import { dirname, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { CliError, EXIT } from "../core/errors.js";
import { readText } from "../core/files.js";
import { locator } from "../model/locate.js";

export const EXPECTATIONS = [
  "intent",
  "slots",
  "speech",
  "card",
  "session",
  "extension",
  "request",
  "response",
  "directives",
] as const;
export type ExpectationName = (typeof EXPECTATIONS)[number];
export type Expect = Partial<Record<ExpectationName, unknown>>;

export interface DialogStep {
  user: string;
  expect: Expect;
  /** file:line of the step, for reports. */
  at: string;
}

export interface DialogTest {
  name: string;
  steps: DialogStep[];
  at: string;
}

export interface ExtensionUnderTest {
  id: string;
  /** Absolute directory of <language>.json models. */
  models?: string;
  /** Absolute path of a server script to start. */
  server?: string;
  endpoint?: string;
  displayName?: string;
}

export interface DialogTestFile {
  file: string;
  name: string;
  extension?: ExtensionUnderTest;
  tests: DialogTest[];
}

const TOP = new Set(["name", "extension", "tests"]);
const EXTENSION_KEYS = new Set(["id", "models", "server", "endpoint", "displayName"]);

export function parseDialogTestFile(file: string): DialogTestFile {
  const source = readText(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const pos = error.linePos?.[0];
    throw new CliError(
      `${file}${pos ? `:${pos.line}:${pos.col}` : ""}: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
      EXIT.failure,
    );
  }
  const where = locator(source);
  const at = (path: string, key = false) => {
    const pos = where(path, key ? "key" : "value");
    return pos ? `${file}:${pos.line}:${pos.column}` : file;
  };
  const fail = (path: string, message: string): never => {
    const key = message.startsWith("unknown");
    throw new CliError(`${at(path, key)}: ${path ? `${path}: ` : ""}${message}`, EXIT.failure);
  };
  const value: unknown = doc.toJS();
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(value)) return fail("", "expected a mapping with `tests:`");
  for (const key of Object.keys(value))
    if (!TOP.has(key)) fail(key, `unknown key (expected ${[...TOP].join(", ")})`);
  const base = dirname(resolve(file));

  let extension: ExtensionUnderTest | undefined;
  if (value["extension"] !== undefined) {
    const e = value["extension"];
    if (!isObject(e)) return fail("extension", "expected a mapping (id, models, server, endpoint)");
    for (const key of Object.keys(e))
      if (!EXTENSION_KEYS.has(key))
        fail(`extension.${key}`, `unknown key (expected ${[...EXTENSION_KEYS].join(", ")})`);
    for (const key of EXTENSION_KEYS)
      if (e[key] !== undefined && typeof e[key] !== "string")
        fail(`extension.${key}`, "expected a string");
    if (typeof e["id"] !== "string") return fail("extension", "id: required");
    extension = {
      id: e["id"],
      ...(typeof e["models"] === "string" ? { models: resolve(base, e["models"]) } : {}),
      ...(typeof e["server"] === "string" ? { server: resolve(base, e["server"]) } : {}),
      ...(typeof e["endpoint"] === "string" ? { endpoint: e["endpoint"] } : {}),
      ...(typeof e["displayName"] === "string" ? { displayName: e["displayName"] } : {}),
    };
  }

  const tests = value["tests"];
  if (!Array.isArray(tests) || tests.length === 0)
    return fail("tests", "expected a list of tests (each with name and steps)");
  const parsed: DialogTest[] = tests.map((test, t) => {
    const path = `tests[${t}]`;
    if (!isObject(test)) return fail(path, "expected a mapping with name and steps");
    for (const key of Object.keys(test))
      if (key !== "name" && key !== "steps")
        fail(`${path}.${key}`, "unknown key (expected name, steps)");
    if (typeof test["name"] !== "string" || test["name"] === "")
      return fail(`${path}.name`, "expected the test's name");
    const steps = test["steps"];
    if (!Array.isArray(steps) || steps.length === 0)
      return fail(`${path}.steps`, "expected a list of steps (user: …, expect: …)");
    return {
      name: test["name"],
      at: at(path),
      steps: steps.map((step, s) => {
        const sp = `${path}.steps[${s}]`;
        if (!isObject(step)) return fail(sp, "expected a mapping with user and expect");
        for (const key of Object.keys(step))
          if (key !== "user" && key !== "expect")
            fail(`${sp}.${key}`, "unknown key (expected user, expect)");
        if (typeof step["user"] !== "string" || step["user"].trim() === "")
          return fail(`${sp}.user`, "expected what the user says");
        const expect = step["expect"] ?? {};
        if (!isObject(expect)) return fail(`${sp}.expect`, "expected a mapping of expectations");
        for (const key of Object.keys(expect))
          if (!(EXPECTATIONS as readonly string[]).includes(key))
            fail(
              `${sp}.expect.${key}`,
              `unknown expectation (expected one of ${EXPECTATIONS.join(", ")})`,
            );
        if (
          expect["session"] !== undefined &&
          expect["session"] !== "open" &&
          expect["session"] !== "ended"
        )
          fail(`${sp}.expect.session`, 'expected "open" or "ended"');
        if (expect["slots"] !== undefined && !isObject(expect["slots"]))
          fail(`${sp}.expect.slots`, "expected a mapping of slot name to value");
        return { user: step["user"], expect: expect as Expect, at: at(sp) };
      }),
    };
  });
  const name =
    typeof value["name"] === "string" ? value["name"] : (file.split(/[\\/]/).pop() ?? file);
  return { file, name, ...(extension ? { extension } : {}), tests: parsed };
}
