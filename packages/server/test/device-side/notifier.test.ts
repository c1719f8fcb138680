// Notifier through real CIC (cic.md §9.5): notifications from the management API and from an
// extension's push endpoint reach every connected device of the user (Notify, the text
// spoken, SetIndicator), wait for offline devices, and are cleared when read.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type DeviceSideWorld, startWorld, until } from "./clover.js";

describe("Notifier", () => {
  let world: DeviceSideWorld;
  before(async () => {
    world = await startWorld({ examples: "off" });
  });
  after(() => world.close());

  it("Notifier.Notify and SetIndicator reach every connected device of the user", async () => {
    const kitchen = await world.device("kitchen", { account: "notified" });
    const hall = await world.device("hall", { account: "notified" });
    const other = await world.device("other", { account: "someone-else" });
    const sent = await world.api("POST", "/api/v1/users/notified/notifications", {
      text: "The laundry is done.",
    });
    assert.equal(sent.status, 201);
    assert.equal(sent.body.delivered, 2);
    await until(() => kitchen.indicator && hall.indicator);
    await Promise.all([kitchen.settle(), hall.settle(), other.settle()]);
    for (const device of [kitchen, hall]) {
      assert.equal(device.indicator, true);
      assert.equal(device.notifications.length, 1);
      assert.match(device.notifications[0]!, /clova:\/\/notifier\/sound\/default/);
      assert.ok(device.screen.text.includes("The laundry is done."));
    }
    assert.equal(other.indicator, false);
  });

  it("Notifier.SetIndicator waits for a device that was offline, ClearIndicator when read", async () => {
    await world.api("POST", "/api/v1/users/later/notifications", { text: "Parcel delivered." });
    const device = await world.device("late", { account: "later" });
    await until(() => device.indicator);
    const read = await device.say("read my notifications");
    assert.ok(
      read.directives.some((d) => d.header.name === "Speak" || d.header.name === "RenderText"),
    );
    assert.ok(device.screen.text.includes("Parcel delivered."));
    await until(() => !device.indicator);
    const list = await world.api("GET", "/api/v1/users/later/notifications");
    assert.deepEqual(list.body.notifications, []);
  });

  it("takes pushes from an extension with its push key, and refuses a wrong key", async () => {
    const device = await world.device("pushed", { account: "push-user" });
    const issued = await world.api("POST", "/api/v1/extensions/com.example.shop/push-key");
    assert.equal(issued.status, 201);
    const key = issued.body.pushKey as string;
    const refused = await world.api(
      "POST",
      "/api/v1/extensions/com.example.shop/notifications",
      { userId: "push-user", text: "Your order shipped." },
      "wrong-key",
    );
    assert.equal(refused.status, 401);
    const pushed = await world.api(
      "POST",
      "/api/v1/extensions/com.example.shop/notifications",
      { userId: "push-user", text: "Your order shipped." },
      key,
    );
    assert.equal(pushed.status, 201);
    await until(() => device.screen.text.includes("Your order shipped."));
    const bad = await world.api("POST", "/api/v1/users/push-user/notifications", { text: "" });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /text/);
  });
});
