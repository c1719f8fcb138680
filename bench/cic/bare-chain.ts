// The bare minimum a CIC→CEK hop must do, for comparison: parse the event JSON, build the CEK
// request body, sign it with RSA-2048/SHA-256, POST it with undici, answer the device.
import { generateKeyPairSync, randomUUID, sign } from "node:crypto";
import http2 from "node:http2";
import { Pool } from "undici";
import { answerStats } from "./server-stats.js";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pool = new Pool(process.env["DICE_URL"]!, { connections: 32 });
const boundary = "bare";
const server = http2.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const text = Buffer.concat(chunks).toString();
    const event = JSON.parse(
      text.slice(text.indexOf("\r\n\r\n") + 4, text.indexOf("\r\n--", text.indexOf("\r\n\r\n"))),
    );
    const body = Buffer.from(
      JSON.stringify({
        version: "1.0",
        session: {
          new: true,
          sessionAttributes: {},
          sessionId: randomUUID(),
          user: { userId: "U1" },
        },
        context: {
          System: {
            application: { applicationId: "com.clover.example.dice" },
            device: { deviceId: "d1", display: { size: "none" } },
            user: { userId: "U1" },
          },
        },
        request: {
          type: "IntentRequest",
          intent: {
            name: "ThrowDiceIntent",
            slots: { diceCount: { name: "diceCount", value: "3" } },
          },
        },
        dialogRequestId: event.event.header.dialogRequestId,
      }),
    );
    const response = await pool.request({
      path: "/",
      method: "POST",
      body,
      headers: {
        "content-type": "application/json;charset=UTF-8",
        signaturecek: sign("sha256", body, privateKey).toString("base64"),
      },
    });
    const answer = (await response.body.json()) as {
      response: { outputSpeech: { values: { value: string } } };
    };
    const directive = {
      directive: {
        header: { namespace: "Clova", name: "RenderText", messageId: randomUUID() },
        payload: { text: answer.response.outputSpeech.values.value },
      },
    };
    res.writeHead(200, { "content-type": `multipart/related; boundary=${boundary}` });
    res.end(
      `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(directive)}\r\n--${boundary}--\r\n`,
    );
  });
});
answerStats();
server.listen(0, "127.0.0.1", () =>
  process.send?.({ type: "ready", port: (server.address() as { port: number }).port }),
);
// A normal exit on SIGTERM, so that --cpu-prof writes its profile.
process.on("SIGTERM", () => process.exit(0));
