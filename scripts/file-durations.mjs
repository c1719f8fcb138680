// A node:test reporter that prints, once every file has run, how long each test file took:
// from the start of its process to its last event (wall), and the sum of its top-level tests' own durations.
// scripts/test.mjs writes it to `CLOVER_TEST_DURATIONS` (a file) or, unset, the 15 slowest
// files to stdout after the spec output.
export default async function* fileDurations(source) {
  const files = new Map();
  for await (const event of source) {
    const file = event.data?.file;
    if (!file) continue;
    const now = performance.now();
    let entry = files.get(file);
    if (!entry) {
      entry = { first: now, last: now, tests: 0, failed: 0 };
      files.set(file, entry);
    }
    // The file's own process starts when the runner takes it off its queue.
    if (event.type === "test:dequeue" && event.data.name === file) entry.first = now;
    entry.last = now;
    if ((event.type === "test:pass" || event.type === "test:fail") && event.data.nesting === 0) {
      entry.tests += event.data.details?.duration_ms ?? 0;
      if (event.type === "test:fail") entry.failed += 1;
    }
  }
  const all = process.env.CLOVER_TEST_DURATIONS !== undefined;
  const rows = [...files.entries()]
    .map(([file, e]) => ({ file, wall: (e.last - e.first) / 1000, tests: e.tests / 1000 }))
    .sort((a, b) => b.wall - a.wall);
  const cwd = `${process.cwd()}/`;
  yield `\nslowest test files (wall s, sum of top-level tests s)${all ? "" : ", top 15"}:\n`;
  for (const row of all ? rows : rows.slice(0, 15)) {
    yield `${row.wall.toFixed(1).padStart(7)} ${row.tests.toFixed(1).padStart(7)}  ${row.file.replace(cwd, "")}\n`;
  }
}
