// The user's own calendar over CalDAV (RFC 4791), through tsdav for discovery, queries and
// collection sync (RFC 6578). Each node keeps a copy of the calendar's objects per user and
// brings it up to date with the collection's sync token before every question (one REPORT
// when nothing changed), so a change made on the phone is heard on the next question. Writes
// are plain PUT/DELETE naming the ETag they read (If-Match): a change made meanwhile on the
// server is a conflict, never overwritten.
import type { DAVAccount, DAVCalendar } from "tsdav";
import { Agent, fetch as undiciFetch } from "undici";
import { OutboundGuard } from "../../cek/outbound-policy.js";
import { type CalendarBackend, CalendarError, type CalendarObject } from "./calendar.js";
import { IcsError, spanOf, uidOf } from "./ical.js";

/**
 * The CalDAV library, loaded on first use: a platform without it (or whose users keep their
 * calendar in the embedded store) starts and answers everything else.
 */
const load = () => import("tsdav");
let library: ReturnType<typeof load> | undefined;
function tsdav(): ReturnType<typeof load> {
  const loading =
    library ??
    load().catch((error: unknown) => {
      library = undefined;
      throw new CalendarError(
        "unreachable",
        `the CalDAV library could not be loaded (${(error as Error).message}); run npm install`,
      );
    });
  library = loading;
  return loading;
}

export interface CalDavAccount {
  /** A server, principal or calendar collection URL. */
  url: string;
  username: string;
  password: string;
  /** The calendar collection, once found. */
  calendarUrl?: string;
}

export interface CalDavLimits {
  /** Deadline of one request to the server. */
  timeoutMs: number;
  /** Deadline of the first whole read of a calendar (a large one takes a slow server long). */
  loadTimeoutMs: number;
  /** Largest response read from the server. */
  maxResponseBytes: number;
}

export const DEFAULT_LIMITS: CalDavLimits = {
  timeoutMs: 10_000,
  loadTimeoutMs: 120_000,
  maxResponseBytes: 32 * 1024 * 1024,
};

interface Cached extends CalendarObject {
  href: string;
  first: number;
  last: number | null;
}

/** One user's calendar as this node last saw it. */
export interface CalDavCopy {
  calendar: DAVCalendar;
  syncToken?: string;
  byHref: Map<string, Cached>;
  byUid: Map<string, Cached>;
}

const MARGIN = 86_400_000;

/** Redirects followed per request, each one checked against the outbound policy. */
const MAX_REDIRECTS = 5;

/** The policy of a platform that was given none: public addresses only. */
const PUBLIC_ONLY = new OutboundGuard({ networks: "public" });

/** One connection pool per outbound policy, resolving names through it (after DNS). */
const agents = new WeakMap<OutboundGuard, Agent>();
function agentFor(guard: OutboundGuard, limits: CalDavLimits): Agent {
  let agent = agents.get(guard);
  if (!agent) {
    agent = new Agent({
      connect: { timeout: limits.timeoutMs, lookup: guard.lookup },
      keepAliveTimeout: 10_000,
    });
    agents.set(guard, agent);
  }
  return agent;
}

/**
 * A fetch with the account's credentials, a deadline, a size limit and clear errors, under the
 * platform's outbound policy (docs/security.md "Outbound policy"): every request and every
 * redirect is checked before it leaves (literal and metadata addresses, credentials in the URL)
 * and names resolve through the policy (a name that resolves to a refused address fails).
 * Credentials go to the account's own origin only, never across a redirect to another.
 */
