// The PIMS content templates (cic.md §14) as a screen device shows them: Alarm, Timer,
// Reminder, ActionTimer and their lists; Schedule, ScheduleList, Memo, MemoList.
type Field = { value?: unknown } | undefined;
type Payload = Record<string, unknown>;

const ALERTS = ["Alarm", "Timer", "Reminder", "ActionTimer"];
const TEMPLATES = new Set([
  ...ALERTS,
  ...ALERTS.map((t) => `${t}List`),
  "Schedule",
  "ScheduleList",
  "Memo",
  "MemoList",
]);

export const pimsTemplate = (type: string) => TEMPLATES.has(type);

const value = (payload: Payload, key: string) => {
  const v = (payload[key] as Field)?.value;
  return typeof v === "string" ? v : "";
};

const time = (iso: string, withDate = true) => {
  const at = new Date(iso);
  if (!iso || Number.isNaN(at.getTime())) return iso;
  return at.toLocaleString(
    undefined,
    withDate ? { dateStyle: "medium", timeStyle: "short" } : { timeStyle: "short" },
  );
};

function AlertItem({ item }: { item: Payload }) {
  return (
    <>
      <span className="card-title">{time(value(item, "scheduledTime"))}</span>
      {value(item, "label") && <span> · {value(item, "label")}</span>}
      {value(item, "repeat") && <span className="muted"> · {value(item, "repeat")}</span>}
      {value(item, "description") && <div className="muted">{value(item, "description")}</div>}
    </>
  );
}

function ScheduleItem({ item }: { item: Payload }) {
  const allDay = value(item, "allDay") === "true";
  return (
    <>
      <span className="card-title">{value(item, "title")}</span>{" "}
      <span className="muted">
        {allDay
          ? value(item, "date")
          : `${time(value(item, "startTime"))}–${time(value(item, "endTime"), false)}`}
        {value(item, "location") ? ` · ${value(item, "location")}` : ""}
      </span>
    </>
  );
}

function MemoItem({ item }: { item: Payload }) {
  return (
    <>
      <span className="card-title">{value(item, "memoText")}</span>{" "}
      <span className="muted">{time(value(item, "createdTime"))}</span>
    </>
  );
}

export function PimsCard({ payload }: { payload: Payload }) {
  const type = String(payload["type"] ?? "");
  const base = type.replace(/List$/, "");
  const Item = ALERTS.includes(base) ? AlertItem : base === "Schedule" ? ScheduleItem : MemoItem;
  const list = (payload["alertList"] ?? payload["scheduleList"] ?? payload["memoList"]) as
    | Payload[]
    | undefined;
  return (
    <figure className="clova-card pims" data-template={type}>
      <figcaption className="muted">
        {type}
        {value(payload, "subtitle") ? ` · ${value(payload, "subtitle")}` : ""}
      </figcaption>
      {Array.isArray(list) ? (
        list.length === 0 ? (
          <p className="muted">{value(payload, "failureMessage") || "Nothing."}</p>
        ) : (
          <ul>
            {list.map((item, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: template items have no id
              <li key={n}>
                <Item item={item} />
              </li>
            ))}
          </ul>
        )
      ) : (
        <p>
          <Item item={payload} />
        </p>
      )}
    </figure>
  );
}
