// The management API against a stranger and a careless admin: every route refuses a request
// without the admin token (or with a wrong or malformed one) with 401 and the API's error
// object; the routes the abilities add (schedule, alerts, profile, devices, Home,
// notifications) check the ids in their paths like the router does (docs/security.md
// "Identifiers"): 400 naming the id before anything is stored. A bystander user's calendar is
// the same before and after.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { CloverServer } from "../../src/main.js";
import { managementFetch } from "../helpers/management-api.js";
import { tempDir } from "../helpers/platform.js";
import { startCloverOver } from "./protocols.js";

const ADMIN = "management-attacks-admin";

/** Every route that needs the admin token, with a body where the route reads one. */
const ROUTES = [
  "GET /api/v1/extensions",
  "POST /api/v1/extensions",
  "GET /api/v1/extensions/com.example.x",
  "PUT /api/v1/extensions/com.example.x",
  "PATCH /api/v1/extensions/com.example.x",
  "DELETE /api/v1/extensions/com.example.x",
  "GET /api/v1/extensions/com.example.x/health",
  "POST /api/v1/extensions/com.example.x/recognize",
  "GET /api/v1/extensions/com.example.x/models/en",
  "PUT /api/v1/extensions/com.example.x/models/en",
  "DELETE /api/v1/extensions/com.example.x/models/en",
  "GET /api/v1/extensions/com.example.x/models/en/intents/A",
  "PUT /api/v1/extensions/com.example.x/models/en/intents/A",
  "GET /api/v1/extensions/com.example.x/models/en/slot-types/A",
  "PUT /api/v1/extensions/com.example.x/models/en/slot-types/A",
  "GET /api/v1/extensions/com.example.x/users",
  "PUT /api/v1/extensions/com.example.x/users/U1",
  "DELETE /api/v1/extensions/com.example.x/users/U1",
  "POST /api/v1/extensions/com.example.x/account-linking/authorize",
  "POST /api/v1/extensions/com.example.x/notification-key",
  "POST /api/v1/extensions/com.example.x/push-key",
  "POST /api/v1/signing-key/rotate",
  "GET /api/v1/conversations",
  "POST /api/v1/nlu/recognize",
  "POST /api/v1/accounts",
  "POST /api/v1/device-clients",
  "POST /api/v1/device-activations",
  "GET /api/v1/device-activations/ABCDEFGH",
  "GET /api/v1/users/U1/devices",
  "GET /api/v1/users/U1/profile",
  "PUT /api/v1/users/U1/profile",
  "GET /api/v1/users/U1/calendar",
  "PUT /api/v1/users/U1/calendar",
  "DELETE /api/v1/users/U1/calendar",
  "GET /api/v1/users/U1/calendar.ics",
  "POST /api/v1/users/U1/calendar.ics",
  "GET /api/v1/users/U1/events",
  "GET /api/v1/users/U1/memos",
  "DELETE /api/v1/users/U1/memos/m1",
  "GET /api/v1/users/U1/alerts",
  "DELETE /api/v1/users/U1/alerts",
  "DELETE /api/v1/users/U1/alerts/t1",
  "GET /api/v1/users/U1/notifications",
  "POST /api/v1/users/U1/notifications",
  "GET /api/v1/home/users/U1/devices",
  "POST /api/v1/home/users/U1/discover",
  "DELETE /api/v1/home/users/U1/links/com.example.x",
].map((line) => line.split(" ") as [string, string]);

