// Invalid Clova Home messages are rejected with the exact JSON path and what was wrong.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ProtocolValidationError,
  parseHomeRequest,
  parseHomeResponse,
  validateHomeRequest,
  validateHomeResponse,
} from "../src/index.js";

const header = (name: string) => ({
  messageId: "4b0f0c56-21d8-4ac2-8b5e-0d9b8e0f7a31",
  name,
  namespace: "ClovaHome",
  payloadVersion: "1.0",
});
const device = { accessToken: "tk-1", appliance: { applianceId: "lamp-1" } };
const request = (name: string, payload: Record<string, unknown>) => ({
  header: header(name),
  payload: { ...device, ...payload },
});

interface Case {
  what: string;
  body: unknown;
  /** Validate as the answer to this request; absent = as an incoming request. */
  answers?: "TurnOnRequest" | "GetOpenStateRequest" | "DiscoverAppliancesRequest";
  message: string;
}

const cases: Case[] = [
  {
    what: "wrong value type",
    body: request("SetTargetTemperatureRequest", { targetTemperature: { value: "24" } }),
    message: "payload.targetTemperature.value: expected number, got string",
  },
  {
    what: "missing extra field",
    body: request("SetBrightnessRequest", {}),
    message: "payload.brightness: expected object (required), got nothing",
  },
  {
    what: "out-of-range brightness",
    body: request("SetBrightnessRequest", { brightness: { value: 140 } }),
    message: "payload.brightness.value: expected number from 0 to 100, got 140",
  },
  {
    what: "fan speed outside 1–3",
    body: request("SetFanSpeedRequest", { fanSpeed: { value: 4 } }),
    message: "payload.fanSpeed.value: expected integer from 1 to 3, got 4",
  },
  {
    what: "missing accessToken",
    body: { header: header("TurnOnRequest"), payload: { appliance: { applianceId: "a" } } },
    message: "payload.accessToken: expected string (required), got nothing",
  },
  {
    what: "missing applianceId",
    body: { header: header("TurnOnRequest"), payload: { accessToken: "t", appliance: {} } },
    message: "payload.appliance.applianceId: expected non-empty string (required), got nothing",
  },
  {
    what: "payload omitted",
    body: { header: header("TurnOffRequest") },
    message: "payload: expected object (required), got nothing",
  },
  {
    what: "numeric payloadVersion",
    body: { header: { ...header("TurnOnRequest"), payloadVersion: 1 }, payload: device },
    message: "header.payloadVersion: expected non-empty string, got number",
  },
  {
    what: "wrong lockState",
    body: request("SetLockStateRequest", { lockState: "OPEN" }),
    message: 'payload.lockState: expected one of "LOCKED", "UNLOCKED", got "OPEN"',
  },
  {
    what: "wrong direction",
    body: request("StartOscillationRequest", { direction: { value: "diagonal" } }),
    message: 'payload.direction.value: expected one of "horizontal", "vertical", got "diagonal"',
  },
  {
    what: "hue out of range",
    body: request("SetColorRequest", { color: { hue: 400, saturation: 50 } }),
    message: "payload.color.hue: expected number from 0 to 360, got 400",
  },
  {
    what: "period without end",
    body: request("GetUsageTimeRequest", { period: { start: "2024-05-06T00:00:00+09:00" } }),
    message: "payload.period.end: expected string matching",
  },
  {
    what: "unknown request name",
    body: request("SetVolumeRequest", {}),
    message: 'header.name: expected a Clova Home request name, got "SetVolumeRequest"',
  },
  {
    what: "a response sent as a request",
    body: { header: header("TurnOnConfirmation"), payload: {} },
    message: 'header.name: expected a Clova Home request name, got "TurnOnConfirmation"',
  },
  {
    what: "wrong response name",
    answers: "TurnOnRequest",
    body: { header: header("TurnOnResponse"), payload: {} },
    message:
      'header.name: expected "TurnOnConfirmation" or an error name (…Error), got "TurnOnResponse"',
  },
  {
    what: "error without its fields",
    answers: "TurnOnRequest",
    body: { header: header("ValueOutOfRangeError"), payload: { minimumValue: 16 } },
    message: "payload.maximumValue: expected number (required), got nothing",
  },
  {
    what: "ConditionsNotMetError without state",
    answers: "TurnOnRequest",
    body: { header: header("ConditionsNotMetError"), payload: {} },
    message: "payload.state: expected non-empty string (required), got nothing",
  },
  {
    what: "wrong openState",
    answers: "GetOpenStateRequest",
    body: { header: header("GetOpenStateResponse"), payload: { openState: "LOCKED" } },
    message: 'payload.openState: expected one of "OPENED", "CLOSED", got "LOCKED"',
  },
  {
    what: "discovered device without types",
    answers: "DiscoverAppliancesRequest",
    body: {
      header: header("DiscoverAppliancesResponse"),
      payload: { discoveredAppliances: [{ applianceId: "x" }] },
    },
    message: "payload.discoveredAppliances[0].applianceTypes: expected array",
  },
  {
    what: "boundedNumber constraint without maxValue",
    answers: "DiscoverAppliancesRequest",
    body: {
      header: header("DiscoverAppliancesResponse"),
      payload: {
        discoveredAppliances: [
          {
            applianceId: "x",
            applianceTypes: ["LIGHT"],
            additionalApplianceDetails: {
              actionDetails: [
                { action: "SetBrightness", allowableValue: { type: "boundedNumber", minValue: 1 } },
              ],
            },
          },
        ],
      },
    },
    message:
      "payload.discoveredAppliances[0].additionalApplianceDetails.actionDetails[0].allowableValue.maxValue: expected number (required), got nothing",
  },
  {
    what: "unknown allowableValue type",
    answers: "DiscoverAppliancesRequest",
    body: {
      header: header("DiscoverAppliancesResponse"),
      payload: {
        discoveredAppliances: [
          {
            applianceId: "x",
            applianceTypes: ["LIGHT"],
            additionalApplianceDetails: {
              actionDetails: [{ action: "SetMode", allowableValue: { type: "enum" } }],
            },
          },
        ],
      },
    },
    message:
      'payload.discoveredAppliances[0].additionalApplianceDetails.actionDetails[0].allowableValue.type: expected one of "string", "number", "boundedNumber", got "enum"',
  },
];

