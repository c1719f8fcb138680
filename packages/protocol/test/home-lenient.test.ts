// The §14 resolutions: forms the sources disagree on are accepted as the spec decides.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type HomeRequestName, validateHomeRequest, validateHomeResponse } from "../src/index.js";

const header = (name: string, namespace = "ClovaHome") => ({
  messageId: "9f1d7f0e-6a43-4f43-9a67-3f3c2d1b0a99",
  name,
  namespace,
  payloadVersion: "1.0",
});
const device = { accessToken: "tk-1", appliance: { applianceId: "dev-1" } };

function acceptsRequest(name: string, payload: Record<string, unknown>, namespace?: string) {
  const result = validateHomeRequest({
    header: header(name, namespace),
    payload: { ...device, ...payload },
  });
  assert.deepEqual(result.ok ? [] : result.issues.map((i) => i.message), []);
}
function acceptsAnswer(request: HomeRequestName, name: string, payload: Record<string, unknown>) {
  const result = validateHomeResponse(request, { header: header(name), payload });
  assert.deepEqual(result.ok ? [] : result.issues.map((i) => i.message), []);
  assert.equal(result.ok && result.kind, "success");
}

describe("Clova Home source inconsistencies (§14)", () => {
  it("#3 namespace in any letter case", () => {
    acceptsRequest("TurnOnRequest", {}, "CLOVAHome");
  });

  it("#4 customCommands optional, #5 sparse devices, tags null", () => {
    acceptsAnswer("DiscoverAppliancesRequest", "DiscoverAppliancesResponse", {
      discoveredAppliances: [{ applianceId: "a:b:c", applianceTypes: ["TOASTER"], tags: null }],
    });
  });

  it("#6 targetBrightness / targetFanSpeed echo names", () => {
    acceptsAnswer("IncrementBrightnessRequest", "IncrementBrightnessConfirmation", {
      targetBrightness: { value: 60 },
      previousState: { targetBrightness: { value: 40 } },
    });
    acceptsAnswer("DecrementFanSpeedRequest", "DecrementFanSpeedConfirmation", {
      targetFanSpeed: { value: 1 },
    });
  });

  it("#7 ReleaseMode mode as object or bare string", () => {
    acceptsRequest("ReleaseModeRequest", { mode: { value: "sleep" } });
    acceptsRequest("ReleaseModeRequest", { mode: "sleep" });
    const bad = validateHomeRequest({
      header: header("ReleaseModeRequest"),
      payload: { ...device, mode: 7 },
    });
    assert.equal(bad.ok, false);
  });

  it("#8 ReleaseMode previousState flat or nested", () => {
    acceptsAnswer("ReleaseModeRequest", "ReleaseModeConfirmation", {
      mode: { value: "auto" },
      previousState: { mode: { value: "sleep" } },
    });
    acceptsAnswer("ReleaseModeRequest", "ReleaseModeConfirmation", {
      previousState: { value: "sleep" },
    });
  });

  it("#10 detectedTime as ISO string or {value: text}", () => {
    acceptsAnswer("GetDetectedTimeRequest", "GetDetectedTimeResponse", {
      detectedTime: "2024-05-09T22:00:00+09:00",
    });
    acceptsAnswer("GetDetectedTimeRequest", "GetDetectedTimeResponse", {
      detectedTime: { value: "yesterday at 10 pm" },
    });
  });

  it("#11 OpenState key accepted beside openState", () => {
    acceptsAnswer("GetOpenStateRequest", "GetOpenStateResponse", { openState: "OPENED" });
    acceptsAnswer("GetOpenStateRequest", "GetOpenStateResponse", { OpenState: "CLOSED" });
  });

  it("#13 deltaTemperature accepted for intensity steps", () => {
    acceptsRequest("IncrementIntensityLevelRequest", { deltaIntensity: { value: 1 } });
    acceptsRequest("DecrementIntensityLevelRequest", { deltaTemperature: { value: 1 } });
  });

  it("#15 count as number or digit string", () => {
    acceptsRequest("ChangeInputSourceRequest", { count: { value: 3 } });
    acceptsRequest("ChangeInputSourceRequest", { count: { value: "3" } });
    acceptsRequest("ChangeInputSourceRequest", {});
  });

  it("#24 TurnOnConfirmation with or without settings", () => {
    acceptsAnswer("TurnOnRequest", "TurnOnConfirmation", {});
    acceptsAnswer("TurnOnRequest", "TurnOnConfirmation", { fanSpeed: { value: 2 } });
  });

  it("durations in both ISO forms, timestamps with offset or Z", () => {
    acceptsAnswer("GetRemainingTimeRequest", "GetRemainingTimeResponse", {
      remainingTime: "PT1H25M",
      applianceResponseTimestamp: "2024-05-09T07:41:00Z",
    });
    acceptsAnswer("GetKeepWarmTimeRequest", "GetKeepWarmTimeResponse", {
      keepWarmTime: "P0001-04-10",
    });
    const bad = validateHomeResponse("GetUsageTimeRequest", {
      header: header("GetUsageTimeResponse"),
      payload: { usageTime: "P" },
    });
    assert.equal(bad.ok, false);
  });

  it("keeps unknown fields and unknown errors", () => {
    const body = { header: header("TurnOffRequest"), payload: { ...device, future: { x: 1 } } };
    const result = validateHomeRequest(body);
    assert.ok(result.ok);
    assert.deepEqual(result.value, body);
    const answer = validateHomeResponse("TurnOffRequest", {
      header: header("QuotaExceededError"),
      payload: {},
    });
    assert.equal(answer.ok && answer.kind, "unknownError");
  });

  it("#9 scene requests carry sceneId and sceneName", () => {
    const result = validateHomeRequest({
      header: header("ActionSceneRequest"),
      payload: { accessToken: "t", scene: { applianceId: "sc-1" } },
    });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.issues[0]?.path, "payload.scene.sceneId");
  });
});
