// Where the device side keeps what it remembers per device and per user between events (the
// play queue, the user's known devices, who asked for a playback report, the Bluetooth pin,
// likes, the rendered player, delegations, the extension mode). Without a store it stays in
// this process; with one (Redis, store/redis/side-memory.ts) every entry is written through and
// read back before each event, so another node sees it and a node's death loses nothing
// (docs/scale-out.md "What lives where").

/** A device key or a user id: the entries of one scope are read together. */
export type SideScope = string;

export interface SideMemoryStore {
  /** Every entry kept for these scopes, by key (keys are unique across scopes). */
  load(scopes: readonly SideScope[]): Promise<Map<string, unknown>>;
  set(scope: SideScope, key: string, value: unknown): Promise<void>;
  delete(scope: SideScope, key: string): Promise<void>;
  close(): Promise<void>;
}
