// A Clova.RenderTemplate card: its type, texts and images, whatever the template.
type Field = { value?: unknown };

function texts(payload: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, field] of Object.entries(payload)) {
    const value = (field as Field)?.value;
    if (typeof value === "string" && value !== "" && !/url/i.test(key)) out.push([key, value]);
  }
  return out;
}

export function Card({ payload }: { payload: Record<string, unknown> }) {
  const images = Object.entries(payload).filter(
    ([k, f]) => /imageurl/i.test(k) && typeof (f as Field)?.value === "string",
  );
  const list = Array.isArray(payload["contentList"])
    ? (payload["contentList"] as Record<string, unknown>[])
    : [];
  return (
    <figure className="clova-card">
      <figcaption className="muted">{String(payload["type"] ?? "card")}</figcaption>
      {images.map(([k, f]) => (
        <img key={k} src={String((f as Field).value)} alt="" loading="lazy" />
      ))}
      {texts(payload).map(([k, v]) => (
        <p key={k} className={/title/i.test(k) ? "card-title" : undefined}>
          {v}
        </p>
      ))}
      {list.length > 0 && (
        <ul>
          {list.map((item, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: card items have no id
            <li key={n}>
              {texts(item)
                .map(([, v]) => v)
                .join(" · ")}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