export function calDavFetch(
  account: CalDavAccount,
  limits: CalDavLimits,
  guard: OutboundGuard = PUBLIC_ONLY,
): typeof fetch {
  const authorization = `Basic ${Buffer.from(`${account.username}:${account.password}`).toString("base64")}`;
  return async (input, init) => {
    let target = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const signal = AbortSignal.timeout(limits.timeoutMs);
    const firstOrigin = origin(target);
    let method = init?.method ?? "GET";
    let body = init?.body;
    let response: Awaited<ReturnType<typeof undiciFetch>> | undefined;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const refused = guard.refused(target);
      if (refused)
        throw new CalendarError(
          "refused",
          `url: ${hop === 0 ? "" : `the redirect to ${origin(target)}: `}refused by the outbound policy: ${refused}`,
        );
      const headers = new Headers(init?.headers);
      if (origin(target) === firstOrigin) headers.set("authorization", authorization);
      else headers.delete("authorization");
      try {
        response = await undiciFetch(target, {
          method,
          headers: Object.fromEntries(headers),
          ...(body === undefined || body === null ? {} : { body: body as string }),
          redirect: "manual",
          signal,
          ...(guard.trusted(target) ? {} : { dispatcher: agentFor(guard, limits) }),
        });
      } catch (error) {
        const cause = causeOf(error);
        if (/outbound policy/.test(cause ?? ""))
          throw new CalendarError("refused", `url: ${cause}`);
        const why =
          (error as Error).name === "TimeoutError"
            ? `no answer within ${limits.timeoutMs} ms`
            : (cause ?? (error as Error).message);
        throw new CalendarError(
          "unreachable",
          `the calendar server at ${origin(target)} could not be reached (${why})`,
        );
      }
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) break;
      await response.body?.cancel();
      target = new URL(location, target).href;
      if (response.status === 303) {
        method = "GET";
        body = undefined;
      }
      if (hop === MAX_REDIRECTS)
        throw new CalendarError(
          "unreachable",
          `the calendar server at ${firstOrigin} redirected more than ${MAX_REDIRECTS} times`,
        );
    }
    if (!response) throw new CalendarError("unreachable", `no answer from ${firstOrigin}`);
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new CalendarError(
        "unauthorized",
        `the calendar server at ${origin(target)} refused the user name or password (HTTP ${response.status})`,
      );
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > limits.maxResponseBytes) {
      await response.body?.cancel();
      throw new CalendarError(
        "invalid",
        `the calendar server sent ${declared} bytes, more than ${limits.maxResponseBytes}`,
      );
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      if (response.body)
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          size += chunk.length;
          if (size > limits.maxResponseBytes)
            throw new CalendarError(
              "invalid",
              `the calendar server sent more than ${limits.maxResponseBytes} bytes`,
            );
          chunks.push(chunk);
        }
    } catch (error) {
      if (error instanceof CalendarError) throw error;
      throw new CalendarError(
        "unreachable",
        (error as Error).name === "TimeoutError" || signal.aborted
          ? `the calendar server at ${origin(target)} did not finish its answer within ${limits.timeoutMs} ms`
          : `the calendar server at ${origin(target)} broke off its answer (${(error as Error).message})`,
      );
    }
    const status = response.status;
    return new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), {
      status,
      statusText: response.statusText,
      headers: response.headers as unknown as Headers,
    });
  };
}

/** The system error under a failed fetch (ECONNREFUSED, ENOTFOUND…). */
function causeOf(error: unknown): string | undefined {
  let current = error as { cause?: unknown; code?: unknown; errors?: unknown[] } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.code === "EOUTBOUNDPOLICY") return (current as unknown as Error).message;
    if (typeof current.code === "string") return current.code;
    const inner = current.errors?.[0] as typeof current;
    if (inner && typeof inner.code === "string") return inner.code;
    if (!current.cause && current instanceof Error && depth > 0) return current.message;
    current = current.cause as typeof current;
  }
  return undefined;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function sameCollection(a: string, b: string): boolean {
  const norm = (u: string) => new URL(u).pathname.replace(/\/?$/, "/");
  try {
    return norm(a) === norm(b);
  } catch {
    return false;
  }
}

/**
 * Finds the calendar collection for what the user gave: the collection itself, or the first
 * calendar of the account that holds events (RFC 4791 §6.2.1, RFC 6764 discovery).
 */
