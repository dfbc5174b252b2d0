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
}

/** Per-entity record counts by the four filter dimensions (at most 144 rows an entity). */
export interface MirrorCountTable {
  entity_id: string;
  sync_status: string;
  provider: string;
  platform: string;
  object_type: string;
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
}

export interface Database {
  mirror_record: MirrorRecordTable;
  mirror_count: MirrorCountTable;
  mirror_cursor: MirrorCursorTable;
}
