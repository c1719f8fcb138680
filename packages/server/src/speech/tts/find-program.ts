// Where an engine program (flite, lame) is installed, if it is.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** The full path of a program on the PATH, or undefined when it is not installed. */
export function findProgram(name: string): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {}
  }
  return undefined;
}
