// The appliance/action catalogue is consistent with the declared messages, and the naming
// rule pairs every request with its success response.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  declaredMessages,
  HOME_ACTION_DIALECT,
  HOME_ACTION_FAMILIES,
  HOME_ACTIONS,
  HOME_APPLIANCE_TYPES,
  HOME_ERROR_NAMES,
  HOME_LOCATIONS,
  HOME_MESSAGE_NAMES,
  HOME_MODES,
  HOME_REQUEST_NAMES,
  homeActionFamily,
  homeActionsForType,
  homeCodecFor,
  homeDialectValues,
  homePermittedActions,
  homeRequestNameFor,
  homeResponseNameFor,
  isHomeErrorName,
  normalizeHomeAction,
  TURN_ON_CONFIRMATION_FIELDS,
  TurnOnConfirmation,
} from "../src/index.js";

describe("Clova Home naming rule (§3.3)", () => {
  it("maps requests to their success names", () => {
    assert.equal(homeResponseNameFor("TurnOnRequest"), "TurnOnConfirmation");
    assert.equal(homeResponseNameFor("HealthCheckRequest"), "HealthCheckResponse");
    assert.equal(homeResponseNameFor("GetHumidityRequest"), "GetHumidityResponse");
    assert.equal(homeResponseNameFor("DiscoverScenesRequest"), "DiscoverScenesResponse");
    assert.equal(homeResponseNameFor("ActionSceneRequest"), "ActionSceneConfirmation");
    assert.equal(homeResponseNameFor("SetModeRequest"), "SetModeConfirmation");
    assert.throws(() => homeResponseNameFor("TurnOnConfirmation"), TypeError);
  });

  it("inverts only true pairs", () => {
    assert.equal(homeRequestNameFor("SetModeConfirmation"), "SetModeRequest");
    assert.equal(homeRequestNameFor("HealthCheckResponse"), "HealthCheckRequest");
    assert.equal(homeRequestNameFor("HealthCheckConfirmation"), undefined);
    assert.equal(homeRequestNameFor("TurnOnResponse"), undefined);
  });

  it("recognises error names", () => {
    assert.equal(isHomeErrorName("TargetOfflineError"), true);
    assert.equal(isHomeErrorName("SomeFutureError"), true);
    assert.equal(isHomeErrorName("TurnOnConfirmation"), false);
  });
});

describe("Clova Home message set", () => {
  it("declares the 192 message names of §0.3", () => {
    assert.equal(HOME_MESSAGE_NAMES.length, 192);
    assert.equal(HOME_REQUEST_NAMES.length, 89);
    assert.equal(HOME_ERROR_NAMES.length, 14);
    const home = declaredMessages().filter((c) => c.name.startsWith("home."));
    assert.equal(home.length, 192);
  });

  it("has a success response for every request and nothing unpaired", () => {
    const successes = new Set<string>();
    for (const request of HOME_REQUEST_NAMES) {
      const response = homeResponseNameFor(request);
      assert.ok(homeCodecFor(response), `${request} has no ${response}`);
      successes.add(response);
    }
    const rest = HOME_MESSAGE_NAMES.filter(
      (n) => !n.endsWith("Request") && !successes.has(n) && !isHomeErrorName(n),
    );
    assert.deepEqual(rest, []);
  });

  it("lists 86 actions, each with a message pair of the right family", () => {
    assert.equal(HOME_ACTIONS.length, 86);
    assert.equal(new Set(HOME_ACTIONS).size, 86);
    for (const action of HOME_ACTIONS) {
      const request = `${action}Request`;
      assert.ok(homeCodecFor(request), `no ${request}`);
      const response = homeResponseNameFor(request);
      assert.ok(homeCodecFor(response), `no ${response}`);
      const query = homeActionFamily(action) === "query";
      assert.equal(response.endsWith("Response"), query, action);
    }
    assert.equal(HOME_ACTION_FAMILIES.query.length, 41);
    for (const action of Object.keys(HOME_ACTION_DIALECT)) {
      assert.ok(normalizeHomeAction(action), action);
    }
  });
});

