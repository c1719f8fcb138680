// Where a JSON path (`intents[2].utterances[5]`) is in a JSON/YAML source: line and column,
// through the yaml library's source ranges (JSON is YAML).
import { isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";

export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(`"${match[3]}"`) as string);
    else if (match[1] !== undefined && match[1] !== "(root)") segments.push(match[1]);
  }
  return segments;
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** Finds the deepest node of `path` present in the source (a missing key: its parent). */
export function locator(
  source: string,
): (path: string | undefined, at?: "key" | "value") => SourcePosition | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, keepSourceTokens: false });
  return (path, at = "value") => {
    if (path === undefined) return undefined;
    const segments = pathSegments(path);
    // at "key": point at the key itself (when an unknown or misspelt key is the finding).
    const last = segments.at(-1);
    if (typeof last === "string" && at === "key") {
      const parent = doc.getIn(segments.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
        const key = pair?.key;
        if (isScalar(key) && key.range) {
          const pos = lineCounter.linePos(key.range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
    }
    for (let n = segments.length; n >= 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return undefined;
  };
}
