// The shared calendar behaviour suite on the embedded calendar (SQLite, and PostgreSQL when
// available).
import { EmbeddedCalendar } from "../../../src/abilities/schedule/embedded.js";
import { Schedule } from "../../../src/abilities/schedule/schedule.js";
import { openDatabase } from "../../../src/store/database.js";
import { backendSuite } from "./backend-suite.js";

const now = () => Date.UTC(2026, 9, 1);

backendSuite("embedded (SQLite)", async () => {
  const database = await openDatabase({ dataDir: ":memory:" });
  const calendar = new EmbeddedCalendar(database.db, "user-1", now);
  const other = new EmbeddedCalendar(database.db, "user-1", now);
  return {
    schedule: new Schedule(calendar, now),
    async writeElsewhere(uid, ics) {
      const current = await other.get(uid);
      await other.put(uid, ics, current?.etag ?? null);
    },
    close: () => database.close(),
  };
});
