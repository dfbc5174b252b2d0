/**
 * The count table's key (docs/decisions/001): per entity, records by status, provider, platform,
 * type, error group and mark. Every write to the mirror moves its rows' counts in the same
 * transaction, netted here.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { lockEntity } from '../db/entity-lock';
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

/**
 * A write reads rows and then moves the counts by what changed, so two at once would move them
 * twice: every mirror write takes this first, before reading.
 */
export const lockEntityMirror = (trx: Db, entityId: string) => lockEntity(trx, 'mirror', entityId);

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
