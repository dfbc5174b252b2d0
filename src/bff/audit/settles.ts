/**
 * A push Monite accepted leaves the record `pending`; the provider settles it later (done or
 * error). The log is append-only, so that final word is a new chained entry, `push_settled`,
 * pointing at the push (`started_id`) and written once, when Sync Desk first sees the record
 * settled after it. Every path that sees a record (mirror refresh, record read, a push's own
 * answer, a bulk job's settle watch) writes through the mirror's upsert, which calls this.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { appendInTransaction } from './log';

export type SettledRecord = {
  id: string;
  status: 'done' | 'error';
  /** Monite's time of the change, normalised: when the push settled. */
  updated_at: string;
  /** The provider's message, summarised, when it settled in error. */
  error: string | null;
};

/**
 * Pushes still waiting for their outcome: Monite accepted them (`pending`), or Sync Desk stopped
 * before it heard (`unknown`), and no settle was written yet. A push still in flight has no
 * result and is not settled here: the record seen now is the one it started from.
 */
function openPushes(trx: Db, entityId: string, recordIds: string[]) {
  return (
    trx
      .selectFrom('audit_entry as r')
      .innerJoin('audit_entry as s', 's.id', 'r.started_id')
      .select([
        's.seq',
        's.id',
        's.actor',
        's.record_id',
        sql<string | null>`json_extract(s.data, '$.job_id')`.as('job_id'),
      ])
      .where('r.action', '=', 'push_result')
      .where('r.entity_id', '=', entityId)
      .where('r.record_id', 'in', recordIds)
      .where((eb) =>
        eb.or([
          eb(sql`json_extract(r.data, '$.outcome')`, '=', 'unknown'),
          eb(sql`json_extract(r.data, '$.status_after')`, '=', 'pending'),
        ]),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('audit_entry as x')
              .select('x.id')
              .whereRef('x.started_id', '=', 's.id')
              .where('x.action', '=', 'push_settled'),
          ),
        ),
      )
      // A push closed as "unknown" and then answered after all has two results; settle it once.
      .distinct()
      .orderBy('s.seq')
      .execute()
  );
}

/** Inside the mirror write's transaction: the settle is logged exactly when the mirror shows it. */
export async function auditSettledPushes(
  trx: Db,
  entityId: string,
  records: SettledRecord[],
): Promise<number> {
  if (records.length === 0) return 0;
  const byId = new Map(records.map((r) => [r.id, r]));
  const open = await openPushes(trx, entityId, [...byId.keys()]);
  for (const push of open) {
    const record = byId.get(push.record_id!)!;
    await appendInTransaction(trx, {
      actor: push.actor,
      action: 'push_settled',
      entity_id: entityId,
      record_id: record.id,
      started_id: push.id,
      data: {
        status: record.status,
        error: record.error,
        settled_at: record.updated_at,
        ...(push.job_id && { job_id: push.job_id }),
      },
    });
  }
  return open.length;
}
