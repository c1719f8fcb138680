// The CLI's own logic without a subprocess: partial JSON matching, step checks, WAV
// conversion and JSON-path locations.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toCicPcm } from "../src/device/wav.js";
import { checkStep, partialDiff } from "../src/dialog-test/match.js";
import { locator } from "../src/model/locate.js";

describe("partialDiff", () => {
  it("compares only the keys written, arrays by index, /regex/ strings as patterns", () => {
    const actual = {
      request: { type: "IntentRequest", intent: { name: "A", slots: { n: { value: "2" } } } },
      extra: [1, 2, 3],
    };
    assert.deepEqual(
      partialDiff({ request: { intent: { name: "A" } }, extra: [1, 2] }, actual),
      [],
    );
    assert.deepEqual(partialDiff({ request: { type: "/^Intent/" } }, actual), []);
    const diff = partialDiff(
      { request: { intent: { slots: { n: { value: "3" } } } }, extra: [1, 5, 3, 4] },
      actual,
    );
    assert.deepEqual(
      diff.map((m) => [m.expectation, m.expected, m.actual]),
      [
        ["request.intent.slots.n.value", "3", "2"],
        ["extra[1]", 5, 2],
        ["extra[3]", 4, undefined],
      ],
    );
    assert.equal(partialDiff({ missing: null }, actual).length, 0, "null means absent");
    assert.equal(partialDiff({ request: "x" }, actual)[0]?.message, "differs");
  });
});

describe("checkStep", () => {
  const observed = {
    status: 200,
    speech: "I rolled 2 dice: 3, 4. The total is 7.",
    expectSpeech: false,
    directives: ["Clova.RenderText"],
    details: { extensionId: "x.y", intent: { name: "Roll", slots: { n: { value: "2" } } } },
  };
  it("accepts matching speech text (case and spaces ignored), lists and regexes", () => {
    assert.deepEqual(
      checkStep(
        {
          speech: ["i ROLLED  2 dice", "/total is \\d+/"],
          session: "ended",
          intent: "Roll",
          slots: { n: "2" },
        },
        observed,
      ),
      [],
    );
  });
  it("names each expectation that fails, and those it cannot check without turn details", () => {
    const found = checkStep(
      { speech: "/seven/", session: "open", card: true, directives: ["AudioPlayer.Play"] },
      observed,
    );
    assert.deepEqual(
      found.map((m) => m.expectation),
      ["speech", "card", "session", "directives"],
    );
    const { details: _d, ...bare } = observed;
    assert.match(checkStep({ intent: "Roll" }, bare)[0]!.message, /no turn details/);
  });
});

function wavHeader(
  rate: number,
  channels: number,
  bits: number,
  format: number,
  dataBytes: number,
) {
  const h = Buffer.alloc(44);
  h.write("RIFFxxxxWAVEfmt ", 0, "ascii");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(format, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt16LE(bits, 34);
  h.write("data", 36, "ascii");
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

describe("toCicPcm", () => {
  it("mixes stereo down and resamples 48 kHz float to 16 kHz 16-bit", () => {
    const frames = 4800; // 0.1 s
    const data = Buffer.alloc(frames * 2 * 4);
    for (let i = 0; i < frames; i++) {
      data.writeFloatLE(0.5, i * 8);
      data.writeFloatLE(0.25, i * 8 + 4);
    }
    const { pcm, seconds } = toCicPcm(
      "a.wav",
      Buffer.concat([wavHeader(48_000, 2, 32, 3, data.length), data]),
    );
    assert.equal(seconds, 0.1);
    assert.equal(pcm.length, 1600 * 2);
    assert.equal(pcm.readInt16LE(100), Math.round(0.375 * 32767));
  });
  it("refuses what is not a WAV file with the file's name", () => {
    assert.throws(
      () => toCicPcm("song.mp3", Buffer.from("ID3......")),
      /song\.mp3: not a WAV file/,
    );
  });
});

describe("locator", () => {
  it("finds values, keys and the nearest existing parent of a JSON path", () => {
    const where = locator('{\n  "a": [\n    { "b": 1 }\n  ]\n}\n');
    assert.deepEqual(where("a[0].b"), { line: 3, column: 12 });
    assert.deepEqual(where("a[0].b", "key"), { line: 3, column: 7 });
    assert.deepEqual(where("a[0].zzz"), { line: 3, column: 5 });
  });
});
