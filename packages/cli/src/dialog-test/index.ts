export * from "./format.js";
export { junitXml } from "./junit.js";
export { checkStep, type Mismatch, type Observed, partialDiff } from "./match.js";
export { runTest, type TestResult } from "./runner.js";