export async function discoverCalendar(
  account: CalDavAccount,
  limits: CalDavLimits = DEFAULT_LIMITS,
  guard: OutboundGuard = PUBLIC_ONLY,
): Promise<DAVCalendar> {
  const fetchOverride = calDavFetch(account, limits, guard);
  let davAccount: DAVAccount | undefined;
  try {
    davAccount = await (await tsdav()).createAccount({
      account: { serverUrl: account.calendarUrl ?? account.url, accountType: "caldav" },
      fetch: fetchOverride,
    });
  } catch (error) {
    if (error instanceof CalendarError) throw error;
  }
  if (davAccount?.homeUrl) {
    const calendars = await (await tsdav()).fetchCalendars({
      account: davAccount,
      fetch: fetchOverride,
    });
    const wanted = account.calendarUrl ?? account.url;
    const exact = calendars.find((c) => sameCollection(c.url, wanted));
    const events = calendars.filter((c) => !c.components || c.components.includes("VEVENT"));
    const found = exact ?? events[0];
    if (found) return found;
  }
  // No discovery (or no calendar listed): the URL itself must be a calendar collection.
  const url = (account.calendarUrl ?? account.url).replace(/\/?$/, "/");
  const [response] = await (await tsdav()).propfind({
    url,
    props: { "d:resourcetype": {}, "d:sync-token": {}, "d:displayname": {} },
    depth: "0",
    fetch: fetchOverride,
  });
  if (!response || response.status === 404 || !response.ok)
    throw new CalendarError(
      "not_found",
      `no calendar collection at ${url} (HTTP ${response?.status ?? "?"})`,
    );
  const type = JSON.stringify(response.props?.resourcetype ?? {});
  if (!/calendar/i.test(type))
    throw new CalendarError("not_found", `${url} is not a calendar collection`);
  return {
    url,
    ...(response.props?.syncToken ? { syncToken: String(response.props.syncToken) } : {}),
    reports: ["syncCollection"],
  } as DAVCalendar;
}

export class CalDavCalendar implements CalendarBackend {
  readonly kind = "caldav";
  readonly #account: CalDavAccount;
  readonly #limits: CalDavLimits;
  readonly #fetch: typeof fetch;
  readonly #guard: OutboundGuard;
  /** This node's copy (shared across turns through the cache given). */
  readonly #copies: Map<string, CalDavCopy>;
  readonly #key: string;

  constructor(
    account: CalDavAccount,
    copies: Map<string, CalDavCopy>,
    limits: CalDavLimits = DEFAULT_LIMITS,
    guard: OutboundGuard = PUBLIC_ONLY,
  ) {
    this.#account = account;
    this.#limits = limits;
    this.#guard = guard;
    this.#fetch = calDavFetch(account, limits, guard);
    this.#copies = copies;
    this.#key = `${account.username}\u0000${account.calendarUrl ?? account.url}`;
  }

  /** Brings this node's copy up to date (sync token), loading it whole the first time. */
  async sync(): Promise<CalDavCopy> {
    const copy = this.#copies.get(this.#key);
    if (!copy) return this.#load();
    if (!copy.syncToken) return this.#load(copy.calendar);
    let result: Awaited<ReturnType<Awaited<ReturnType<typeof load>>["smartCollectionSync"]>> & {
      objects: { created: DavObject[]; updated: DavObject[]; deleted: DavObject[] };
    };
    try {
      result = (await (
        await tsdav()
      ).smartCollectionSync({
        collection: {
          ...copy.calendar,
          syncToken: copy.syncToken,
          objects: [...copy.byHref.values()].map((o) => ({ url: o.href, etag: o.etag })),
          objectMultiGet: (await tsdav()).calendarMultiGet,
        },
        method: "webdav",
        detailedResult: true,
        account: { accountType: "caldav", homeUrl: copy.calendar.url } as DAVAccount,
        fetch: this.#fetch,
      })) as typeof result;
    } catch (error) {
      if (error instanceof CalendarError) throw error;
      // An expired or refused sync token (RFC 6578 §3.2): start over.
      return this.#load(copy.calendar);
    }
    for (const gone of result.objects.deleted)
      this.#forget(copy, resolve(gone.url, copy.calendar.url));
    for (const changed of [...result.objects.created, ...result.objects.updated])
      this.#remember(copy, resolve(changed.url, copy.calendar.url), changed.etag, changed.data);
    if (result.syncToken) copy.syncToken = String(result.syncToken);
    return copy;
  }

