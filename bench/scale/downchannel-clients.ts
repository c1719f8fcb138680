// Child process of bench/scale/downchannels.ts: holds downchannels open on one node. It gets
// the node's URL and the devices' access tokens over IPC, opens STREAMS downchannels per
// HTTP/2 connection (as a load balancer multiplexes devices onto its connections to a node),
// answers "opened" with the count, and closes everything on "close". Loopback only.
import http2 from "node:http2";

type Start = { type: "start"; url: string; tokens: string[]; streamsPerSession: number };

const sessions: http2.ClientHttp2Session[] = [];
let failed = 0;
// Devices PING every 60 s (cic.md §2.7); a node closes an HTTP/2 connection silent for 180 s.
setInterval(() => {
  for (const session of sessions) if (!session.destroyed) session.ping(() => {});
}, 30_000).unref();

async function open(message: Start) {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(message.url)) throw new Error("loopback only");
  let opened = 0;
  let session: http2.ClientHttp2Session | undefined;
  // A bounded number of downchannels opening at once.
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < message.tokens.length; i++) {
    if (i % message.streamsPerSession === 0) {
      session = http2.connect(message.url);
      session.on("error", () => {});
      sessions.push(session);
    }
    const stream = session!.request({
      ":method": "GET",
      ":path": "/v1/directives",
      authorization: `Bearer ${message.tokens[i]}`,
    });
    stream.on("data", () => {});
    stream.on("error", () => {});
    const answered = new Promise<void>((resolve) => {
      stream.once("response", (headers) => {
        if (headers[":status"] === 200) opened++;
        else failed++;
        resolve();
      });
      stream.once("close", () => resolve());
    });
    inFlight.add(answered);
    void answered.then(() => inFlight.delete(answered));
    if (inFlight.size >= 200) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  process.send!({ type: "opened", opened, failed });
}

process.on("message", (message: Start | { type: "close" }) => {
  if (message.type === "start")
    open(message).catch((error) => process.send!({ type: "error", message: String(error) }));
  else {
    for (const session of sessions) session.destroy();
    process.exit(0);
  }
});
