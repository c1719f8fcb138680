// Runs of adjacent atoms become mentions: one frame, or two joined by "to"/から/부터.
import type { ResolvedSlotValue } from "../types.js";
import { empty, type Frame, fill, interval, single } from "./frame.js";
import type { Ctx, Located } from "./model.js";

export interface Mention {
  start: number;
  end: number;
  resolved: ResolvedSlotValue;
}

/**
 * Turns atoms (in text order, each run already known to be adjacent) into mentions.
 * `adjacent(i)` tells whether atom i directly follows atom i-1 (only spaces between).
 */
export function compose(
  atoms: readonly Located[],
  adjacent: (i: number) => boolean,
  c: Ctx,
): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < atoms.length) {
    const result = parseMention(atoms, i, adjacent, c);
    if (result) {
      mentions.push(result.mention);
      i = result.next;
    } else i++;
  }
  return mentions;
}

function parseMention(
  atoms: readonly Located[],
  first: number,
  adjacent: (i: number) => boolean,
  c: Ctx,
): { mention: Mention; next: number } | undefined {
  let i = first;
  const from = atoms[i]!.atom.k === "from";
  if (from || atoms[i]!.atom.k === "join") i++;
  const a: Frame = {};
  let aEnd = -1;
  let j = i;
  for (; j < atoms.length && (j === first || adjacent(j)); j++) {
    const atom = atoms[j]!.atom;
    if (atom.k === "join") continue;
    const ok = fill(a, atom, c);
    if (ok === "invalid") return undefined;
    if (!ok) break;
    aEnd = j;
  }
  if (empty(a)) return undefined;
  const resolvedA = single(a, c);
  if (!resolvedA) return undefined;
  const best = {
    mention: { start: atoms[i]!.start, end: atoms[aEnd]!.end, resolved: resolvedA },
    next: aEnd + 1,
  };
  const startOffset = from ? atoms[first]!.start : atoms[i]!.start;
  // a range: "<a> to <b>", "<a>から<b>まで", "<a>부터 <b>까지"
  let k = aEnd + 1;
  const link = atoms[k]?.atom;
  // "and" links a range only after "between" ("between 3 and 5", not "Monday and Friday")
  let opened = from;
  for (let n = i; n <= aEnd; n++) {
    const atom = atoms[n]!.atom;
    if (atom.k === "time" && atom.opens) opened = true;
  }
  if (link && adjacent(k) && ((link.k === "to" && (!link.weak || opened)) || link.k === "from")) {
    k++;
    const b: Frame = {};
    let bEnd = -1;
    for (let n = k; n < atoms.length && adjacent(n); n++) {
      const atom = atoms[n]!.atom;
      if (atom.k === "join") continue;
      if (fill(b, atom, rangeEndCtx(c, a)) !== true) break;
      bEnd = n;
    }
    if (bEnd >= 0) {
      let end = bEnd;
      if (end + 1 < atoms.length && adjacent(end + 1) && atoms[end + 1]!.atom.k === "until") end++;
      const resolved = interval({ ...a }, b, c);
      if (resolved)
        return { mention: { start: startOffset, end: atoms[end]!.end, resolved }, next: end + 1 };
    }
  }
  return best;
}

/** The end of a range is resolved forward from its start ("Friday to Sunday"). */
function rangeEndCtx(c: Ctx, a: Frame): Ctx {
  const start = a.days ? a.days[0] : a.day;
  return start === undefined ? { ...c, dir: 1 } : { ...c, today: start, now: 0, dir: 1 };
}
