// Signing inline and in worker threads gives the same RSASSA-PKCS1-v1_5 signatures
// (deterministic), verifiable with the published key, also after a rotation.
import assert from "node:assert/strict";
import { randomBytes, verify } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { InlineSigner, SLOT_BODY_BYTES, WorkerPoolSigner } from "../../src/cek/signer.js";
import { SigningKeyRing } from "../../src/cek/signing-key.js";
import { type DatabaseHandle, openDatabase } from "../../src/store/database.js";
import { SecretBox } from "../../src/store/secret-box.js";
import { SettingsStore } from "../../src/store/settings.js";

describe("request signing", () => {
  let handle: DatabaseHandle;
  let keys: SigningKeyRing;
  before(async () => {
    handle = await openDatabase({ dataDir: ":memory:" });
    keys = new SigningKeyRing(new SettingsStore(handle.db, new SecretBox(randomBytes(32))));
    await keys.load();
  });
  after(async () => {
    await handle.close();
  });

  it("signs the same in worker threads as inline, before and after rotation", async () => {
    const inline = new InlineSigner(keys);
    const pool = new WorkerPoolSigner(keys, 2);
    try {
      const bodies = Array.from({ length: 6 }, (_, i) =>
        Buffer.from(JSON.stringify({ i, text: "日本語 ✓" })),
      );
      const fromPool = await Promise.all(bodies.map((b) => pool.sign(b)));
      for (const [i, body] of bodies.entries()) {
        assert.equal(fromPool[i], await inline.sign(body));
        assert.ok(
          verify("sha256", body, keys.active.publicKeyPem, Buffer.from(fromPool[i]!, "base64")),
        );
      }
      const old = keys.active.publicKeyPem;
      await keys.rotate();
      const signature = await pool.sign(bodies[0]!);
      assert.ok(
        verify("sha256", bodies[0]!, keys.active.publicKeyPem, Buffer.from(signature, "base64")),
      );
      assert.ok(!verify("sha256", bodies[0]!, old, Buffer.from(signature, "base64")));
    } finally {
      await pool.close();
    }
  });

  it("signs more bodies at once than the ring has slots, and bodies larger than a slot", async () => {
    const inline = new InlineSigner(keys);
    const pool = new WorkerPoolSigner(keys, 1);
    try {
      // 200 at once: most wait for a free slot; each gets its own body's signature.
      const bodies = Array.from({ length: 200 }, (_, i) =>
        Buffer.from(JSON.stringify({ i, pad: "x".repeat(i * 37) })),
      );
      const signatures = await Promise.all(bodies.map((b) => pool.sign(b)));
      for (const [i, body] of bodies.entries())
        assert.equal(signatures[i], await inline.sign(body), `body ${i}`);
      // A body filling a slot exactly, one byte more (signed on the main thread), and a slice
      // of a larger buffer (only its own bytes are signed).
      const whole = randomBytes(SLOT_BODY_BYTES + 1);
      for (const body of [whole.subarray(0, SLOT_BODY_BYTES), whole, whole.subarray(5, 700)])
        assert.equal(await pool.sign(body), await inline.sign(body));
      // After a quiet moment the ring is used again (the worker waits, the main thread too).
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(await pool.sign(bodies[7]!), signatures[7]);
    } finally {
      await pool.close();
    }
  });

  it("answers in the order bodies were given, whichever slots they took", async () => {
    const pool = new WorkerPoolSigner(keys, 1);
    try {
      // Freed slots are reused in another order than the worker reads them: after each batch
      // the next one's bodies sit in slots in reverse. Their requests must still leave in the
      // order they were built (a SessionEndedRequest before the next LaunchRequest).
      for (let round = 0; round < 30; round++) {
        const answered: number[] = [];
        await Promise.all(
          Array.from({ length: 2 + (round % 5) }, (_, i) =>
            pool.sign(Buffer.from(`{"round":${round},"i":${i}}`)).then(() => answered.push(i)),
          ),
        );
        assert.deepEqual(
          answered,
          [...answered].sort((a, b) => a - b),
          `round ${round}`,
        );
      }
    } finally {
      await pool.close();
    }
  });

  it("keeps the key across loads and the private key encrypted", async () => {
    const again = new SigningKeyRing(new SettingsStore(handle.db, new SecretBox(randomBytes(32))));
    await assert.rejects(
      again.load(),
      /unsupported state|auth/i,
      "another encryption key cannot read it",
    );
    const rows = await handle.db.selectFrom("signing_keys").select("private_key").execute();
    assert.ok(
      rows.every((r) => r.private_key.startsWith("v1.") && !r.private_key.includes("PRIVATE KEY")),
    );
  });
});
