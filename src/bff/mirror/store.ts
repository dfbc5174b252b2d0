/**
 * Writes Monite records into the mirror, keeping the per-entity count table in step in the
 * same transaction (docs/decisions/001-record-mirror.md).
 */
import { sql } from 'kysely';
import { summariseErrors } from '../../monite/errors-text';
import type { SyncRecord } from '../../monite/schemas';
import { auditSettledPushes, type SettledRecord } from '../audit';
import type { Db } from '../db/database';
import type { MirrorRecordTable } from '../db/schema';

type CountKey = Pick<MirrorRecordTable, 'sync_status' | 'provider' | 'platform' | 'object_type'>;

function toRow(entityId: string, record: SyncRecord): MirrorRecordTable {
  return {
    entity_id: entityId,
    id: record.id,
    object_type: record.object_type,
    sync_status: record.sync_status,
    provider: record.provider ?? '',
    platform: record.platform ?? '',
    object_id: record.object_id ?? null,
    updated_at: normaliseTime(record.updated_at),
    first_error: record.sync_status === 'error' ? summariseErrors(record.errors) : null,
    data: JSON.stringify(record),
  };
}

/** Monite's timestamps may carry microseconds or an offset; the mirror sorts on UTC ISO text. */
export function normaliseTime(time: string): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toISOString();
}

const countKey = (r: CountKey) =>
  `${r.sync_status}\u0000${r.provider}\u0000${r.platform}\u0000${r.object_type}`;

/**
 * Inserts or updates records and moves their counts to their new status, provider, platform and
 * type. A record seen settled for the first time (new here, just left `pending`, or changed)
 * completes the audit of a push waiting for it, in the same transaction.
 */
export async function upsertRecords(db: Db, entityId: string, records: SyncRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = [...new Map(records.map((r) => [r.id, toRow(entityId, r)])).values()];
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('mirror_record')
      .select(['id', 'sync_status', 'provider', 'platform', 'object_type', 'updated_at'])
      .where('entity_id', '=', entityId)
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const before = new Map(existing.map((r) => [r.id, r]));

    const deltas = new Map<string, { key: CountKey; n: number }>();
    const bump = (key: CountKey, n: number) => {
      const k = countKey(key);
      const entry = deltas.get(k) ?? { key, n: 0 };
      entry.n += n;
      deltas.set(k, entry);
    };
    const settled: SettledRecord[] = [];
    for (const row of rows) {
      const old = before.get(row.id);
      const justSettled = !old || old.sync_status === 'pending' || old.updated_at !== row.updated_at;
      if (justSettled && (row.sync_status === 'done' || row.sync_status === 'error')) {
        settled.push({
          id: row.id,
          status: row.sync_status,
          updated_at: row.updated_at,
          error: row.first_error,
        });
      }
      if (old && countKey(old) === countKey(row)) continue;
      if (old) bump(old, -1);
      bump(row, +1);
    }

    await trx
      .insertInto('mirror_record')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['entity_id', 'id']).doUpdateSet((eb) => ({
          object_type: eb.ref('excluded.object_type'),
          sync_status: eb.ref('excluded.sync_status'),
          provider: eb.ref('excluded.provider'),
          platform: eb.ref('excluded.platform'),
          object_id: eb.ref('excluded.object_id'),
          updated_at: eb.ref('excluded.updated_at'),
          first_error: eb.ref('excluded.first_error'),
          data: eb.ref('excluded.data'),
        })),
      )
      .execute();
    await auditSettledPushes(trx, entityId, settled);

    const changes = [...deltas.values()].filter((d) => d.n !== 0);
    if (changes.length === 0) return;
    await trx
      .insertInto('mirror_count')
      .values(changes.map(({ key, n }) => ({ entity_id: entityId, ...pickKey(key), n })))
      .onConflict((oc) =>
        oc
          .columns(['entity_id', 'sync_status', 'provider', 'platform', 'object_type'])
          .doUpdateSet({ n: sql`mirror_count.n + excluded.n` }),
      )
      .execute();
  });
}

const pickKey = ({ sync_status, provider, platform, object_type }: CountKey): CountKey => ({
  sync_status,
  provider,
  platform,
  object_type,
});

export async function findRecord(db: Db, entityId: string, id: string): Promise<SyncRecord | undefined> {
  const row = await db
    .selectFrom('mirror_record')
    .select('data')
    .where('entity_id', '=', entityId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && (JSON.parse(row.data) as SyncRecord);
}

/** Forgets every mirrored record: demo mode's simulator starts from its seed at every start. */
export async function clearMirror(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of ['mirror_record', 'mirror_count', 'mirror_cursor'] as const)
      await trx.deleteFrom(table).execute();
  });
}
