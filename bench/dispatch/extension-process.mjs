// The extension for the benchmark, in its own process (own core): a fixed valid response.
import { createServer } from "node:http";

const body = JSON.stringify({
  version: "1.0",
  sessionAttributes: {},
  response: {
    outputSpeech: {
      type: "SimpleSpeech",
      values: { type: "PlainText", lang: "en", value: "We open at seven." },
    },
    card: {},
    directives: [],
    shouldEndSession: true,
  },
});
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, {
      "content-type": "application/json;charset=UTF-8",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("disconnect", () => process.exit(0));
