// Where the platform may send extension and account-linking calls (docs/security.md
// "Outbound policy"). Link-local and cloud metadata addresses are never reached, whatever the
// configuration; loopback and private networks only when CLOVER_EXTENSION_NETWORKS allows them
// (the server's default: public addresses only; `clover serve` allows loopback); URLs carry
// no credentials and stay short. Checked when a URL is registered and again on every
// connection, after DNS resolution (a name that resolves to a refused address fails).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import net from "node:net";

/**
 * Which networks extension calls may reach besides public addresses: "public" (none),
 * "loopback" (127.0.0.0/8, ::1, localhost), "private" (loopback and 10/8, 172.16/12,
 * 192.168/16, 100.64/10, fc00::/7).
 */
export type ExtensionNetworks = "public" | "loopback" | "private";
export const EXTENSION_NETWORKS: readonly ExtensionNetworks[] = ["public", "loopback", "private"];

export interface OutboundPolicy {
  networks: ExtensionNetworks;
}

/** The setting that widens the policy, as an administrator writes it. */
const SETTING = "CLOVER_EXTENSION_NETWORKS";

export const MAX_OUTBOUND_URL_LENGTH = 2048;

/** URLs whose outbound decision is remembered (the registered endpoints, a few account-linking URLs). */
const MAX_DECISIONS = 1000;

const METADATA_NAMES = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
]);

type AddressClass = "public" | "private" | "loopback" | "link-local" | "unspecified";

function ipv4Class(address: string): AddressClass {
  const [a = 0, b = 0] = address.split(".").map(Number);
  if (a === 0) return "unspecified";
  if (a === 127) return "loopback";
  if (a === 169 && b === 254) return "link-local";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 100 && b >= 64 && b <= 127) return "private";
  if (a >= 224) return "unspecified"; // multicast and reserved
  return "public";
}

/** The class of an IP address (IPv4, IPv6, IPv4-mapped IPv6). */
export function addressClass(address: string): AddressClass {
  const ip = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (net.isIPv4(ip)) return ipv4Class(ip);
  if (!net.isIPv6(ip)) return "public";
  const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip)?.[1];
  if (mapped) return ipv4Class(mapped);
  const hex = /^(?:0*:)*:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (hex) {
    const hi = Number.parseInt(hex[1]!, 16);
    const lo = Number.parseInt(hex[2]!, 16);
    return ipv4Class(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (ip === "::") return "unspecified";
  if (ip === "::1") return "loopback";
  if (/^fe[89ab]/.test(ip)) return "link-local";
  if (/^f[cd]/.test(ip)) return "private";
  if (/^ff/.test(ip)) return "unspecified";
  return "public";
}

/** Why an address may not be reached, or undefined when it may. */
export function refusedAddress(address: string, policy: OutboundPolicy): string | undefined {
  const kind = addressClass(address);
  if (kind === "link-local") return `${address} is a link-local (cloud metadata) address`;
  if (kind === "unspecified") return `${address} is not a unicast address`;
  if (kind === "loopback" && policy.networks === "public")
    return `${address} is a loopback address, refused by the outbound policy (${SETTING}=public); set ${SETTING}=loopback (or --extension-networks loopback) to allow it`;
  if (kind === "private" && policy.networks !== "private")
    return `${address} is a private-network address, refused by the outbound policy (${SETTING}=${policy.networks}); set ${SETTING}=private (or --extension-networks private) to allow it`;
  return undefined;
}

/** Why a URL may not be called, or undefined when it may (no DNS: literal addresses only). */
export function refusedUrl(raw: string, policy: OutboundPolicy): string | undefined {
  if (raw.length > MAX_OUTBOUND_URL_LENGTH)
    return `longer than ${MAX_OUTBOUND_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be http:// or https://";
  if (url.username !== "" || url.password !== "")
    return "must not carry credentials (user:password@)";
  const host = url.hostname
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\.$/, "");
  if (METADATA_NAMES.has(host)) return `${host} is a cloud metadata service`;
  if (net.isIP(host)) return refusedAddress(host, policy);
  if (host === "localhost" || host.endsWith(".localhost"))
    return refusedAddress("127.0.0.1", policy)?.replace("127.0.0.1", host);
  return undefined;
}

/**
 * A `lookup` for outbound sockets that drops refused addresses after DNS resolution, so a
 * public-looking name cannot lead to a metadata or (when refused) private address.
 */
export function guardedLookup(policy: OutboundPolicy): typeof dnsLookup {
  const guarded = (
    hostname: string,
    options: unknown,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ) => {
    const opts = (typeof options === "object" && options !== null ? options : {}) as {
      all?: boolean;
    };
    dnsLookup(hostname, { ...opts, all: true }, (error, addresses) => {
      if (error) return callback(error, opts.all ? [] : "", 0);
      const allowed = addresses.filter((a) => refusedAddress(a.address, policy) === undefined);
      if (allowed.length === 0) {
        const why = refusedAddress(addresses[0]?.address ?? "", policy) ?? "no address";
        const refused = Object.assign(new Error(`outbound policy: ${hostname}: ${why}`), {
          code: "EOUTBOUNDPOLICY",
        });
        return callback(refused, opts.all ? [] : "", 0);
      }
      if (opts.all) return callback(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
  return guarded as unknown as typeof dnsLookup;
}

/**
 * The policy of one platform with the origins it runs itself (the embedded examples), which
 * are reachable whatever the policy. Shared by the CEK dispatcher, account linking and the
 * management API, so registration and call time agree.
 */
export class OutboundGuard {
  readonly #trusted = new Set<string>();
  /**
   * The answers of refused() by URL: a turn asks for its extension's endpoint on every call,
   * and the answer depends only on the URL, the (fixed) policy and the trusted origins.
   */
  readonly #decisions = new Map<string, string | undefined>();
  readonly lookup: typeof dnsLookup;

  constructor(readonly policy: OutboundPolicy) {
    this.lookup = guardedLookup(policy);
  }

  /** An origin of the platform's own (e.g. `http://127.0.0.1:4312`). */
  trust(origin: string): void {
    this.#trusted.add(origin);
    this.#decisions.clear();
  }

  trusted(url: string): boolean {
    try {
      return this.#trusted.has(new URL(url).origin);
    } catch {
      return false;
    }
  }

  /** Why `url` may not be called, or undefined when it may (before DNS). */
  refused(url: string): string | undefined {
    if (this.#decisions.has(url)) return this.#decisions.get(url);
    const refused = this.trusted(url) ? undefined : refusedUrl(url, this.policy);
    if (url.length <= MAX_OUTBOUND_URL_LENGTH) {
      if (this.#decisions.size >= MAX_DECISIONS) this.#decisions.clear();
      this.#decisions.set(url, refused);
    }
    return refused;
  }

  /** Socket options for a connection to `url`: the guarded DNS lookup unless trusted. */
  connectOptions(url: string): { lookup?: typeof dnsLookup } {
    return this.trusted(url) ? {} : { lookup: this.lookup };
  }
}
