// One utterance example with its slot spans highlighted. Selecting part of the text (mouse or
// Shift+arrows after focusing it) offers to make the selection a slot of the intent.
import { formatUtterance, type ParsedUtterance, parseUtterance } from "@clover/nlu";
import { useRef, useState } from "react";

export const SLOT_COLORS = 6;

interface Props {
  example: string;
  slotNames: string[];
  onChange: (example: string) => void;
  onRemove: () => void;
  /** The example with a new span; `name` may be a slot the intent does not have yet. */
  onMakeSlot: (example: string, name: string) => void;
  invalid: boolean;
}

function selectionIn(container: HTMLElement): { start: number; end: number } | undefined {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer))
    return undefined;
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  return { start, end: start + range.toString().length };
}

export function Utterance(props: Props) {
  const ref = useRef<HTMLSpanElement>(null);
  const [editing, setEditing] = useState(false);
  const [raw, setRaw] = useState(props.example);
  const [pick, setPick] = useState<{ start: number; end: number }>();
  const [slotName, setSlotName] = useState("");
  let parsed: ParsedUtterance | undefined;
  try {
    parsed = parseUtterance(props.example);
  } catch {
    parsed = undefined;
  }

  function onSelect() {
    if (!ref.current || !parsed) return;
    let span = selectionIn(ref.current);
    if (!span) return;
    // Trim spaces the selection took along.
    const text = parsed.text;
    while (span.start < span.end && text[span.start] === " ")
      span = { ...span, start: span.start + 1 };
    while (span.end > span.start && text[span.end - 1] === " ")
      span = { ...span, end: span.end - 1 };
    if (span.end <= span.start) return;
    const overlaps = parsed.slots.some((s) => span.start < s.end && span.end > s.start);
    if (overlaps) return;
    setPick(span);
    setSlotName(props.slotNames[0] ?? "");
  }

  function makeSlot(event: React.FormEvent) {
    event.preventDefault();
    if (!parsed || !pick || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(slotName)) return;
    const slots = [
      ...parsed.slots,
      { name: slotName, ...pick, text: parsed.text.slice(pick.start, pick.end) },
    ];
    slots.sort((a, b) => a.start - b.start);
    props.onMakeSlot(formatUtterance({ text: parsed.text, slots }), slotName);
    setPick(undefined);
    window.getSelection()?.removeAllRanges();
  }

  const unmark = (name: string, start: number) =>
    parsed &&
    props.onChange(
      formatUtterance({
        text: parsed.text,
        slots: parsed.slots.filter((s) => !(s.name === name && s.start === start)),
      }),
    );

  return (
    <li className={props.invalid ? "utterance invalid" : "utterance"}>
      {editing ? (
        <form
          className="row grow"
          onSubmit={(e) => {
            e.preventDefault();
            props.onChange(raw);
            setEditing(false);
          }}
        >
          <input
            aria-label="Utterance example with slot tags"
            className="mono"
            value={raw}
            onChange={(e) => setRaw(e.target.value)}
          />
          <button type="submit">Done</button>
        </form>
      ) : (
        // A read-only text box with a caret (contentEditable, every edit refused), so the
        // keyboard selects words too: arrows to move, Shift+arrows to select.
        // biome-ignore lint/a11y/useSemanticElements: an <input> cannot show the slot highlights
        <span
          className="utt"
          ref={ref}
          role="textbox"
          aria-readonly="true"
          aria-label={`Example: ${parsed?.text ?? props.example}. Select words to make them a slot.`}
          tabIndex={0}
          contentEditable
          suppressContentEditableWarning
          spellCheck={false}
          onBeforeInput={(e) => e.preventDefault()}
          onPaste={(e) => e.preventDefault()}
          onDrop={(e) => e.preventDefault()}
          onCut={(e) => e.preventDefault()}
          onKeyDown={(e) => {
            if (e.key === "Enter") e.preventDefault();
          }}
          onMouseUp={onSelect}
          onKeyUp={(e) => e.shiftKey && onSelect()}
          title="Select words to make them a slot"
        >
          {parsed ? render(parsed, props.slotNames) : <span className="mono">{props.example}</span>}
        </span>
      )}
      <span className="utt-actions">
        {parsed?.slots.map((s) => (
          <button
            key={`${s.name}@${s.start}`}
            type="button"
            className="quiet small"
            onClick={() => unmark(s.name, s.start)}
            aria-label={`Remove slot ${s.name} from this example`}
          >
            ✕ {s.name}
          </button>
        ))}
        {!editing && (
          <button
            type="button"
            className="quiet small"
            onClick={() => {
              setRaw(props.example);
              setEditing(true);
            }}
          >
            Edit
          </button>
        )}
        <button
          type="button"
          className="quiet small danger"
          onClick={props.onRemove}
          aria-label={`Delete example: ${parsed?.text ?? props.example}`}
        >
          Delete
        </button>
      </span>
      {pick && parsed && (
        <form className="slot-pick row" onSubmit={makeSlot}>
          <span>
            Make “<strong>{parsed.text.slice(pick.start, pick.end)}</strong>” a slot:
          </span>
          <input
            list="slot-names"
            aria-label="Slot name"
            value={slotName}
            onChange={(e) => setSlotName(e.target.value)}
            placeholder="slot name"
          />
          <datalist id="slot-names">
            {props.slotNames.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          <button type="submit" disabled={!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(slotName)}>
            Make slot
          </button>
          <button type="button" className="quiet" onClick={() => setPick(undefined)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}

function render(parsed: ParsedUtterance, slotNames: string[]) {
  const out: React.ReactNode[] = [];
  let at = 0;
  for (const s of parsed.slots) {
    if (s.start > at) out.push(parsed.text.slice(at, s.start));
    const color = Math.max(0, slotNames.indexOf(s.name)) % SLOT_COLORS;
    out.push(
      <mark key={s.start} className={`slot c${color}`} title={`slot ${s.name}`} data-slot={s.name}>
        {s.text}
      </mark>,
    );
    at = s.end;
  }
  if (at < parsed.text.length) out.push(parsed.text.slice(at));
  return out;
}
