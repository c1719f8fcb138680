// Utterance example syntax: `<slotName>surface</slotName>` (interaction-model.md §7.1).
// Our choices for the UNSPECIFIED points: tags name slots (identifier rule of §2), no nesting,
// no empty spans, `&lt;` `&gt;` `&amp;` are the only entities (a bare `&` stays literal),
// whitespace inside tags is kept as typed.
import { ModelError } from "./issues.js";

export interface UtteranceSlotSpan {
  name: string;
  /** Offsets into `ParsedUtterance.text` (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  text: string;
}

export interface ParsedUtterance {
  text: string;
  slots: UtteranceSlotSpan[];
}

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&" };
const TAG = /^<(\/?)([^<>]*)>/;
const SLOT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Parses one example; throws ModelError naming the 1-based column of the problem. */
export function parseUtterance(example: string): ParsedUtterance {
  let text = "";
  const slots: UtteranceSlotSpan[] = [];
  let open: { name: string; start: number; column: number } | undefined;
  let i = 0;
  while (i < example.length) {
    const ch = example[i] as string;
    if (ch === "&") {
      const entity = /^&[a-z]+;/.exec(example.slice(i, i + 6))?.[0];
      const decoded = entity ? ENTITIES[entity] : undefined;
      text += decoded ?? "&";
      i += decoded ? (entity as string).length : 1;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    const column = i + 1;
    const tag = TAG.exec(example.slice(i));
    if (!tag)
      throw new ModelError(
        "unclosed '<': write a literal '<' as &lt; or finish the tag with '>'",
        column,
      );
    const [whole, slash, name = ""] = tag;
    if (!SLOT_NAME.test(name))
      throw new ModelError(
        `invalid slot name ${JSON.stringify(name)} in tag ${whole} (letters, digits and _; starting with a letter)`,
        column,
      );
    if (slash === "") {
      if (open)
        throw new ModelError(
          `tag <${name}> opened inside <${open.name}> (opened at column ${open.column}); slot tags cannot nest`,
          column,
        );
      open = { name, start: text.length, column };
    } else {
      if (!open) throw new ModelError(`closing tag </${name}> without an opening tag`, column);
      if (open.name !== name)
        throw new ModelError(
          `closing tag </${name}> does not match <${open.name}> opened at column ${open.column}`,
          column,
        );
      const span = text.slice(open.start);
      if (span.trim() === "")
        throw new ModelError(`slot <${name}> has no text (empty span)`, open.column);
      slots.push({ name, start: open.start, end: text.length, text: span });
      open = undefined;
    }
    i += whole.length;
  }
  if (open)
    throw new ModelError(
      `tag <${open.name}> is never closed (missing </${open.name}>)`,
      open.column,
    );
  if (text.trim() === "") throw new ModelError("the utterance is empty", 1);
  return { text, slots };
}

/** Writes a parsed utterance back in tag syntax, escaping `<`, `>` and `&`. */
export function formatUtterance(parsed: ParsedUtterance): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  let out = "";
  let at = 0;
  for (const slot of [...parsed.slots].sort((a, b) => a.start - b.start)) {
    out += `${esc(parsed.text.slice(at, slot.start))}<${slot.name}>${esc(slot.text)}</${slot.name}>`;
    at = slot.end;
  }
  return out + esc(parsed.text.slice(at));
}