const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//attack//EN",
  "BEGIN:VEVENT",
  "UID:attack@example.com",
  "DTSTART:20300106T100000Z",
  "DTEND:20300106T110000Z",
  "SUMMARY:planted",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("management API attacks", () => {
  let server: CloverServer;
  let admin: ReturnType<typeof managementFetch>;
  const bystanderEvents = async () => {
    const response = await admin(
      "GET",
      "/api/v1/users/bystander/events?from=2030-01-01&to=2030-02-01",
    );
    assert.equal(response.status, 200);
    return ((await response.json()) as { events: { uid: string }[] }).events.map((e) => e.uid);
  };

  before(async () => {
    server = await startCloverOver(undefined, tempDir("clover-management-attacks-"), ADMIN, {
      CLOVER_PREAUTH_FAILURE_BURST: "100000",
    });
    admin = managementFetch(server.url, ADMIN);
    const planted = await admin("POST", "/api/v1/users/bystander/calendar.ics", ICS, {
      "content-type": "text/calendar",
    });
    assert.equal(planted.status, 200, await planted.text());
  });
  after(() => server?.close());

  for (const [label, authorization] of [
    ["no Authorization header", undefined],
    ["a wrong token", "Bearer not-the-admin-token"],
    ["another scheme", `Basic ${Buffer.from(`admin:${ADMIN}`).toString("base64")}`],
    ["the token followed by more", `Bearer ${ADMIN} ${ADMIN}`],
  ] as const)
    it(`answers 401 on every management route to ${label}`, async () => {
      const wrong: string[] = [];
      for (const [method, path] of ROUTES) {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: {
            ...(authorization ? { authorization } : {}),
            "content-type": "application/json",
          },
          ...(method === "GET" || method === "DELETE" ? {} : { body: "{}" }),
        });
        const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
        if (response.status !== 401 || body.error?.code !== "unauthorized")
          wrong.push(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
      }
      assert.deepEqual(wrong, []);
      assert.deepEqual(await bystanderEvents(), ["attack@example.com"]);
    });

  const HOSTILE_USERS = [
    ["a NUL", "a%00b"],
    ["5,000 characters", "u".repeat(5000)],
    ["an encoded path traversal", "..%2F..%2Fetc%2Fpasswd"],
    ["markup", "%3Cscript%3E"],
  ] as const;
  const USER_ROUTES = [
    ["GET", "calendar"],
    ["POST", "calendar.ics"],
    ["GET", "events"],
    ["GET", "memos"],
    ["GET", "alerts"],
    ["PUT", "profile"],
    ["GET", "devices"],
    ["GET", "notifications"],
  ] as const;
  for (const [label, userId] of HOSTILE_USERS)
    it(`refuses a user id with ${label} on every user route, naming userId`, async () => {
      const wrong: string[] = [];
      for (const [method, resource] of [
        ...USER_ROUTES.map(([m, r]) => [m, `/api/v1/users/${userId}/${r}`] as const),
        ["GET", `/api/v1/home/users/${userId}/devices`] as const,
      ]) {
        const body =
          method === "POST" ? ICS : method === "PUT" ? { timeZone: "Asia/Tokyo" } : undefined;
        const response = await admin(
          method,
          resource,
          body,
          method === "POST" ? { "content-type": "text/calendar" } : {},
        );
        const text = await response.text();
        if (response.status !== 400 || !/userId/.test(text))
          wrong.push(
            `${method} ${resource.slice(0, 60)}: ${response.status} ${text.slice(0, 120)}`,
          );
      }
      assert.deepEqual(wrong, []);
      assert.deepEqual(await bystanderEvents(), ["attack@example.com"]);
    });

  it("refuses hostile user ids and unknown fields in an extension's pushed notification", async () => {
    // The push route took any string as the user: stored under an id no route can name, its
    // notifications could never be read or cleared.
    const issued = await admin("POST", "/api/v1/extensions/com.example.pusher/push-key", {});
    const { pushKey } = (await issued.json()) as { pushKey: string };
    const push = (body: unknown) =>
      fetch(`${server.url}/api/v1/extensions/com.example.pusher/notifications`, {
        method: "POST",
        headers: { authorization: `Bearer ${pushKey}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const wrong: string[] = [];
    for (const [label, userId] of HOSTILE_USERS) {
      const response = await push({ userId: decodeURIComponent(userId), text: "hello" });
      const text = await response.text();
      if (response.status !== 400 || !/userId: expected 1-128/.test(text))
        wrong.push(`${label}: ${response.status} ${text.slice(0, 120)}`);
    }
    assert.deepEqual(wrong, []);
    const extra = await push({ userId: "bystander", text: "hello", colour: "red" });
    assert.equal(extra.status, 400);
    assert.match(await extra.text(), /colour: unknown field \(expected userId, text, language\)/);
    const fine = await push({ userId: "bystander", text: "hello" });
    assert.equal(fine.status, 201, await fine.text());
    for (const [path, body, named] of [
      ["/api/v1/users/bystander/notifications", { text: "hi", lang: "en" }, "lang"],
      ["/api/v1/device-clients", { name: "speaker", secret: "x" }, "secret"],
      ["/api/v1/accounts", { userId: "someone", admin: true }, "admin"],
    ] as const) {
      const response = await admin("POST", path, body);
      const text = await response.text();
      assert.equal(response.status, 400, `${path}: ${text}`);
      assert.match(text, new RegExp(`${named}: unknown field`), path);
    }
  });

  for (const [path, name] of [
    ["/api/v1/users/bystander/memos/a%00b", "id"],
    ["/api/v1/users/bystander/alerts/a%00b", "token"],
    ["/api/v1/users/bystander/devices/a%0Ab/settings", "deviceId"],
    ["/api/v1/home/users/bystander/links/a%00b", "extensionId"],
    ["/api/v1/extensions/a%00b/health", "extensionId"],
  ] as const)
    it(`refuses a control character in the ${name} of ${path.split("/").slice(-2).join("/")}`, async () => {
      const response = await admin(path.includes("health") ? "GET" : "DELETE", path);
      const text = await response.text();
      assert.equal(response.status, 400, text);
      assert.match(text, new RegExp(name));
    });
});
