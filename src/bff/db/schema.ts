import type { Generated } from 'kysely';

/** Table types for Kysely: the one description of the BFF's database. */
export interface MirrorRecordTable {
  entity_id: string;
  id: string;
  object_type: string;
  sync_status: string;
  /** '' when Monite sent none, so the count table's key stays total. */
  provider: string;
  platform: string;
  object_id: string | null;
  /** Normalised ISO-8601 UTC, so text order is time order. */
  updated_at: string;
  first_error: string | null;
  /** The record exactly as Monite sent it (JSON). */
  data: string;
  /** When the BFF last wrote this row (ms, its own clock): a sweep keeps rows written after it began. */
  written_at: number;
  /** The error's group (contract/error-groups.ts) for a failed record, '' otherwise. */
  error_group: string;
  /** The document's `object_updated_at` as Monite sent it: a summary of an older version is stale. */
  object_updated_at: string | null;
  /** The `object_updated_at` its document summary was read at ('' if none); null before the first read. */
  document_version: string | null;
  /** A bookkeeper's mark (contract/handled.ts MARK_KINDS), '' for none; lapses when `updated_at` moves. */
  handled: string;
  handled_by: string | null;
  handled_at: string | null;
  handled_reason: string | null;
  /**
   * The Record column's sort keys from the document summary (documents/sort-keys.ts), null until
   * it is read or when the document has no such value.
   */
  sort_number: string | null;
  sort_counterpart: string | null;
  sort_amount: number | null;
  /** `YYYY-MM-DD`. */
  sort_due_date: string | null;
}

/** A person-readable summary of the document behind a record (contract/documents.ts). */
export interface MirrorDocumentTable {
  entity_id: string;
  record_id: string;
  object_id: string;
  /** The record's `object_updated_at` when the summary was read. */
  version: string | null;
  /** The summary (JSON). */
  summary: string;
  /** What search matches: number, counterpart, amounts as people type them, the object id. */
  search_text: string;
}

/** Per-entity record counts by the filter dimensions (a few hundred rows an entity). */
export interface MirrorCountTable {
  entity_id: string;
  sync_status: string;
  provider: string;
  platform: string;
  object_type: string;
  error_group: string;
  handled: string;
  n: number;
}

/** How far the mirror has read each object type of an entity. */
export interface MirrorCursorTable {
  entity_id: string;
  object_type: string;
  /** The largest `updated_at` seen, verbatim from Monite, to send back as `updated_at__gte`. */
  high_water: string | null;
  /** When the last complete pass (full or incremental) over this object type ended. */
  refreshed_at: string | null;
  /** When the last sweep for deleted records (or the full scan) over this object type began. */
  swept_at: string | null;
}

export interface StaffUserTable {
  id: string;
  email: string;
  /**
   * `scrypt$N$r$p$salt$hash` (see auth/passwords.ts); never a plaintext password. Null for an
   * account that signs in only through the identity provider.
   */
  password_hash: string | null;
  role: string;
  created_at: string;
  disabled_at: string | null;
  /** The identity at the OpenID provider this account is (auth/oidc-accounts.ts); unique together. */
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

/** An account's access to one entity ('*': every entity), by source (auth/grants.ts). */
export interface EntityGrantTable {
  user_id: string;
  entity_id: string;
  /** GRANT_ROLES in contract/session.ts */
  role: string;
  /** GRANT_SOURCES in auth/grants.ts */
  source: string;
  /** Who made it: an admin's email, 'cli', 'identity provider', 'migration 013'. */
  granted_by: string;
  granted_at: string;
}

/** Server-side sessions; only a SHA-256 of the cookie's random id is stored. */
export interface StaffSessionTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  /** The identity provider that signed this session in (null: a password), for its sign-out. */
  oidc_issuer: string | null;
}

/**
 * Append-only audit log. Each row's `hash` is SHA-256 over its content and `prev_hash`
 * (the previous row's hash), so an edited, inserted or removed row breaks the chain.
 * A push is `push` when it starts, `push_result` (with `started_id`) when Monite answers, and
 * `push_settled` (with `started_id`) when the record is first seen done or error after it.
 */
export interface AuditEntryTable {
  seq: Generated<number>;
  id: string;
  at: string;
  actor: string;
  action: string;
  entity_id: string | null;
  record_id: string | null;
  started_id: string | null;
  /** Everything else about the event (JSON). */
  data: string;
  prev_hash: string;
  hash: string;
}

export interface PushJobTable {
  id: string;
  entity_id: string;
  created_by: string;
  created_at: string;
  finished_at: string | null;
  /** JOB_STATES in contract/push-jobs.ts */
  state: string;
  total: number;
}

/** One record of a bulk job; `before_*` is what Monite showed just before the push was sent. */
export interface PushJobItemTable {
  job_id: string;
  record_id: string;
  position: number;
  /** ITEM_STATES in contract/push-jobs.ts */
  state: string;
  reason: string | null;
  before_status: string | null;
  before_updated_at: string | null;
}

/** Who holds a named claim (a push, a bulk job, a mirror refresh) and until when (db/leases.ts). */
export interface LeaseTable {
  name: string;
  /** The holding server process's instance id. */
  owner: string;
  /** Milliseconds since the epoch; past it, anyone may take the lease. */
  expires_at: number;
}

/** One failed sign-in (auth/attempts.ts); rows older than the lockout window are pruned. */
export interface SignInFailureTable {
  account: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** Requests from one address to one route in the current window (auth/address-limits.ts). */
export interface AddressWindowTable {
  /** The route and the client's address. */
  key: string;
  hits: number;
  /** Milliseconds since the epoch; from then on the next request starts a new window. */
  ends_at: number;
}

export interface Database {
  mirror_record: MirrorRecordTable;
  mirror_count: MirrorCountTable;
  mirror_cursor: MirrorCursorTable;
  mirror_document: MirrorDocumentTable;
  staff_user: StaffUserTable;
  staff_session: StaffSessionTable;
  entity_grant: EntityGrantTable;
  audit_entry: AuditEntryTable;
  push_job: PushJobTable;
  push_job_item: PushJobItemTable;
  lease: LeaseTable;
  sign_in_failure: SignInFailureTable;
  address_window: AddressWindowTable;
}
