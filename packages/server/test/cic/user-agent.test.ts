// The User-Agent policy of cic.md §2.4 / §15.1 #3 through a real platform and HTTP/2: warn
// (default) lets any value through and logs each distinct bad one once, strict refuses bad
// values and unregistered products with 400 System.Exception naming the problem, off skips it.
import assert from "node:assert/strict";
import http2 from "node:http2";
import { Writable } from "node:stream";
import { after, describe, it } from "node:test";
import { DeviceClient, logIn } from "@clover/device";
import { pino } from "pino";
import { parseUserAgent } from "../../src/cic/user-agent.js";
import { type DeviceSideWorld, startWorld } from "../device-side/clover.js";

describe("User-Agent grammar (cic.md §2.4)", () => {
  it("accepts the spec's examples and the reference device's", () => {
    for (const value of [
      "Orbit Audio/HomeCube/3.4.0 (OrbitOS 2.0;cortex-a53;region=KR;ring=beta)",
      "ExampleCorp/VoiceKiosk/1.0.9-rc.2+b771 (Linux 5.10;Kiosk_Board_v2;site=Hall%20B)",
      "EC/PocketApp/0.3.1 (Android 12;Phone)",
      "EC / PocketApp / 0.3.1(Android 12 ; Phone)",
      "Clover/ReferenceDevice/0.1.0 (Node.js;reference)",
    ])
      assert.equal(typeof parseUserAgent(value), "object", value);
    const parsed = parseUserAgent(
      "Orbit Audio/HomeCube/3.4.0 (OrbitOS 2.0;cortex-a53;region=KR;ring=beta)",
    );
    assert.deepEqual(parsed, {
      manufacturer: "Orbit Audio",
      product: "HomeCube",
      firmwareVersion: "3.4.0",
      os: "OrbitOS 2.0",
      hardware: "cortex-a53",
      properties: { region: "KR", ring: "beta" },
    });
  });

  it("names what is wrong", () => {
    const cases: [string | undefined, RegExp][] = [
      [undefined, /missing/],
      ["curl/8.4.0", /\(OS;Hardware\)/],
      ["EC/PocketApp/1.2 (Android;Phone)", /FirmwareVersion "1\.2"/],
      ["EC/PocketApp/1.2.3 (Android)", /OS;Hardware/],
      ["EC//1.2.3 (Android;Phone)", /Product ""/],
      ["EC/Pocket  App/1.2.3 (Android;Phone)", /Product "Pocket {2}App"/],
      ["EC/PocketApp/1.2.3 (Android;Phone;site=Hall B)", /property "site=Hall B"/],
      ["EC/PocketApp/1.2.3 (Android;Phone) extra", /\(OS;Hardware\)/],
      [`EC/${"a".repeat(600)}/1.2.3 (A;B)`, /longer than 512/],
    ];
    for (const [value, problem] of cases) {
      const parsed = parseUserAgent(value);
      assert.equal(typeof parsed, "string", String(value));
      assert.match(parsed as string, problem);
    }
  });
});

function ping(
  url: string,
  token: string,
  userAgent?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url);
    session.on("error", reject);
    const stream = session.request({
      ":path": "/ping",
      authorization: `Bearer ${token}`,
      ...(userAgent !== undefined ? { "user-agent": userAgent } : {}),
    });
    let status = 0;
    let text = "";
    stream.setEncoding("utf8");
    stream.on("response", (h) => {
      status = Number(h[":status"]);
    });
    stream.on("data", (chunk: string) => {
      text += chunk;
    });
    stream.on("end", () => {
      session.close();
      resolve({ status, text });
    });
    stream.on("error", reject);
    stream.end();
  });
}

async function tokenFor(world: DeviceSideWorld, deviceId: string): Promise<string> {
  const identity = {
    url: world.server.url,
    clientId: world.clientId,
    clientSecret: world.clientSecret,
    deviceId,
    modelId: "REF-1",
  };
  return (await logIn(identity)).access_token;
}

describe("User-Agent policy on the CIC endpoints", () => {
  const worlds: DeviceSideWorld[] = [];
  after(() => Promise.all(worlds.map((w) => w.close())));

  it("strict: 400 System.Exception for a malformed or unregistered User-Agent", async () => {
    const world = await startWorld({
      examples: "off",
      device: { userAgentPolicy: "strict", userAgentAllow: ["Clover/ReferenceDevice"] },
    });
    worlds.push(world);
    const token = await tokenFor(world, "ua-strict");
    const bad = await ping(world.server.url, token, "curl/8.4.0");
    assert.equal(bad.status, 400);
    assert.match(bad.text, /"name":"Exception"/);
    assert.match(bad.text, /must end with \\"\(OS;Hardware\)\\"/);
    const missing = await ping(world.server.url, token, "");
    assert.equal(missing.status, 400);
    const other = await ping(
      world.server.url,
      token,
      "Orbit Audio/HomeCube/3.4.0 (OrbitOS 2.0;cortex-a53)",
    );
    assert.equal(other.status, 400);
    assert.match(other.text, /Orbit Audio\/HomeCube .*not registered/);
    // The reference device (registered) opens its downchannel and talks.
    const device = new DeviceClient({ url: world.server.url, accessToken: token });
    await device.openDownchannel(() => {});
    assert.equal(await device.ping(), 204);
    const refused = new DeviceClient({
      url: world.server.url,
      accessToken: token,
      userAgent: "NoGrammar",
    });
    await assert.rejects(
      refused.openDownchannel(() => {}),
      /400/,
    );
    refused.close();
    device.close();
  });

  it("warn (default): answers as usual and logs each distinct bad value once", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "warn" },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const world = await startWorld({ examples: "off" }, { logger });
    worlds.push(world);
    const token = await tokenFor(world, "ua-warn");
    assert.equal((await ping(world.server.url, token, "curl/8.4.0")).status, 204);
    assert.equal((await ping(world.server.url, token, "curl/8.4.0")).status, 204);
    const warned = lines.filter((line) => line.includes("User-Agent does not follow"));
    assert.equal(warned.length, 1);
    assert.match(warned[0]!, /"userAgent":"curl\/8.4.0"/);
  });

  it("off: no check at all", async () => {
    const world = await startWorld({ examples: "off", device: { userAgentPolicy: "off" } });
    worlds.push(world);
    const token = await tokenFor(world, "ua-off");
    assert.equal((await ping(world.server.url, token, "curl/8.4.0")).status, 204);
  });
});
