// Before `npm start`: the speech packages (pocketsphinx, eSpeak NG) when this machine can add
// them without asking anyone (root and apt-get, as in a fresh Debian container), then the
// console build. Elsewhere the platform starts without them and its banner names the command
// that adds them. CLOVER_SKIP_SYSTEM_PACKAGES=1 skips the packages.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const SPEECH = ["pocketsphinx", "pocketsphinx-en-us", "espeak-ng", "flite", "lame"];

const canInstall =
  process.env.CLOVER_SKIP_SYSTEM_PACKAGES !== "1" &&
  process.platform === "linux" &&
  process.getuid?.() === 0 &&
  spawnSync("/bin/sh", ["-c", "command -v apt-get"]).status === 0;
if (canInstall) {
  const result = spawnSync("bash", ["scripts/setup-system.sh", "--only", ...SPEECH], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0)
    console.error("speech packages: not installed; the platform starts without them");
}
const build = spawnSync(process.execPath, ["scripts/build-console.mjs"], {
  cwd: root,
  stdio: "inherit",
});
process.exit(build.status ?? 1);
