// One pocketsphinx_continuous process: PCM in on stdin, one hypothesis line per utterance out
// on stdout. Every process is tracked so that close() can end them all.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

export class RecognizerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private stderr = "";
  private stdoutBuffer = "";
  readonly exited: Promise<number | null>;

  constructor(command: string, args: string[], registry: Set<RecognizerProcess>) {
    // Node hands a child a socket as stdin, which pocketsphinx cannot open as a file: a shell
    // pipeline gives it a real pipe. The group (detached) is killed as a whole.
    this.child = spawn("sh", ["-c", 'cat | exec "$0" "$@"', command, ...args], {
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    registry.add(this);
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (text: string) => {
      this.stdoutBuffer += text;
      const parts = this.stdoutBuffer.split("\n");
      this.stdoutBuffer = parts.pop() ?? "";
      for (const line of parts) if (line.trim()) this.lines.push(line.trim());
    });
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (text: string) => {
      this.stderr = (this.stderr + text).slice(-8192);
    });
    this.child.stdin.on("error", () => {});
    this.exited = new Promise((resolve) => {
      this.child.on("error", (error) => {
        this.stderr += `\n${error.message}`;
        resolve(null);
      });
      this.child.on("close", (code) => {
        registry.delete(this);
        resolve(code);
      });
    });
  }

  get alive(): boolean {
    return (
      this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined
    );
  }

  write(pcm: Buffer): void {
    if (this.alive && !this.child.stdin.destroyed) this.child.stdin.write(pcm);
  }

  /** Ends the audio and waits for the final hypothesis (killing the process after timeoutMs). */
  async finish(timeoutMs: number): Promise<string> {
    this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const code = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (code === "timeout") {
      this.kill();
      throw new Error(`pocketsphinx did not finish within ${timeoutMs} ms`);
    }
    if (code !== 0) throw new Error(`pocketsphinx failed (exit ${code}): ${this.errorSummary()}`);
    if (this.stdoutBuffer.trim()) this.lines.push(this.stdoutBuffer.trim());
    return this.lines.join(" ");
  }

  errorSummary(): string {
    const important = this.stderr
      .split("\n")
      .filter((l) => /ERROR|FATAL|error|No such file/.test(l))
      .slice(-3);
    return (important.length ? important : this.stderr.split("\n").slice(-3)).join(" | ").trim();
  }

  kill(): void {
    if (!this.alive || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, "SIGKILL");
    } catch {
      this.child.kill("SIGKILL");
    }
  }
}