describe("Clova Home appliance catalogue (§4.7)", () => {
  const types = Object.entries(HOME_APPLIANCE_TYPES);

  it("has 57 types whose actions all have message pairs", () => {
    assert.equal(types.length, 57);
    for (const [type, info] of types) {
      for (const action of homeDialectValues(info)) {
        assert.ok(homeCodecFor(`${action}Request`), `${type}: ${action}`);
        assert.ok(homeCodecFor(homeResponseNameFor(`${action}Request`)), `${type}: ${action}`);
      }
      const all = homeDialectValues(info);
      assert.equal(new Set(all).size, all.length, `${type} lists an action twice`);
    }
  });

  it("uses every action somewhere", () => {
    const used = new Set(types.flatMap(([, info]) => homeDialectValues(info)));
    const unused = HOME_ACTIONS.filter((a) => !used.has(a));
    assert.deepEqual(unused, []);
  });

  it("keeps dialect-only actions out of the other dialect", () => {
    for (const [type, info] of types) {
      for (const [action, dialect] of Object.entries(HOME_ACTION_DIALECT)) {
        const other = dialect === "KR" ? "JP" : "KR";
        assert.ok(
          !homeActionsForType(type, other).includes(action as never),
          `${type} offers ${dialect}-only ${action} in ${other}`,
        );
      }
      if (info.dialects.length === 1) {
        assert.deepEqual(homeActionsForType(type, info.dialects[0] === "KR" ? "JP" : "KR"), []);
      }
    }
  });

  it("answers per dialect and as a union", () => {
    assert.ok(homeActionsForType("REFRIGERATOR", "JP").includes("SetFreezerTargetTemperature"));
    assert.ok(!homeActionsForType("REFRIGERATOR", "KR").includes("SetFreezerTargetTemperature"));
    assert.ok(homeActionsForType("REFRIGERATOR").includes("SetTargetTemperature"));
    assert.deepEqual(homeActionsForType("TOASTER"), []);
  });

  it("derives a device's permitted actions (§4.2)", () => {
    assert.deepEqual(
      homePermittedActions({
        applianceTypes: ["LIGHT"],
        actions: ["TurnOn", "SetTargetTemperature", "Fly", "TurnOn"],
      }),
      ["TurnOn"],
    );
    assert.equal(
      homePermittedActions({ applianceTypes: ["LIGHT"] }).length,
      homeActionsForType("LIGHT").length,
    );
    assert.deepEqual(
      homePermittedActions({
        applianceTypes: ["SMARTCHAIR"],
        actions: ["GetCurrtentSittingState"],
      }),
      ["GetCurrentSittingState"],
    );
    assert.deepEqual(homePermittedActions({ applianceTypes: ["TOASTER"], actions: ["TurnOn"] }), [
      "TurnOn",
    ]);
  });

  it("names only catalogue types in the mode and TurnOn tables", () => {
    for (const type of [...Object.keys(HOME_MODES), ...Object.keys(TURN_ON_CONFIRMATION_FIELDS)]) {
      assert.ok(type in HOME_APPLIANCE_TYPES, type);
    }
    const fields = Object.keys(TurnOnConfirmation.schema.properties.payload.properties);
    for (const list of Object.values(TURN_ON_CONFIRMATION_FIELDS)) {
      for (const field of list) assert.ok(fields.includes(field), field);
    }
    for (const [type, modes] of Object.entries(HOME_MODES)) {
      const actions = homeActionsForType(type);
      assert.ok(actions.includes("SetMode"), `${type} has modes but no SetMode`);
      assert.ok(homeDialectValues(modes).length > 0, type);
    }
  });

  it("has 45 KR and 21 JP location codes (§9.1)", () => {
    assert.equal(homeDialectValues(HOME_LOCATIONS, "KR").length, 45);
    assert.equal(homeDialectValues(HOME_LOCATIONS, "JP").length, 21);
  });
});
