/**
 * Answers the records page from the mirror: filters, facet counts, total and keyset pages.
 * Facets and totals come from the count table (≤ 144 rows an entity), so they cost the same
 * at any size; an id search (`q`) counts the few matching rows instead. Records marked handled
 * (contract/handled.ts) are left out unless the Handled view (`handled=only`) asks for them alone.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import {
  FACET_KEYS,
  type FacetKey,
  type Facets,
  type ListedRecord,
  type RecordsPage,
  type RecordsQuery,
} from '../../contract/api';
import { describeGroup } from '../../contract/error-groups';
import { MARK_KINDS, type MarkKind } from '../../contract/handled';
import { OBJECT_TYPES, PLATFORMS, PROVIDERS, SYNC_STATUSES, type SyncRecord } from '../../monite/schemas';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { BadCursorError } from '../http-errors';
import { listedRecords } from './listed';

const KNOWN_VALUES: Record<FacetKey, readonly string[]> = {
  sync_status: SYNC_STATUSES,
  provider: PROVIDERS,
  platform: PLATFORMS,
  object_type: OBJECT_TYPES,
  // An open set: only the groups present are listed.
  error_group: [],
};

/** Up to this many matches, sorting them beats walking the entity's sort index (bench/mirror.ts). */
const FEW_MATCHES = 2000;

type CountRow = Record<FacetKey | 'handled', string> & { n: number };

export type RecordsResult = Omit<RecordsPage, 'mirror'>;

export async function queryRecords(db: Db, entityId: string, query: RecordsQuery): Promise<RecordsResult> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const all = await countsFor(db, entityId, query);
  const counts = inView(all, query);
  const total = sum(counts.filter((row) => matches(row, query)));
  const facets = facetCounts(counts, query);
  const handled = handledCounts(all, query);
  const error_groups = Object.fromEntries(Object.keys(facets.error_group).map((g) => [g, describeGroup(g)]));
  if (total === 0) return { data: [], next_cursor: null, total, facets, error_groups, handled };

  const { records, next } = await pageAfter(db, entityId, query, total, after, query.limit);
  return {
    data: await listedRecords(db, entityId, records),
    next_cursor: next ? encodeCursor(next) : null,
    total,
    facets,
    error_groups,
    handled,
  };
}

export type RecordsExportQuery = Omit<RecordsQuery, 'cursor' | 'limit'>;

/**
 * Every record matching the list's filters, in the list's order, as consecutive pages of the
 * list's own query: one count, then one page read (and its documents) per yield, so memory stays
 * flat at any size and nothing is read before the consumer asks for it.
 */
export async function* recordPages(
  db: Db,
  entityId: string,
  query: RecordsExportQuery,
  pageSize = 500,
): AsyncGenerator<ListedRecord[]> {
  const counts = inView(await countsFor(db, entityId, query), query);
  const total = sum(counts.filter((row) => matches(row, query)));
  if (total === 0) return;
  let after: Position | undefined;
  for (;;) {
    const { records, next } = await pageAfter(db, entityId, query, total, after, pageSize);
    if (records.length > 0) yield await listedRecords(db, entityId, records);
    if (!next) return;
    after = next;
  }
}

/** A position in the list's order: the last row's `updated_at` and id. */
type Position = [string, string];

/** The `limit` records after `after` in the list's order, and the position to go on from, if any. */
async function pageAfter(
  db: Db,
  entityId: string,
  query: RecordsExportQuery,
  total: number,
  after: Position | undefined,
  limit: number,
): Promise<{ records: SyncRecord[]; next: Position | null }> {
  const desc = query.sort === '-updated_at';
  // A search that matches few rows is answered from its matches, sorted; one that matches many,
  // by walking the sort index until a page is full (matches are then dense).
  const fromMatches = (query.q !== undefined || query.ids.length > 0) && total <= FEW_MATCHES;
  const rows = await db
    .selectFrom('mirror_record')
    .select(['data', 'updated_at', 'id'])
    .where(fromMatches ? sql`+entity_id` : 'entity_id', '=', entityId)
    .where((eb) => eb.and(filterConditions(eb, entityId, query)))
    .$if(after !== undefined, (qb) =>
      qb.where((eb) => eb(eb.refTuple('updated_at', 'id'), desc ? '<' : '>', eb.tuple(after![0], after![1]))),
    )
    .orderBy(fromMatches ? sql`+updated_at` : 'updated_at', desc ? 'desc' : 'asc')
    .orderBy('id', desc ? 'desc' : 'asc')
    .limit(limit + 1)
    .execute();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    records: page.map((r) => JSON.parse(r.data) as SyncRecord),
    next: rows.length > limit && last ? [last.updated_at, last.id] : null,
  };
}

export type RecordsFilterQuery = Pick<RecordsQuery, FacetKey | 'q' | 'handled'> &
  Partial<Pick<RecordsQuery, 'ids'>>;