describe("invalid Clova Home messages", () => {
  for (const c of cases) {
    it(`rejects ${c.what}`, () => {
      const result = c.answers
        ? validateHomeResponse(c.answers, c.body)
        : validateHomeRequest(c.body);
      assert.equal(result.ok, false);
      if (result.ok) return;
      const messages = result.issues.map((i) => i.message);
      assert.ok(
        messages.some((m) => m.startsWith(c.message)),
        `expected an issue starting with ${JSON.stringify(c.message)}, got ${JSON.stringify(messages)}`,
      );
      assert.equal(messages.length, 1, `one issue expected, got ${JSON.stringify(messages)}`);
    });
  }

  it("never crashes on non-objects", () => {
    for (const body of [null, 3, "x", [], { header: null }, { header: { name: 5 } }]) {
      const result = validateHomeRequest(body);
      assert.equal(result.ok, false);
      const answer = validateHomeResponse("TurnOnRequest", body);
      assert.equal(answer.ok, false);
    }
    assert.equal(validateHomeRequest(null).ok, false);
  });

  it("throws ProtocolValidationError from the parse forms", () => {
    assert.throws(
      () => parseHomeRequest(request("SetModeRequest", { mode: { value: 3 } })),
      (e: unknown) =>
        e instanceof ProtocolValidationError &&
        e.message ===
          "invalid Clova Home request: payload.mode.value: expected non-empty string, got number",
    );
    assert.throws(
      () =>
        parseHomeResponse("HealthCheckRequest", {
          header: header("HealthCheckConfirmation"),
          payload: {},
        }),
      /invalid answer to HealthCheckRequest: header\.name: expected "HealthCheckResponse"/,
    );
  });

  it("refuses a request name it does not know (programming error)", () => {
    assert.throws(
      () => validateHomeResponse("NopeRequest" as "TurnOnRequest", {}),
      /not a Clova Home request name/,
    );
  });
});
