// The floor: node:http answering a fixed, pre-serialized dice response without parsing.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const body = JSON.stringify({
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
    reprompt: {
      outputSpeech: {
        type: "SimpleSpeech",
        values: { type: "PlainText", lang: "en", value: "Roll again?" },
      },
    },
    card: {},
    directives: [],
    shouldEndSession: false,
  },
});
const length = Buffer.byteLength(body);

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, {
      "content-type": "application/json;charset=UTF-8",
      "content-length": length,
    });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
