// The simulated device's screen (Device.Display m100, 640×360 landscape): the newest visual
// answer as a device would show it — a RenderTemplate card laid out by its template type, the
// answer's text (RenderText), or the player of an AudioPlayer.Play.
import type { Directive } from "../cic/device.js";
import { langOf } from "./lang.js";

type Field = { value?: unknown };
type Payload = Record<string, unknown>;

const text = (field: unknown) => {
  const value = (field as Field | undefined)?.value ?? field;
  return typeof value === "string" ? value : "";
};
/** A safe image source: http(s) and data URLs only. */
const image = (field: unknown) => {
  const url = text(field);
  return /^(https?:|data:image\/)/.test(url) ? url : undefined;
};

/** The directive the screen shows: the newest visual one of the newest turn that has one. */
export function screenOf(turns: Directive[][]): Directive | undefined {
  for (let i = turns.length - 1; i >= 0; i--) {
    const visual = turns[i]!.filter(
      (d) =>
        d.header.name === "RenderTemplate" ||
        d.header.name === "RenderText" ||
        (d.header.namespace === "AudioPlayer" && d.header.name === "Play"),
    );
    // A card or a player wins over the answer's text in the same turn.
    const best =
      visual.find((d) => d.header.name === "RenderTemplate") ??
      visual.find((d) => d.header.name === "Play") ??
      visual[0];
    if (best) return best;
  }
  return undefined;
}

function Template({ payload }: { payload: Payload }) {
  const type = String(payload["type"] ?? "");
  const title = text(payload["title"]);
  const subtitle = text(payload["subtitle"]);
  const list = Array.isArray(payload["contentList"]) ? (payload["contentList"] as Payload[]) : [];
  const main =
    text(payload["mainText"]) || text(payload["text"]) || text(payload["description"]) || "";
  const picture = image(payload["imageUrl"]) ?? image(payload["backgroundImageUrl"]);
  if (list.length > 0)
    return (
      <div className={`screen-template list ${type}`}>
        {title && <h3 lang={langOf(title)}>{title}</h3>}
        <ul>
          {list.slice(0, 6).map((item, n) => {
            const label = text(item["title"]) || text(item["text"]) || text(item["mainText"]);
            const src = image(item["imageUrl"]) ?? image(item["thumbnailImageUrl"]);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: items of a card have no id
              <li key={n}>
                {src && <img src={src} alt="" />}
                <span lang={langOf(label)}>{label}</span>
                {text(item["subtitle"]) && <span className="sub">{text(item["subtitle"])}</span>}
              </li>
            );
          })}
        </ul>
      </div>
    );
  return (
    <div className={`screen-template ${picture ? "image-text" : "text"} ${type}`}>
      {picture && <img src={picture} alt="" />}
      <div>
        {title && <h3 lang={langOf(title)}>{title}</h3>}
        {subtitle && <p className="sub">{subtitle}</p>}
        {main && (
          <p className="main" lang={langOf(main)}>
            {main}
          </p>
        )}
      </div>
    </div>
  );
}

function Player({ payload }: { payload: Payload }) {
  const item = (payload["audioItem"] ?? {}) as Payload;
  const title = text(item["titleText"]) || "Playing";
  const art = image(item["artImageUrl"]);
  return (
    <div className="screen-player">
      {art ? <img src={art} alt="" /> : <div className="art" aria-hidden="true" />}
      <div>
        {text(item["headerText"]) && <p className="sub">{text(item["headerText"])}</p>}
        <h3 lang={langOf(title)}>{title}</h3>
        {text(item["titleSubText1"]) && <p>{text(item["titleSubText1"])}</p>}
        {text(item["titleSubText2"]) && <p className="sub">{text(item["titleSubText2"])}</p>}
        <p className="controls" aria-hidden="true">
          ◀◀ ▶ ▶▶
        </p>
      </div>
    </div>
  );
}

export function DisplayPreview({ shown }: { shown: Directive | undefined }) {
  const name = shown?.header.name;
  return (
    <figure className="device-screen" aria-label="Device screen">
      <div
        className="screen"
        data-showing={shown ? `${shown.header.namespace}.${shown.header.name}` : "nothing"}
      >
        {!shown && <p className="idle">The screen shows cards, answers and the player here.</p>}
        {name === "RenderTemplate" && <Template payload={shown!.payload} />}
        {name === "RenderText" && (
          <p className="screen-text" lang={langOf(String(shown!.payload["text"] ?? ""))}>
            {String(shown!.payload["text"] ?? "")}
          </p>
        )}
        {name === "Play" && <Player payload={shown!.payload} />}
      </div>
      <figcaption className="small muted">
        Screen of the simulated device (m100, 640×360)
      </figcaption>
    </figure>
  );
}