  async #load(known?: DAVCalendar): Promise<CalDavCopy> {
    const calendar = known ?? (await discoverCalendar(this.#account, this.#limits, this.#guard));
    // The token first: whatever changes after it is picked up by the next sync.
    const [state] = await (await tsdav()).propfind({
      url: calendar.url,
      props: { "d:sync-token": {} },
      depth: "0",
      fetch: this.#fetch,
    });
    const syncToken = state?.props?.syncToken ? String(state.props.syncToken) : undefined;
    const objects = await (await tsdav()).fetchCalendarObjects({
      calendar,
      fetch: calDavFetch(
        this.#account,
        { ...this.#limits, timeoutMs: this.#limits.loadTimeoutMs },
        this.#guard,
      ),
    });
    const copy: CalDavCopy = {
      calendar,
      ...(syncToken ? { syncToken } : {}),
      byHref: new Map(),
      byUid: new Map(),
    };
    for (const object of objects)
      this.#remember(copy, resolve(object.url, calendar.url), object.etag, object.data);
    this.#copies.set(this.#key, copy);
    return copy;
  }

  #remember(copy: CalDavCopy, href: string, etag: string | undefined, data: unknown): void {
    this.#forget(copy, href);
    const ics = typeof data === "string" ? data : (data as { _cdata?: string } | undefined)?._cdata;
    if (typeof ics !== "string") return;
    try {
      const uid = uidOf(ics);
      const span = spanOf(ics, "UTC");
      const cached: Cached = {
        uid,
        ics,
        etag: etag ?? "",
        href,
        first: span.first - MARGIN,
        last: span.last === null ? null : span.last + MARGIN,
      };
      copy.byHref.set(href, cached);
      copy.byUid.set(uid, cached);
    } catch (error) {
      if (!(error instanceof IcsError)) throw error;
      // An object another client wrote that we cannot read (a VTODO, say) is left alone.
    }
  }

  #forget(copy: CalDavCopy, href: string): void {
    const old = copy.byHref.get(href);
    if (!old) return;
    copy.byHref.delete(href);
    if (copy.byUid.get(old.uid)?.href === href) copy.byUid.delete(old.uid);
  }

  async objectsIn(from: number, to: number): Promise<CalendarObject[]> {
    const copy = await this.sync();
    return [...copy.byHref.values()].filter(
      (o) => o.first < to && (o.last === null || o.last >= from),
    );
  }

  async all(): Promise<CalendarObject[]> {
    return [...(await this.sync()).byHref.values()].sort((a, b) => a.first - b.first);
  }

  async get(uid: string): Promise<CalendarObject | undefined> {
    return (await this.sync()).byUid.get(uid);
  }

  async put(uid: string, ics: string, etag: string | null): Promise<CalendarObject> {
    const copy = this.#copies.get(this.#key) ?? (await this.sync());
    const existing = copy.byUid.get(uid);
    const href =
      existing?.href ??
      new URL(`${encodeURIComponent(uid.replace(/[^\w.@-]/g, "_"))}.ics`, copy.calendar.url).href;
    const response = await this.#fetch(href, {
      method: "PUT",
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        ...(etag === null ? { "if-none-match": "*" } : { "if-match": etag }),
      },
      body: ics,
    });
    if (response.status === 412)
      throw new CalendarError(
        "conflict",
        etag === null
          ? `an event with UID ${uid} already exists`
          : `the event ${uid} was changed on the server meanwhile`,
      );
    if (!response.ok)
      throw new CalendarError(
        "invalid",
        `the calendar server refused the event (HTTP ${response.status}: ${(await response.text()).slice(0, 200)})`,
      );
    let newEtag = response.headers.get("etag");
    if (!newEtag) {
      const [fetched] = await (await tsdav()).fetchCalendarObjects({
        calendar: copy.calendar,
        objectUrls: [href],
        fetch: this.#fetch,
      });
      newEtag = fetched?.etag ?? "";
    }
    this.#remember(copy, href, newEtag, ics);
    return { uid, ics, etag: newEtag };
  }

  async delete(uid: string, etag: string): Promise<boolean> {
    const copy = this.#copies.get(this.#key) ?? (await this.sync());
    const existing = copy.byUid.get(uid);
    if (!existing) return false;
    const response = await this.#fetch(existing.href, {
      method: "DELETE",
      headers: { "if-match": etag },
    });
    if (response.status === 412)
      throw new CalendarError("conflict", `the event ${uid} was changed on the server meanwhile`);
    if (response.status === 404) {
      this.#forget(copy, existing.href);
      return false;
    }
    if (!response.ok)
      throw new CalendarError(
        "invalid",
        `the calendar server refused to delete the event (HTTP ${response.status})`,
      );
    this.#forget(copy, existing.href);
    return true;
  }
}

interface DavObject {
  url: string;
  etag?: string;
  data?: unknown;
}

function resolve(href: string, base: string): string {
  return new URL(href, base).href;
}