/** Ids of the records matching the list's filters (oldest update first), at most `limit`. */
export async function matchingIds(
  db: Db,
  entityId: string,
  filter: RecordsFilterQuery,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('mirror_record')
    .select('id')
    .where('entity_id', '=', entityId)
    .where((eb) => eb.and(filterConditions(eb, entityId, filter)))
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

function filterConditions(
  eb: ExpressionBuilder<Database, 'mirror_record'>,
  entityId: string,
  query: RecordsFilterQuery,
) {
  // The Handled view's few rows come from their partial index: `+` keeps SQLite off the status index.
  const only = query.handled === 'only';
  const conditions: Expression<SqlBool>[] = FACET_KEYS.filter((key) => query[key].length > 0).map((key) =>
    eb(only ? sql`+${sql.ref(key)}` : key, 'in', query[key]),
  );
  if (query.q) conditions.push(matchesSearch(entityId, query.q));
  if (query.ids?.length) conditions.push(eb('id', 'in', query.ids));
  // Spelled as the partial index `mirror_record_handled` is, so SQLite can use it.
  conditions.push(only ? sql<boolean>`handled != ''` : sql<boolean>`handled = ''`);
  return conditions;
}

/**
 * `q` finds a record by the start of its id, or by words of its error or its document (number,
 * counterpart, amount, Monite object id) anywhere in them, through the trigram indexes. A trigram
 * index needs three characters: shorter searches look at ids only. The matches are gathered as
 * one set of rows first, so the list and its counts visit only them whatever the entity's size.
 */
function matchesSearch(entityId: string, q: string) {
  const prefix = q.toLowerCase();
  const byId = sql`select rowid from mirror_record as m
    where m.entity_id = ${entityId} and m.id >= ${prefix} and m.id < ${`${prefix}\uffff`}`;
  if ([...q].length < 3) return sql<boolean>`mirror_record.rowid in (${byId})`;
  const phrase = `"${q.replaceAll('"', '""')}"`;
  return sql<boolean>`mirror_record.rowid in (
    ${byId}
    union select rowid from mirror_error_search where mirror_error_search match ${phrase}
    union select m.rowid from mirror_document as d
      join mirror_record as m on m.entity_id = d.entity_id and m.id = d.record_id
      where d.entity_id = ${entityId} and d.rowid in (
        select rowid from mirror_document_search where mirror_document_search match ${phrase}))`;
}

const countsFor = (db: Db, entityId: string, { q, ids }: Pick<RecordsQuery, 'q' | 'ids'>) =>
  q || ids.length > 0 ? countMatching(db, entityId, q, ids) : countAll(db, entityId);

async function countAll(db: Db, entityId: string): Promise<CountRow[]> {
  return db
    .selectFrom('mirror_count')
    .select([...FACET_KEYS, 'handled', 'n'])
    .where('entity_id', '=', entityId)
    .where('n', '>', 0)
    .execute();
}

/**
 * Counts a search's matches, or the records asked for by id, by visiting them alone (`+entity_id`
 * keeps SQLite off the entity's indexes).
 */
async function countMatching(
  db: Db,
  entityId: string,
  q: string | undefined,
  ids: readonly string[],
): Promise<CountRow[]> {
  return db
    .selectFrom('mirror_record')
    .select([...FACET_KEYS, 'handled', (eb) => eb.fn.countAll<number>().as('n')])
    .where(sql`+entity_id`, '=', entityId)
    .$if(Boolean(q), (qb) => qb.where(matchesSearch(entityId, q!)))
    .$if(ids.length > 0, (qb) => qb.where('id', 'in', ids))
    .groupBy([...FACET_KEYS, 'handled'])
    .execute();
}

const sum = (rows: CountRow[]) => rows.reduce((total, row) => total + row.n, 0);

function matches(row: CountRow, query: RecordsFilterQuery, except?: FacetKey): boolean {
  return FACET_KEYS.every(
    (key) =>
      key === except || query[key].length === 0 || (query[key] as readonly string[]).includes(row[key]),
  );
}

/** Each dimension's counts under the other dimensions' filters (classic faceted search). */
function facetCounts(rows: CountRow[], query: RecordsQuery): Facets {
  const facets = Object.fromEntries(
    FACET_KEYS.map((key) => [key, Object.fromEntries(KNOWN_VALUES[key].map((v) => [v, 0]))]),
  ) as Facets;
  for (const key of FACET_KEYS) {
    for (const row of rows) {
      if (row[key] === '' || !matches(row, query, key)) continue;
      facets[key][row[key]] = (facets[key][row[key]] ?? 0) + row.n;
    }
  }
  return facets;
}

/** The count rows of the view asked for: marked records in the Handled view, the others elsewhere. */
const inView = (rows: CountRow[], query: Pick<RecordsQuery, 'handled'>) =>
  rows.filter((row) => (row.handled !== '') === (query.handled === 'only'));

/** Marked records under all the list's filters, by kind: what the Handled view holds. */
function handledCounts(rows: CountRow[], query: RecordsQuery): RecordsResult['handled'] {
  const counts = Object.fromEntries(MARK_KINDS.map((kind) => [kind, 0])) as RecordsResult['handled'];
  for (const row of rows) {
    if (row.handled !== '' && matches(row, query)) counts[row.handled as MarkKind] += row.n;
  }
  return counts;
}

const cursorSchema = z.tuple([z.string(), z.string()]);

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
  } catch {
    throw new BadCursorError();
  }
}
