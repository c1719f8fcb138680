// Runs dialog test files: each test is one conversation on a fresh device (a new session);
// each step sends what the user says over CIC and checks the answer and the turn details.
import type { Output } from "../core/output.js";
import { TERMINAL_CONTEXT } from "../device/context.js";
import { cardOf, nameOf, spokenText } from "../device/render.js";
import { TURN_LOG_PATH } from "../serve/turn-log.js";
import type { DialogTest, DialogTestFile } from "./format.js";
import { checkStep, type Mismatch, type Observed } from "./match.js";
import type { TestPlatform } from "./platform.js";

export interface StepResult {
  user: string;
  at: string;
  ms: number;
  observed?: Observed;
  mismatches: Mismatch[];
}

export interface TestResult {
  file: string;
  suite: string;
  name: string;
  at: string;
  ms: number;
  passed: boolean;
  steps: StepResult[];
  /** Steps not played because an earlier one failed. */
  notRun: number;
  error?: string;
}

export async function runTest(
  platform: TestPlatform,
  file: DialogTestFile,
  test: DialogTest,
): Promise<TestResult> {
  const started = performance.now();
  const steps: StepResult[] = [];
  let error: string | undefined;
  const { client, deviceId } = await platform.newDevice();
  try {
    for (const step of test.steps) {
      const dialogRequestId = crypto.randomUUID();
      const t0 = performance.now();
      const response = await client.sendText(step.user, {
        dialogRequestId,
        context: [...TERMINAL_CONTEXT],
      });
      const ms = Math.round(performance.now() - t0);
      let details: Observed["details"];
      try {
        const { turns } = await platform.api.request<{ turns: { result: Observed["details"] }[] }>(
          "GET",
          `${TURN_LOG_PATH}?deviceId=${encodeURIComponent(deviceId)}&dialogRequestId=${dialogRequestId}`,
        );
        details = turns[0]?.result;
      } catch {
        details = undefined;
      }
      const card = cardOf(response.directives);
      const observed: Observed = {
        status: response.status,
        speech: spokenText(response.directives),
        ...(card ? { card } : {}),
        expectSpeech: response.directives.some(
          (d) => nameOf(d) === "SpeechRecognizer.ExpectSpeech",
        ),
        directives: response.directives.map(nameOf),
        ...(details ? { details } : {}),
      };
      const mismatches = checkStep(step.expect, observed);
      steps.push({ user: step.user, at: step.at, ms, observed, mismatches });
      if (mismatches.length > 0) break; // later steps depend on this one
    }
  } catch (e) {
    error = (e as Error).message;
  } finally {
    client.close();
  }
  return {
    file: file.file,
    suite: file.name,
    name: test.name,
    at: test.at,
    ms: Math.round(performance.now() - started),
    passed:
      !error && steps.every((s) => s.mismatches.length === 0) && steps.length === test.steps.length,
    steps,
    notRun: test.steps.length - steps.length,
    ...(error ? { error } : {}),
  };
}

const show = (value: unknown) =>
  value === undefined
    ? "(nothing)"
    : typeof value === "string"
      ? JSON.stringify(value)
      : JSON.stringify(value);

/**
 * What the platform said about the extension's answer in a step: why the user heard the
 * apology (`error`), or what a played answer does against the content guidelines.
 */
function printExchange(out: Output, step: StepResult, indent: string): void {
  const exchange = step.observed?.details?.exchange;
  if (exchange?.error) out.line(`${indent}${out.c.red(`extension error: ${exchange.error}`)}`);
  for (const warning of exchange?.warnings ?? [])
    out.line(`${indent}${out.c.yellow(`extension warning: ${warning}`)}`);
}

export function printResult(out: Output, result: TestResult): void {
  const c = out.c;
  if (result.passed) {
    out.line(`  ${c.green("✔")} ${result.name} ${c.dim(`(${result.ms} ms)`)}`);
    for (const step of result.steps)
      if (step.observed?.details?.exchange?.warnings) {
        out.line(c.dim(`      user: ${step.user}`));
        printExchange(out, step, "        ");
      }
    return;
  }
  out.line(`  ${c.red("✖")} ${result.name} ${c.dim(result.at)}`);
  if (result.error) out.line(`      ${c.red(result.error)}`);
  for (const step of result.steps) {
    if (step.mismatches.length === 0) {
      out.line(c.dim(`      ✔ user: ${step.user}`));
      continue;
    }
    out.line(`      ${c.red("✖")} user: ${step.user} ${c.dim(step.at)}`);
    for (const m of step.mismatches) {
      out.line(`        ${c.bold(m.expectation)}: ${m.message}`);
      if (m.expected !== undefined)
        out.line(`          ${c.green(`- expected ${show(m.expected)}`)}`);
      if (m.actual !== undefined || m.expected !== undefined)
        out.line(`          ${c.red(`+ actual   ${show(m.actual)}`)}`);
    }
    printExchange(out, step, "        ");
  }
  if (result.notRun > 0)
    out.line(c.dim(`      … ${result.notRun} more step${result.notRun === 1 ? "" : "s"} not run`));
}
