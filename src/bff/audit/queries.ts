/**
 * Reads the audit log for the Audit page and its CSV export: one line per event, a push shown
 * with its result joined in (or "outcome unknown" when there is none) and, once the provider
 * finished, where the record settled; newest first.
 */
import { sql } from 'kysely';
import type { AuditEntry, AuditPage, AuditQuery } from '../../contract/audit';
import type { DocumentSummary } from '../../contract/documents';
import { can } from '../../contract/session';
import { visibleEntityIds, type SessionUser } from '../auth';
import { csvCell } from '../csv';
import type { Db } from '../db/database';
import { documentsOf } from '../documents';
import { BadCursorError } from '../http-errors';

type Filters = Omit<AuditQuery, 'cursor' | 'limit'>;

const outcomeSql = sql<string>`coalesce(json_extract(r.data, '$.outcome'), json_extract(e.data, '$.outcome'), 'unknown')`;

/** Matches the audit_entry_job index (migration 005). */
const jobSql = sql<string | null>`json_extract(e.data, '$.job_id')`;

function select(db: Db, filters: Filters, viewer: SessionUser) {
  const entities = visibleEntityIds(viewer);
  return (
    db
      .selectFrom('audit_entry as e')
      .leftJoin('audit_entry as r', (join) =>
        join.onRef('r.started_id', '=', 'e.id').on('r.action', '=', 'push_result'),
      )
      .leftJoin('audit_entry as s', (join) =>
        join.onRef('s.started_id', '=', 'e.id').on('s.action', '=', 'push_settled'),
      )
      .select([
        'e.seq',
        'e.id',
        'e.at',
        'e.actor',
        'e.action',
        'e.entity_id',
        'e.record_id',
        'e.data as start',
        'r.data as result',
        's.data as settled',
        outcomeSql.as('outcome'),
      ])
      .where('e.action', 'not in', ['push_result', 'push_settled'])
      .$if(!can(viewer.role, 'readEveryonesAudit'), (q) => q.where('e.actor', '=', viewer.email))
      // Entries of entities the viewer has no grant for are not shown (sign-ins name none).
      .$if(entities !== null, (q) =>
        q.where((eb) =>
          entities!.length === 0
            ? eb('e.entity_id', 'is', null)
            : eb.or([eb('e.entity_id', 'is', null), eb('e.entity_id', 'in', entities!)]),
        ),
      )
      .$if(Boolean(filters.user), (q) => q.where('e.actor', '=', filters.user!.toLowerCase()))
      .$if(Boolean(filters.record), (q) => q.where('e.record_id', '=', filters.record!))
      .$if(Boolean(filters.job), (q) => q.where(jobSql, '=', filters.job!))
      .$if(Boolean(filters.action), (q) => q.where('e.action', '=', filters.action!))
      .$if(Boolean(filters.outcome), (q) => q.where(outcomeSql, '=', filters.outcome!))
      .$if(Boolean(filters.from), (q) => q.where('e.at', '>=', new Date(filters.from!).toISOString()))
      .$if(Boolean(filters.to), (q) => q.where('e.at', '<=', new Date(filters.to!).toISOString()))
      .orderBy('e.seq', 'desc')
  );
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];

function toEntry(row: Row): AuditEntry {
  const start = JSON.parse(row.start) as Record<string, unknown>;
  const result = row.result ? (JSON.parse(row.result) as Record<string, unknown>) : {};
  const settled = row.settled ? (JSON.parse(row.settled) as Record<string, unknown>) : {};
  const field = <T>(key: string) => (result[key] ?? start[key] ?? null) as T | null;
  const settledField = <T>(key: string) => (settled[key] ?? null) as T | null;
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action as AuditEntry['action'],
    entity_id: row.entity_id,
    record_id: row.record_id,
    object_type: field('object_type'),
    object_id: field('object_id'),
    document: null,
    provider: field('provider'),
    platform: field('platform'),
    status_before: field('status_before'),
    status_after: field('status_after'),
    errors: field('errors'),
    monite_request_id: field('monite_request_id'),
    duration_ms: field('duration_ms'),
    outcome: row.outcome as AuditEntry['outcome'],
    reason:
      field('reason') ??
      (row.action === 'push' && !row.result ? 'No answer from Monite has been recorded yet.' : null),
    subject: field('subject'),
    role: field('role'),
    job_id: field('job_id'),
    mark_kind: field('mark_kind'),
    settled_status: settledField('status'),
    settled_at: settledField('settled_at'),
    settled_error: settledField('error'),
  };
}

/** Names each entry's record as the records list does: its document, where Sync Desk has read it. */
async function withDocuments(db: Db, entries: AuditEntry[]): Promise<AuditEntry[]> {
  // Map.groupBy is ES2024, newer than Node 20.
  const byEntity = new Map<string, Set<string>>();
  for (const { entity_id, record_id } of entries)
    if (entity_id && record_id)
      byEntity.set(entity_id, (byEntity.get(entity_id) ?? new Set()).add(record_id));
  const found = new Map<string, Map<string, DocumentSummary>>();
  for (const [entityId, recordIds] of byEntity)
    found.set(entityId, await documentsOf(db, entityId, [...recordIds]));
  return entries.map((entry) => ({
    ...entry,
    document:
      (entry.entity_id && entry.record_id && found.get(entry.entity_id)?.get(entry.record_id)) || null,
  }));
}

export async function queryAudit(db: Db, query: AuditQuery, viewer: SessionUser): Promise<AuditPage> {
  if (query.cursor !== undefined && !/^\d+$/.test(query.cursor)) throw new BadCursorError();
  const after = query.cursor === undefined ? undefined : Number(query.cursor);
  const rows = await select(db, query, viewer)
    .$if(after !== undefined, (q) => q.where('e.seq', '<', after!))
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    data: await withDocuments(db, page.map(toEntry)),
    next_cursor: rows.length > query.limit ? String(page.at(-1)!.seq) : null,
  };
}

const CSV_COLUMNS = [
  'at',
  'actor',
  'action',
  'outcome',
  'entity_id',
  'record_id',
  'object_type',
  'object_id',
  'provider',
  'platform',
  'status_before',
  'status_after',
  'settled_status',
  'settled_at',
  'settled_error',
  'reason',
  'mark_kind',
  'subject',
  'role',
  'monite_request_id',
  'duration_ms',
  'job_id',
  'errors',
] as const satisfies readonly (keyof AuditEntry)[];

/** Every entry matching the filters as CSV lines, read in batches so memory stays flat. */
export async function* auditCsv(
  db: Db,
  filters: Filters,
  viewer: SessionUser,
  batch = 500,
): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\n`;
  let after: number | undefined;
  for (;;) {
    const rows = await select(db, filters, viewer)
      .$if(after !== undefined, (q) => q.where('e.seq', '<', after!))
      .limit(batch)
      .execute();
    if (rows.length > 0) {
      yield rows
        .map((row) => {
          const entry = toEntry(row);
          return `${CSV_COLUMNS.map((c) => csvCell(entry[c])).join(',')}\n`;
        })
        .join('');
    }
    if (rows.length < batch) return;
    after = rows.at(-1)!.seq;
  }
}
