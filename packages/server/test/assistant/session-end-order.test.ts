// A session's SessionEndedRequest reaches the extension before the device's next session with
// it starts (cek-custom-extension.md §7.2), though the platform sends it without waiting: a
// real extension holds its answer to SessionEndedRequest and records what arrives meanwhile.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { DeviceInfo } from "../../src/assistant/turn.js";
import {
  answer,
  type Json,
  startExtension,
  type TestExtension,
} from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { device, register, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

const BAKERY = "com.example.bakery";
const CAFE = "com.example.cafe";

/**
 * An extension that logs each request's arrival ("<name>: <type> <deviceId>") in a log shared
 * with the test's other extensions, and holds its answers to SessionEndedRequest from `hold()`
 * until `release()` (logged as "<name>: answered …"). `releaseOn`: a request whose arrival
 * releases them, so that a wrong order shows in the log instead of stalling the test.
 */
interface HoldingExtension {
  ext: TestExtension;
  hold(): void;
  release(): void;
  releaseOn?: (request: Json) => boolean;
  /** The answer to IntentRequests (default: a question, the session stays open). */
  intentReply?: () => { status?: number; body: unknown };
}

async function holdingExtension(
  name: string,
  log: string[],
  keyPem: () => string,
): Promise<HoldingExtension> {
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  const holding: HoldingExtension = {
    ext: undefined as unknown as TestExtension,
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => open(),
  };
  holding.ext = await startExtension(async (request) => {
    const type: string = request.request.type;
    const deviceId: string = request.context.System.device.deviceId;
    log.push(`${name}: ${type} ${deviceId}`);
    if (holding.releaseOn?.(request)) holding.release();
    if (type === "SessionEndedRequest") {
      await gate;
      log.push(`${name}: answered ${type} ${deviceId}`);
      return { body: answer("") };
    }
    if (type === "IntentRequest" && holding.intentReply) return holding.intentReply();
    return { body: answer(`Welcome to ${name}.`, { end: false }) };
  }, keyPem);
  return holding;
}

/** The log's lines about one device. */
function linesOf(log: string[], deviceId: string): string[] {
  return log.filter((line) => line.endsWith(` ${deviceId}`));
}

const isLaunch = (request: Json) => request.request.type === "LaunchRequest";

describe("a session's end and the next session's start, in order", () => {
  const log: string[] = [];
  let platform: TestPlatform;
  let bakery: HoldingExtension;
  let cafe: HoldingExtension;

  before(async () => {
    // The bound on waiting for an unanswered end is far away here: only the order is measured.
    platform = await startPlatform({ session: { endWaitMs: 60_000 }, cek: { timeoutMs: 30_000 } });
    const keyPem = () => platform.keys.active.publicKeyPem;
    bakery = await holdingExtension("bakery", log, keyPem);
    cafe = await holdingExtension("cafe", log, keyPem);
    await register(platform, {
      id: BAKERY,
      displayName: "Bakery Bot",
      endpointUrl: bakery.ext.url,
      models: { en: bakeryModel("en") },
    });
    await register(platform, {
      id: CAFE,
      displayName: "Coffee Corner",
      endpointUrl: cafe.ext.url,
      models: { en: { ...bakeryModel("en"), invocation: { main: "coffee corner" } } },
    });
  });
  after(async () => {
    bakery.release();
    cafe.release();
    await platform.assistant.settled();
    await platform.close();
    await bakery.ext.close();
    await cafe.ext.close();
  });

  /**
   * Opens the bakery, ends its session with `end`, then opens it again while the extension
   * holds its answer to the end. The hold ends when a LaunchRequest arrives (the wrong order)
   * or 300 ms after the end arrived (enough for the old code's LaunchRequest to overtake it on
   * an idle machine; the fixed code sends nothing before the end is answered, however late).
   * `between`: what `end` makes the bakery receive before its SessionEndedRequest.
   */
  async function relaunchAfter(
    deviceId: string,
    end: (me: DeviceInfo) => Promise<unknown>,
    between: string[] = [],
  ) {
    const me = device({ deviceId });
    const opened = await platform.assistant.handleTurn(say("open bakery bot", me));
    assert.equal(opened.expectSpeech, true, "the bakery's session is open");
    bakery.hold();
    bakery.releaseOn = isLaunch;
    const from = bakery.ext.received.length;
    await end(me);
    const ended = bakery.ext.waitForRequest(
      (r) =>
        r.request.type === "SessionEndedRequest" && r.context.System.device.deviceId === deviceId,
      from,
      20_000,
    );
    const again = platform.assistant.handleTurn(say("open bakery bot", me));
    await ended;
    const backstop = setTimeout(() => bakery.release(), 300);
    const result = await again;
    clearTimeout(backstop);
    bakery.releaseOn = undefined;
    assert.equal(result.extensionId, BAKERY);
    assert.equal(result.speech[0]?.value, "Welcome to bakery.");
    assert.deepEqual(linesOf(log, deviceId), [
      `bakery: LaunchRequest ${deviceId}`,
      ...between.map((type) => `bakery: ${type} ${deviceId}`),
      `bakery: SessionEndedRequest ${deviceId}`,
      `bakery: answered SessionEndedRequest ${deviceId}`,
      `bakery: LaunchRequest ${deviceId}`,
    ]);
    await platform.assistant.handleTurn(say("stop", me));
    bakery.release();
    await platform.assistant.settled();
  }

  it("relaunching the open extension: its end is answered before the new launch arrives", async () => {
    await relaunchAfter("relaunch", async () => {});
  });

  it("after 'stop': the stop turn does not wait for the end, the next launch does", async () => {
    await relaunchAfter("after-stop", async (me) => {
      const stopped = await platform.assistant.handleTurn(say("stop", me));
      assert.deepEqual(stopped.speech, []);
      assert.ok(
        !log.includes("bakery: answered SessionEndedRequest after-stop"),
        "the stop turn returned while the end was unanswered",
      );
    });
  });

  it("after the listening window closed", async () => {
    await relaunchAfter("after-timeout", async () => {
      const ended = await platform.assistant.expireSessions(Date.now() + 10 * 60_000);
      assert.ok(ended >= 1);
    });
  });

  it("after an extension failure ended the session", async () => {
    bakery.intentReply = () => ({ status: 500, body: "broken" });
    try {
      await relaunchAfter(
        "after-error",
        async (me) => {
          const failed = await platform.assistant.handleTurn(say("when are you open", me));
          assert.match(failed.speech[0]?.value ?? "", /Bakery Bot/);
        },
        ["IntentRequest"],
      );
    } finally {
      bakery.intentReply = undefined;
    }
  });

  it("switching to another extension does not wait for the first one's end", async () => {
    const me = device({ deviceId: "switch" });
    await platform.assistant.handleTurn(say("open bakery bot", me));
    // The cafe's launch releases the bakery's end. Had the switch waited for that end, only
    // the backstop would release it, and the log would show the end answered first.
    bakery.hold();
    cafe.releaseOn = (request) => {
      if (isLaunch(request)) bakery.release();
      return false;
    };
    const backstop = setTimeout(() => bakery.release(), 15_000);
    const switched = await platform.assistant.handleTurn(say("open coffee corner", me));
    clearTimeout(backstop);
    cafe.releaseOn = undefined;
    assert.equal(switched.extensionId, CAFE);
    await platform.assistant.settled();
    assert.deepEqual(linesOf(log, "switch"), [
      "bakery: LaunchRequest switch",
      "bakery: SessionEndedRequest switch",
      "cafe: LaunchRequest switch",
      "bakery: answered SessionEndedRequest switch",
    ]);
    await platform.assistant.handleTurn(say("stop", me));
    await platform.assistant.settled();
  });
});

describe("an extension that does not answer its session's end", () => {
  const WAIT_MS = 300;
  const log: string[] = [];
  let platform: TestPlatform;
  let bakery: HoldingExtension;

  before(async () => {
    platform = await startPlatform({ session: { endWaitMs: WAIT_MS }, cek: { timeoutMs: 30_000 } });
    bakery = await holdingExtension("bakery", log, () => platform.keys.active.publicKeyPem);
    await register(platform, {
      id: BAKERY,
      displayName: "Bakery Bot",
      endpointUrl: bakery.ext.url,
      models: { en: bakeryModel("en") },
    });
  });
  after(async () => {
    bakery.release();
    await platform.assistant.settled();
    await platform.close();
    await bakery.ext.close();
  });

  it("delays the next launch by the configured bound, not by its deadline", async () => {
    const me = device({ deviceId: "silent" });
    await platform.assistant.handleTurn(say("open bakery bot", me));
    bakery.hold(); // released only once the new launch has arrived
    bakery.releaseOn = isLaunch;
    const started = performance.now();
    const again = await platform.assistant.handleTurn(say("open bakery bot", me));
    const tookMs = performance.now() - started;
    bakery.releaseOn = undefined;
    assert.equal(again.speech[0]?.value, "Welcome to bakery.");
    await platform.assistant.settled();
    assert.deepEqual(log, [
      "bakery: LaunchRequest silent",
      "bakery: SessionEndedRequest silent",
      "bakery: LaunchRequest silent",
      "bakery: answered SessionEndedRequest silent",
    ]);
    // The launch waited for the end that long (timers never fire early; 1 ms for rounding).
    assert.ok(tookMs >= WAIT_MS - 1, `the launch went out after ${tookMs} ms`);
  });
});
