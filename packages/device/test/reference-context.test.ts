// Every context the reference device sends must pass the protocol's own checks (cic.md §8):
// a field left out here makes the server refuse each event with System.Exception 400.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateCicEvent } from "@clover/protocol";
import { DeviceClient, ReferenceDevice } from "../src/index.js";

function check(device: ReferenceDevice): void {
  const result = validateCicEvent({
    context: device.context(),
    event: {
      header: {
        namespace: "TextRecognizer",
        name: "Recognize",
        messageId: "m-1",
        dialogRequestId: "d-1",
      },
      payload: { text: "hello" },
    },
  });
  assert.deepEqual(result.ok ? [] : result.issues, []);
}

describe("reference device context", () => {
  const client = new DeviceClient({ url: "http://127.0.0.1:9", accessToken: "unused" });

  it("is valid for a speaker and for a screen device", () => {
    check(new ReferenceDevice(client));
    check(
      new ReferenceDevice(client, {
        display: "l100",
        location: { latitude: "35.6", longitude: "139.7" },
      }),
    );
  });

  it("lists the service classes of paired Bluetooth devices even when none were given", () => {
    const device = new ReferenceDevice(client);
    device.bluetooth.btlist.push(
      { name: "Phone", address: "aa:bb:cc:dd:ee:ff", connected: true, role: "sink" },
      { name: "Headset", address: "11:22:33:44:55:66", connected: false, role: "source" },
    );
    check(device);
    const state = device.context().find((c) => c.header.name === "DeviceState")!.payload as {
      bluetooth: { btlist: { availableServiceClassList: string[] }[] };
    };
    assert.deepEqual(state.bluetooth.btlist[0]?.availableServiceClassList, [
      "AudioSource",
      "AVRemoteControl",
    ]);
    assert.deepEqual(state.bluetooth.btlist[1]?.availableServiceClassList, [
      "AudioSink",
      "AVRemoteControl",
    ]);
  });
});
