/**
 * The count table's key (docs/decisions/001): per entity, records by status, provider, platform,
 * type, error group and mark. Every write to the mirror moves its rows' counts in the same
 * transaction, netted here.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { isPostgres } from '../db/engine';
import type { MirrorRecordTable } from '../db/schema';

export const COUNT_KEYS = [
  'sync_status',
  'provider',
  'platform',
  'object_type',
  'error_group',
  'handled',
] as const;
export type CountKey = Pick<MirrorRecordTable, (typeof COUNT_KEYS)[number]>;

/** The first half of an entity's mirror lock (any int4 would do); the second is its id's hash. */
const MIRROR_LOCK_KEY = 0x5d5e_3c01;

/**
 * A write reads rows and then moves the counts by what changed, so two at once would move them
 * twice. SQLite has one writer; on PostgreSQL several servers write one entity's mirror, so this
 * keeps the others' writes of the entity out until the transaction ends. Take it before reading.
 */
export async function lockEntityMirror(trx: Db, entityId: string): Promise<void> {
  if (isPostgres(trx))
    await sql`select pg_advisory_xact_lock(${MIRROR_LOCK_KEY}, hashtext(${entityId}))`.execute(trx);
}

export const countKey = (r: CountKey) => COUNT_KEYS.map((k) => r[k]).join('\u0000');

const pickKey = (row: CountKey): CountKey =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, row[k]])) as CountKey;

/** Count changes, netted per facet combination, for one transaction. */
export class CountDeltas {
  private readonly deltas = new Map<string, { key: CountKey; n: number }>();

  bump(key: CountKey, n: number): void {
    const k = countKey(key);
    const entry = this.deltas.get(k) ?? { key: pickKey(key), n: 0 };
    entry.n += n;
    this.deltas.set(k, entry);
  }

  async apply(trx: Db, entityId: string): Promise<void> {
    const changes = [...this.deltas.values()].filter((d) => d.n !== 0);
    if (changes.length === 0) return;
    await trx
      .insertInto('mirror_count')
      .values(changes.map(({ key, n }) => ({ entity_id: entityId, ...key, n })))
      .onConflict((oc) =>
        oc.columns(['entity_id', ...COUNT_KEYS]).doUpdateSet({ n: sql`mirror_count.n + excluded.n` }),
      )
      .execute();
  }
}
