// clover schedule: a user's calendar — iCalendar import and export, the CalDAV connection, and
// the events of a range (the schedule ability's management routes).
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { managementApi, outputOf, withPlatform } from "../core/command.js";
import { CliError, EXIT } from "../core/errors.js";

const path = (userId: string, rest: string) => `/api/v1/users/${encodeURIComponent(userId)}${rest}`;

export function registerSchedule(program: Command): void {
  const schedule = program
    .command("schedule")
    .description("a user's schedule: iCalendar import/export, CalDAV connection, events");

  withPlatform(
    schedule
      .command("import")
      .description("add or replace (by UID) the events of an .ics file")
      .argument("<userId>", "the user")
      .argument("<file>", "an iCalendar (.ics) file"),
  ).action(async (userId: string, file: string, _o: unknown, command: Command) => {
    const out = outputOf(command);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`, EXIT.usage);
    }
    const result = await out.progress(
      "importing",
      managementApi(command).request<{ created: number; replaced: number; calendar: string }>(
        "POST",
        path(userId, "/calendar.ics"),
        text,
        "text/calendar",
      ),
    );
    out.result(result, () =>
      out.line(
        `${result.created} added, ${result.replaced} replaced (${result.calendar} calendar)`,
      ),
    );
  });

  withPlatform(
    schedule
      .command("export")
      .description("write a user's events as an .ics file (or to stdout)")
      .argument("<userId>", "the user")
      .option("-o, --output <file>", "the file to write (default: stdout)"),
  ).action(async (userId: string, o: { output?: string }, command: Command) => {
    const ics = await managementApi(command).request<string>("GET", path(userId, "/calendar.ics"));
    if (o.output) writeFileSync(o.output, ics);
    else process.stdout.write(ics);
  });

  withPlatform(
    schedule
      .command("connect")
      .description("use the user's CalDAV calendar (checked before it is kept)")
      .argument("<userId>", "the user")
      .requiredOption("--calendar-url <url>", "CalDAV server, principal or calendar URL")
      .requiredOption("--username <name>", "CalDAV user name")
      .option("--password <password>", "CalDAV password (default: CLOVER_CALDAV_PASSWORD)"),
  ).action(
    async (
      userId: string,
      o: { calendarUrl: string; username: string; password?: string },
      command: Command,
    ) => {
      const out = outputOf(command);
      const password = o.password ?? process.env["CLOVER_CALDAV_PASSWORD"];
      if (!password)
        throw new CliError("give --password or set CLOVER_CALDAV_PASSWORD", EXIT.usage);
      const result = await out.progress(
        "connecting",
        managementApi(command).request<{ calendarUrl: string; events: number }>(
          "PUT",
          path(userId, "/calendar"),
          { url: o.calendarUrl, username: o.username, password },
        ),
      );
      out.result(result, () =>
        out.line(`connected ${result.calendarUrl} (${result.events} events)`),
      );
    },
  );

  withPlatform(
    schedule
      .command("disconnect")
      .description("go back to the embedded calendar")
      .argument("<userId>", "the user"),
  ).action(async (userId: string, _o: unknown, command: Command) => {
    const out = outputOf(command);
    const result = await managementApi(command).request("DELETE", path(userId, "/calendar"));
    out.result(result, () => out.line("using the embedded calendar"));
  });

  withPlatform(
    schedule
      .command("events")
      .description("a user's events in a range, recurring ones expanded")
      .argument("<userId>", "the user")
      .option("--from <date>", "ISO 8601 start (default: now)")
      .option("--to <date>", "ISO 8601 end (default: a week later)")
      .option("--time-zone <zone>", "IANA zone for all-day and floating times", "UTC"),
  ).action(
    async (
      userId: string,
      o: { from?: string; to?: string; timeZone: string },
      command: Command,
    ) => {
      const out = outputOf(command);
      const query = new URLSearchParams({ timeZone: o.timeZone });
      if (o.from) query.set("from", o.from);
      if (o.to) query.set("to", o.to);
      const view = await managementApi(command).request<{
        events: {
          summary: string;
          start: string;
          end: string;
          allDay: boolean;
          recurring: boolean;
        }[];
      }>("GET", path(userId, `/events?${query}`));
      out.result(view, () => {
        if (view.events.length === 0) return out.line("no events");
        for (const e of view.events)
          out.line(
            `${e.start}  ${e.summary}${out.c.dim(`${e.allDay ? " all day" : ""}${e.recurring ? " (repeats)" : ""}`)}`,
          );
      });
    },
  );
}
