// Table shapes of the platform database (one typed layer over SQLite and PostgreSQL).
// Booleans are 0/1 integers and JSON documents are text so both engines store them alike;
// instants are milliseconds since the epoch (bigint in PostgreSQL, read back through Number()).
export interface ExtensionTable {
  id: string;
  display_name: string;
  endpoint_url: string;
  /** JSON: Partial<Record<Language, { main: string; sub: string[] }>> */
  invocation_names: string;
  message_version: string;
  legacy_end_request_type: number;
  uses_audio_player: number;
  enabled_for_all_users: number;
  /** JSON of the account-linking settings, client secret encrypted; null when off. */
  account_linking: string | null;
  /** "custom" or "home" (cek-home-extension.md); added by 0007_home. */
  type: string;
  /** JSON of HomeSettings (notification key hash, messages); null for custom extensions. */
  home_settings: string | null;
  created_at: number | string;
  updated_at: number | string;
}

export interface InteractionModelTable {
  extension_id: string;
  language: string;
  /** The interaction model document (JSON). */
  model: string;
  updated_at: number | string;
}

export interface ExtensionUserTable {
  extension_id: string;
  user_id: string;
  enabled_at: number | string;
}

export interface AccountLinkTable {
  extension_id: string;
  user_id: string;
  access_token: string;
  refresh_token: string | null;
  expires_at: number | string | null;
  updated_at: number | string;
}

export interface OauthStateTable {
  state: string;
  extension_id: string;
  user_id: string;
  created_at: number | string;
}

export interface SigningKeyTable {
  /** Key id: the first 16 hex digits of the SHA-256 of the public key. */
  id: string;
  private_key: string;
  public_key: string;
  created_at: number | string;
  retired_at: number | string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface DeviceClientTable {
  client_id: string;
  secret_hash: string;
  name: string;
}

export interface DeviceAccountTable {
  token_hash: string;
  user_id: string;
}

export interface DeviceTokenTable {
  hash: string;
  kind: string;
  user_id: string;
  client_id: string;
  device_id: string;
  model_id: string | null;
  guest: number;
  expires_at: number | string | null;
}

export interface JobTable {
  id: string;
  kind: string;
  /** At most one pending job per key (e.g. `alert:<id>`): scheduling again replaces it. */
  unique_key: string | null;
  run_at: number | string;
  /** JSON */
  payload: string;
  /** The node holding the claim, until claimed_until (a node that dies loses it). */
  claimed_by: string | null;
  claimed_until: number | string | null;
  attempts: number;
  created_at: number | string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  /** "admin" or the id of the extension that pushed it. */
  source: string;
  text: string;
  language: string;
  created_at: number | string;
  read_at: number | string | null;
}

export interface DeviceSettingsTable {
  device_key: string;
  user_id: string;
  device_id: string;
  /** JSON: the device's last Settings.Report configuration (string values). */
  configuration: string;
  updated_at: number | string;
}

export interface UserProfileTable {
  user_id: string;
  time_zone: string | null;
  latitude: string | null;
  longitude: string | null;
  updated_at: number | string;
}

export interface ExtensionPushKeyTable {
  extension_id: string;
  /** SHA-256 of the key, hex. */
  key_hash: string;
  created_at: number | string;
}

export interface SkillEnabledSentTable {
  extension_id: string;
  user_id: string;
  sent_at: number | string;
}

export interface AlertTable {
  /** The alert's token on the wire (Alerts.SetAlert.token). */
  token: string;
  user_id: string;
  device_id: string;
  /** ACTIONTIMER | ALARM | REMINDER | TIMER */
  type: string;
  /** The next (or only) occurrence. */
  scheduled_at: number | string;
  /** IANA zone the wall-clock times were said in. */
  time_zone: string;
  /** Reminder or action-timer text, or a timer's name. */
  label: string | null;
  /** JSON { time: "HH:MM:SS", weekdays: number[] } for a repeating alert; null: one-shot. */
  repeat: string | null;
  /** A timer's length (for "how long is left" and cards). */
  duration_ms: number | string | null;
  /** JSON { text, intent? }: the command an action timer runs. */
  action: string | null;
  /** pending (sent, not confirmed) | set (device confirmed) | ringing */
  status: string;
  /** When an action timer's action ran (claimed once across nodes). */
  fired_at: number | string | null;
  /** en | ja | ko: the language it was set in (a reminder's spoken text); null: unknown. */
  language?: string | null;
  created_at: number | string;
  updated_at: number | string;
}

export interface HomeDiscoveryTable {
  extension_id: string;
  user_id: string;
  /** JSON: the discovered ApplianceInfoObject list (cek-home-extension.md §4.2). */
  appliances: string;
  /** JSON: SceneInfoObject list (§4.6). */
  scenes: string;
  /** JSON: CustomCommandInfoObject list (§4.5). */
  custom_commands: string;
  discovered_at: number | string;
}

export interface HomeApplianceOwnerTable {
  extension_id: string;
  appliance_id: string;
  user_id: string;
}

export interface HomePendingNotificationTable {
  id: string;
  user_id: string;
  extension_id: string;
  /** JSON: what to deliver (text per language). */
  notice: string;
  created_at: number | string;
  expires_at: number | string;
}

/** An embedded calendar object (abilities/schedule): one UID's VEVENTs as iCalendar text. */
export interface ScheduleEventTable {
  user_id: string;
  uid: string;
  ics: string;
  etag: string;
  /** Earliest instant any occurrence can start (a day of margin for floating times). */
  first_start: number | string;
  /** Latest instant any occurrence can end; null for an endless recurrence. */
  last_end: number | string | null;
  updated_at: number | string;
}

export interface ScheduleMemoTable {
  id: string;
  user_id: string;
  text: string;
  created_at: number | string;
}

/** A user's CalDAV calendar (RFC 4791); the password is sealed with the SecretBox. */
export interface ScheduleCalendarTable {
  user_id: string;
  /** What the user gave: a server, principal or calendar collection URL. */
  url: string;
  username: string;
  password: string;
  /** The calendar collection found from `url`. */
  calendar_url: string | null;
  updated_at: number | string;
}

/** Migration 0013_device_terms: which version of the terms of service a user accepted. */
export interface TermsAcceptanceTable {
  user_id: string;
  version: string;
  accepted_at: number | string;
}

export interface Database {
  terms_acceptances: TermsAcceptanceTable;
  notifications: NotificationTable;
  device_settings: DeviceSettingsTable;
  user_profiles: UserProfileTable;
  extension_push_keys: ExtensionPushKeyTable;
  skill_enabled_sent: SkillEnabledSentTable;
  extensions: ExtensionTable;
  interaction_models: InteractionModelTable;
  extension_users: ExtensionUserTable;
  account_links: AccountLinkTable;
  oauth_states: OauthStateTable;
  signing_keys: SigningKeyTable;
  settings: SettingTable;
  device_clients: DeviceClientTable;
  device_accounts: DeviceAccountTable;
  device_tokens: DeviceTokenTable;
  jobs: JobTable;
  alerts: AlertTable;
  home_discoveries: HomeDiscoveryTable;
  home_appliance_owners: HomeApplianceOwnerTable;
  home_pending_notifications: HomePendingNotificationTable;
  schedule_events: ScheduleEventTable;
  schedule_memos: ScheduleMemoTable;
  schedule_calendars: ScheduleCalendarTable;
}
