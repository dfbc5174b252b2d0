/**
 * A failed record's error group (contract/error-groups.ts) is stored with it, so it is counted
 * and filtered like the other facets. The catalogue and the grouping rules are code that a
 * release may change, so each start regroups the stored failures in the background, moving only
 * the rows whose group changed and their counts (about a second per 100,000 failures).
 */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import { COUNT_KEYS, CountDeltas, lockEntityMirror } from './counts';
import { errorGroupKey } from './store';

/** Rows a transaction: short enough not to hold up people's requests. */
const CHUNK = 2000;

/** Regroups every failed record of every entity; returns how many changed group. */
export async function regroupErrors(db: Db): Promise<number> {
  let moved = 0;
  // Primary-key order (both engines have it; `rowid` is SQLite's alone).
  for (let after: [string, string] = ['', '']; ;) {
    const done = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('mirror_record')
        .select(['entity_id', 'id', 'first_error', ...COUNT_KEYS])
        .where(sql<SqlBool>`(entity_id, id) > (${after[0]}, ${after[1]})`)
        .where('sync_status', '=', 'error')
        .orderBy('entity_id')
        .orderBy('id')
        .limit(CHUNK)
        .execute();
      const deltas = new Map<string, CountDeltas>();
      for (const row of rows) {
        const group = errorGroupKey(row.first_error);
        if (group === row.error_group) continue;
        // Rows come in entity order, so servers regrouping at once take these locks in one order.
        await lockEntityMirror(trx, row.entity_id);
        // Only if the row is still as read: another server may have regrouped or rewritten it since.
        const now = await trx
          .updateTable('mirror_record')
          .set({ error_group: group })
          .where('entity_id', '=', row.entity_id)
          .where('id', '=', row.id)
          .where('sync_status', '=', 'error')
          .where('error_group', '=', row.error_group)
          .where('first_error', 'is not distinct from', row.first_error)
          .returning([...COUNT_KEYS])
          .executeTakeFirst();
        if (!now) continue;
        const entity = deltas.get(row.entity_id) ?? new CountDeltas();
        entity.bump({ ...now, error_group: row.error_group }, -1);
        entity.bump(now, +1);
        deltas.set(row.entity_id, entity);
        moved++;
      }
      for (const [entityId, d] of deltas) await d.apply(trx, entityId);
      const last = rows.at(-1);
      if (last) after = [last.entity_id, last.id];
      return rows.length < CHUNK;
    });
    if (done) return moved;
    // Let requests in between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
