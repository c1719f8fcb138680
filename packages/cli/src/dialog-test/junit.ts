// JUnit XML report (the format CI systems read): a testsuite per file, a testcase per test.
import type { TestResult } from "./runner.js";

// Characters XML 1.0 cannot hold (C0 controls other than TAB, LF, CR).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

const xml = (text: string) =>
  text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`).replace(CONTROL, "");

function failureText(result: TestResult): string {
  const lines: string[] = [];
  if (result.error) lines.push(result.error);
  for (const step of result.steps)
    for (const m of step.mismatches)
      lines.push(
        `${step.at} user: ${step.user}\n  ${m.expectation}: ${m.message}\n  expected: ${JSON.stringify(m.expected)}\n  actual:   ${JSON.stringify(m.actual)}`,
      );
  return lines.join("\n");
}

export function junitXml(results: TestResult[]): string {
  const suites = new Map<string, TestResult[]>();
  for (const r of results) suites.set(r.file, [...(suites.get(r.file) ?? []), r]);
  const total = (rs: TestResult[]) => rs.reduce((s, r) => s + r.ms, 0) / 1000;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="clover dialog tests" tests="${results.length}" failures="${results.filter((r) => !r.passed).length}" time="${total(results).toFixed(3)}">`,
  );
  for (const [file, rs] of suites) {
    const name = rs[0]!.suite;
    out.push(
      `  <testsuite name="${xml(name)}" file="${xml(file)}" tests="${rs.length}" failures="${rs.filter((r) => !r.passed).length}" time="${total(rs).toFixed(3)}">`,
    );
    for (const r of rs) {
      const head = `    <testcase name="${xml(r.name)}" classname="${xml(name)}" time="${(r.ms / 1000).toFixed(3)}"`;
      if (r.passed) out.push(`${head}/>`);
      else {
        const text = failureText(r);
        out.push(`${head}>`);
        out.push(
          `      <failure message="${xml(text.split("\n")[0] ?? "failed")}">${xml(text)}</failure>`,
        );
        out.push("    </testcase>");
      }
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}
