// A node:test reporter that prints, once every file has run, how long each test file took: its
// process from start to exit (wall, as the runner timed it) and the sum of its top-level tests'
// own durations. Events of a file reach reporters in file order, so only the runner's own
// timing of each file is its wall time. scripts/test.mjs writes every file's figures to
// `CLOVER_TEST_DURATIONS` (a file) or, unset, the 15 slowest files to stdout after the spec
// output.
export default async function* fileDurations(source) {
  const files = new Map();
  for await (const event of source) {
    const file = event.data?.file;
    if (!file || event.data.nesting !== 0) continue;
    const entry = files.get(file) ?? { wall: 0, tests: 0 };
    const ms = event.data.details?.duration_ms ?? 0;
    // The file itself is a top-level test named by its path (its process, start to exit); it
    // only completes, while its own top-level tests pass or fail.
    if (event.type === "test:complete" && event.data.name === file) entry.wall = ms;
    else if (event.type === "test:pass" || event.type === "test:fail") entry.tests += ms;
    files.set(file, entry);
  }
  const all = process.env.CLOVER_TEST_DURATIONS !== undefined;
  const rows = [...files.entries()]
    .map(([file, e]) => ({ file, wall: e.wall / 1000, tests: e.tests / 1000 }))
    .sort((a, b) => b.wall - a.wall || b.tests - a.tests);
  const cwd = `${process.cwd()}/`;
  yield `\nslowest test files (wall s, sum of top-level tests s)${all ? "" : ", top 15"}:\n`;
  for (const row of all ? rows : rows.slice(0, 15)) {
    yield `${row.wall.toFixed(1).padStart(7)} ${row.tests.toFixed(1).padStart(7)}  ${row.file.replace(cwd, "")}\n`;
  }
}
