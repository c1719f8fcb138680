// Where output goes: results on stdout (JSON with --json), messages on stderr, colours only on
// a terminal (NO_COLOR and --no-color turn them off, FORCE_COLOR on), and a spinner for
// anything that takes longer than a second.
import pc from "picocolors";
import yoctoSpinner from "yocto-spinner";

export interface OutputOptions {
  json: boolean;
  color?: boolean;
  debug: boolean;
  quiet?: boolean;
}

export type Colors = ReturnType<typeof pc.createColors>;

function colorWanted(requested: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (requested === false) return false;
  const env = process.env;
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  if (env["FORCE_COLOR"] !== undefined && env["FORCE_COLOR"] !== "0") return true;
  return stream.isTTY === true && env["TERM"] !== "dumb";
}

export class Output {
  readonly json: boolean;
  readonly debug: boolean;
  readonly quiet: boolean;
  /** Colours for stdout. */
  readonly c: Colors;
  /** Colours for stderr. */
  readonly ce: Colors;

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.debug = options.debug;
    this.quiet = options.quiet ?? false;
    this.c = pc.createColors(colorWanted(options.color, process.stdout));
    this.ce = pc.createColors(colorWanted(options.color, process.stderr));
  }

  /** A line of human output on stdout (nothing in --json mode). */
  line(text = ""): void {
    if (!this.json) process.stdout.write(`${text}\n`);
  }

  /** The command's result as JSON (--json mode only). */
  data(value: unknown): void {
    if (this.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Result: JSON in --json mode, else the human rendering. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.data(value);
    else human();
  }

  info(text: string): void {
    if (!this.quiet) process.stderr.write(`${text}\n`);
  }

  warn(text: string): void {
    process.stderr.write(`${this.ce.yellow("warning:")} ${text}\n`);
  }

  error(text: string, hint?: string): void {
    process.stderr.write(`${this.ce.red("error:")} ${text}\n`);
    if (hint) process.stderr.write(`${this.ce.dim(`hint: ${hint}`)}\n`);
  }

  /** Runs `work`; a spinner appears on a terminal if it lasts more than a second. */
  async progress<T>(text: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    const promise = typeof work === "function" ? work() : work;
    if (this.json || !process.stderr.isTTY) return promise;
    let spinner: ReturnType<typeof yoctoSpinner> | undefined;
    const timer = setTimeout(() => {
      spinner = yoctoSpinner({ text, stream: process.stderr }).start();
    }, 1000);
    try {
      return await promise;
    } finally {
      clearTimeout(timer);
      spinner?.stop();
    }
  }
}
