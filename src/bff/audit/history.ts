/**
 * One record's push history from the audit log, newest first: the `push`, `push_result` and
 * `push_settled` entries, each with the outcome and the error of that moment.
 */
import type { HistoryEntry, HistoryPage, HistoryQuery } from '../../contract/record-history';
import { can } from '../../contract/session';
import { summariseErrors } from '../../monite/errors-text';
import type { SessionUser } from '../auth';
import type { Db } from '../db/database';
import { BadCursorError } from '../http-errors';

type Data = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : null);

function describe(
  action: HistoryEntry['action'],
  data: Data,
): Pick<HistoryEntry, 'outcome' | 'status' | 'error'> {
  switch (action) {
    case 'push':
      return { outcome: null, status: text(data.status_before), error: null };
    case 'push_result': {
      const outcome = data.outcome === 'ok' || data.outcome === 'failed' ? data.outcome : 'unknown';
      const error = outcome === 'ok' ? summariseErrors(data.errors) : text(data.reason);
      return { outcome, status: text(data.status_after), error };
    }
    case 'push_settled':
      return {
        outcome: data.status === 'done' ? 'ok' : 'failed',
        status: text(data.status),
        error: text(data.error),
      };
  }
}

export async function recordHistory(
  db: Db,
  entityId: string,
  recordId: string,
  query: HistoryQuery,
  reader: SessionUser,
): Promise<HistoryPage> {
  if (query.cursor !== undefined && !/^\d+$/.test(query.cursor)) throw new BadCursorError();
  const before = query.cursor === undefined ? undefined : Number(query.cursor);
  const rows = await db
    .selectFrom('audit_entry')
    .select(['seq', 'id', 'started_id', 'at', 'actor', 'action', 'data'])
    .where('record_id', '=', recordId)
    .where('entity_id', '=', entityId)
    .where('action', 'in', ['push', 'push_result', 'push_settled'])
    .$if(before !== undefined, (q) => q.where('seq', '<', before!))
    .orderBy('seq', 'desc')
    .limit(query.limit + 1)
    .execute();
  const everyone = can(reader.role, 'readEveryonesAudit');
  const page = rows.slice(0, query.limit);
  return {
    data: page.map((row) => {
      const action = row.action as HistoryEntry['action'];
      const data = JSON.parse(row.data) as Data;
      return {
        id: row.id,
        push_id: row.started_id,
        at: row.at,
        actor: everyone || row.actor === reader.email ? row.actor : null,
        action,
        ...describe(action, data),
        job_id: text(data.job_id),
      };
    }),
    next_cursor: rows.length > query.limit ? String(page.at(-1)!.seq) : null,
  };
}
