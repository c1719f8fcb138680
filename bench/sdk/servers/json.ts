// The least any extension does: node:http reading the body, JSON.parse, and JSON.stringify of
// a fixed answer (no validation, no routing). Shows how much of the SDK's cost is JSON itself.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const answer = {
  version: "1.0",
  sessionAttributes: { lastCount: 3 },
  response: {
    outputSpeech: {
      type: "SpeechList",
      values: [
        { type: "PlainText", lang: "en", value: "I rolled 3 dice: 2, 5, 1. The total is 8." },
        { type: "PlainText", lang: "en", value: "Roll again?" },
      ],
    },
    card: {},
    directives: [],
    shouldEndSession: false,
  },
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const request = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { version?: string };
    const body = JSON.stringify({ ...answer, version: request.version ?? "1.0" });
    res.writeHead(200, {
      "content-type": "application/json;charset=UTF-8",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
