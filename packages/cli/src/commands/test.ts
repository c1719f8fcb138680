// clover test: dialog tests (YAML) against a running platform (--url) or one started here.
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { outputOf } from "../core/command.js";
import { CliError, EXIT } from "../core/errors.js";
import { adminToken, normalizeUrl, platformUrl } from "../core/settings.js";
import { type DialogTestFile, parseDialogTestFile } from "../dialog-test/format.js";
import { junitXml } from "../dialog-test/junit.js";
import type { TestPlatform } from "../dialog-test/platform.js";
import { printResult, runTest, type TestResult } from "../dialog-test/runner.js";

interface TestOptions {
  url?: string;
  token?: string;
  endpoint?: string;
  examples?: boolean;
  junit?: string;
  grep?: string;
}

const TEST_FILE = /\.test\.ya?ml$/;

function collect(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (TEST_FILE.test(entry)) files.push(full);
    }
  };
  for (const path of paths) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      throw new CliError(`${path}: no such file or directory`, EXIT.usage);
    }
    if (stat.isDirectory()) walk(path);
    else files.push(path);
  }
  if (files.length === 0)
    throw new CliError(`no dialog test files (*.test.yaml) in ${paths.join(", ")}`, EXIT.usage);
  return files;
}

export function registerTest(program: Command): void {
  program
    .command("test")
    .description("run dialog tests: YAML conversations with expectations")
    .argument("<paths...>", "test files, or folders searched for *.test.yaml")
    .option(
      "--url <url>",
      "test a running platform (needs its admin token) instead of starting one",
    )
    .option("--token <token>", "admin token of the platform at --url (env CLOVER_ADMIN_TOKEN)")
    .option("--endpoint <url>", "endpoint of the extension under test (in-process platform)")
    .option("--examples", "register the example extensions on the in-process platform")
    .option("--junit <file>", "also write a JUnit XML report")
    .option("-g, --grep <pattern>", "only tests whose name matches this regular expression")
    .action(async (paths: string[], o: TestOptions, command: Command) => {
      const out = outputOf(command);
      const files: DialogTestFile[] = collect(paths).map(parseDialogTestFile);
      let grep: RegExp | undefined;
      try {
        grep = o.grep ? new RegExp(o.grep, "i") : undefined;
      } catch {
        throw new CliError(`--grep: invalid regular expression ${o.grep}`, EXIT.usage);
      }
      const extensions = new Map(
        files.flatMap((f) => (f.extension ? [[f.extension.id, f.extension] as const] : [])),
      );
      const { localPlatform, remotePlatform } = await import("../dialog-test/platform.js");
      let platform: TestPlatform;
      if (o.url) {
        const url = normalizeUrl(platformUrl(o.url));
        platform = await out.progress("connecting", remotePlatform(url, adminToken(o.token, url)));
      } else
        platform = await out.progress(
          "starting a platform",
          localPlatform([...extensions.values()], {
            examples: o.examples === true,
            ...(o.endpoint ? { endpoint: o.endpoint } : {}),
          }),
        );
      const results: TestResult[] = [];
      const started = performance.now();
      try {
        for (const file of files) {
          const tests = file.tests.filter((t) => !grep || grep.test(t.name));
          if (tests.length === 0) continue;
          out.line(out.c.bold(`${file.name} ${out.c.dim(file.file)}`));
          for (const test of tests) {
            const result = await out.progress(test.name, runTest(platform, file, test));
            results.push(result);
            printResult(out, result);
          }
        }
      } finally {
        await platform.close();
      }
      const failed = results.filter((r) => !r.passed).length;
      const ms = Math.round(performance.now() - started);
      if (o.junit) {
        mkdirSync(dirname(resolve(o.junit)), { recursive: true });
        writeFileSync(o.junit, junitXml(results));
      }
      out.result({ passed: results.length - failed, failed, ms, results }, () => {
        out.line("");
        const counts = `${results.length - failed} passed, ${failed} failed`;
        out.line(failed ? out.c.red(counts) : out.c.green(counts));
        out.line(out.c.dim(`finished in ${ms} ms`));
      });
      if (results.length === 0) throw new CliError("no test matched --grep", EXIT.usage);
      if (failed > 0) process.exitCode = EXIT.failure;
    });
}
