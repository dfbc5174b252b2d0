/**
 * Answers the records page from the mirror: filters, facet counts, total and keyset pages.
 * Facets and totals come from the count table (a few hundred rows an entity), so they cost the
 * same at any size; a search (`q`) counts its matches instead. Records marked handled
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
import type { Database, MirrorRecordTable } from '../db/schema';
import { BadCursorError } from '../http-errors';
import { countKey } from './counts';
import { listedRecords, type MarkedRecord } from './listed';
import { markOfRow } from './marks';

const KNOWN_VALUES: Record<FacetKey, readonly string[]> = {
  sync_status: SYNC_STATUSES,
  provider: PROVIDERS,
  platform: PLATFORMS,
  object_type: OBJECT_TYPES,
  // An open set: only the groups present are listed.
  error_group: [],
};

type CountRow = Record<FacetKey | 'handled', string> & { n: number };

export type RecordsResult = Omit<RecordsPage, 'mirror'>;

export async function queryRecords(db: Db, entityId: string, query: RecordsQuery): Promise<RecordsResult> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const source = await sourceFor(db, entityId, query);
  const counts = inView(source.counts, query);
  const total = sum(counts.filter((row) => matches(row, query)));
  const facets = facetCounts(counts, query);
  const handled = handledCounts(source.counts, query);
  const error_groups = Object.fromEntries(Object.keys(facets.error_group).map((g) => [g, describeGroup(g)]));
  if (total === 0) return { data: [], next_cursor: null, total, facets, error_groups, handled };

  const { records, next } = await source.page(after, query.limit);
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
  const source = await sourceFor(db, entityId, query);
  const total = sum(inView(source.counts, query).filter((row) => matches(row, query)));
  if (total === 0) return;
  let after: Position | undefined;
  for (;;) {
    const { records, next } = await source.page(after, pageSize);
    if (records.length > 0) yield await listedRecords(db, entityId, records);
    if (!next) return;
    after = next;
  }
}

/** A position in the list's order: the last row's `updated_at` and id. */
type Position = [string, string];

type Page = { records: MarkedRecord[]; next: Position | null };

/** The count rows of a list, and its pages in the list's order. */
type Source = { counts: CountRow[]; page(after: Position | undefined, limit: number): Promise<Page> };

/**
 * Without a search, counts come from the count table and pages walk the sort index. A search's
 * matches are read once (their facet columns and sort key), then counted, filtered and ordered
 * here, and a page reads its rows by id: the search runs once a request, not once for the
 * counts and again for the page.
 */
async function sourceFor(db: Db, entityId: string, query: RecordsExportQuery): Promise<Source> {
  if (query.q === undefined) {
    return {
      counts: await countAll(db, entityId),
      page: (after, limit) => pageAfter(db, entityId, query, after, limit),
    };
  }
  const found = await searchMatches(db, entityId, query.q);
  const listed = inView(found, query).filter((row) => matches(row, query));
  const sign = query.sort === '-updated_at' ? -1 : 1;
  listed.sort((a, b) => sign * compare(a, b));
  return {
    counts: countRows(found),
    async page(after, limit) {
      const start =
        after === undefined ? 0 : listed.findIndex((row) => sign * compare(row, position(after)) > 0);
      const slice = start < 0 ? [] : listed.slice(start, start + limit + 1);
      const page = slice.slice(0, limit);
      const ids = page.map((row) => row.id);
      const last = page.at(-1);
      return {
        records: await recordsById(db, entityId, query, ids),
        next: slice.length > limit && last ? [last.updated_at, last.id] : null,
      };
    },
  };
}

type Sorted = { updated_at: string; id: string };
const position = ([updated_at, id]: Position): Sorted => ({ updated_at, id });
/** The list's ascending order, as SQLite compares these ASCII columns. */
const compare = (a: Sorted, b: Sorted) =>
  a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The columns a page reads: the record, its mark (no second look-up for it), its sort key. */
const PAGE_COLUMNS = [
  'data',
  'updated_at',
  'id',
  'handled',
  'handled_by',
  'handled_at',
  'handled_reason',
] as const;

type PageRow = Pick<MirrorRecordTable, (typeof PAGE_COLUMNS)[number]>;
const toMarked = (row: PageRow): MarkedRecord => ({
  record: JSON.parse(row.data) as SyncRecord,
  mark: markOfRow(row),
});

/** The `limit` records after `after` in the list's order, and the position to go on from, if any. */
async function pageAfter(
  db: Db,
  entityId: string,
  query: RecordsExportQuery,
  after: Position | undefined,
  limit: number,
): Promise<Page> {
  const desc = query.sort === '-updated_at';
  const rows = await db
    .selectFrom('mirror_record')
    .select(PAGE_COLUMNS)
    .where('entity_id', '=', entityId)
    .where((eb) => eb.and(filterConditions(eb, entityId, query)))
    .$if(after !== undefined, (qb) =>
      qb.where((eb) => eb(eb.refTuple('updated_at', 'id'), desc ? '<' : '>', eb.tuple(after![0], after![1]))),
    )
    .orderBy('updated_at', desc ? 'desc' : 'asc')
    .orderBy('id', desc ? 'desc' : 'asc')
    .limit(limit + 1)
    .execute();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    records: page.map(toMarked),
    next: rows.length > limit && last ? [last.updated_at, last.id] : null,
  };
}

/**
 * These records in this order, leaving out any that left the view or its filters (or the
 * mirror) since the search read its matches.
 */
async function recordsById(
  db: Db,
  entityId: string,
  query: RecordsExportQuery,
  ids: string[],
): Promise<MarkedRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('mirror_record')
    .select([...PAGE_COLUMNS, ...FACET_KEYS])
    .where('entity_id', '=', entityId)
    .where('id', 'in', ids)
    .execute();
  const still = new Map(
    inView(rows, query)
      .filter((row) => matches(row, query))
      .map((row) => [row.id, row]),
  );
  return ids.flatMap((id) => {
    const row = still.get(id);
    return row ? [toMarked(row)] : [];
  });
}

export type RecordsFilterQuery = Pick<RecordsQuery, FacetKey | 'q' | 'handled'>;

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
  // Spelled as the partial index `mirror_record_handled` is, so SQLite can use it.
  conditions.push(only ? sql<boolean>`handled != ''` : sql<boolean>`handled = ''`);
  return conditions;
}

/**
 * `q` finds a record by the start of its id, or by words of its error or its document (number,
 * counterpart, amount, Monite object id) anywhere in them, through the trigram indexes. A trigram
 * index needs three characters: shorter searches look at ids only. The matches are gathered as
 * one set of rows first, so the list and its counts visit only them whatever the entity's size
 * (`+d.entity_id`: SQLite would otherwise walk the entity's every document to test its rowid).
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
      where +d.entity_id = ${entityId} and d.rowid in (
        select rowid from mirror_document_search where mirror_document_search match ${phrase}))`;
}

async function countAll(db: Db, entityId: string): Promise<CountRow[]> {
  return db
    .selectFrom('mirror_count')
    .select([...FACET_KEYS, 'handled', 'n'])
    .where('entity_id', '=', entityId)
    .where('n', '>', 0)
    .execute();
}

type MatchRow = Record<FacetKey | 'handled', string> & Sorted;

/** A search's matches: what counting, filtering and ordering them needs (`+entity_id`: see matchesSearch). */
function searchMatches(db: Db, entityId: string, q: string): Promise<MatchRow[]> {
  return db
    .selectFrom('mirror_record')
    .select([...FACET_KEYS, 'handled', 'updated_at', 'id'])
    .where(sql`+entity_id`, '=', entityId)
    .where(matchesSearch(entityId, q))
    .execute();
}

/** Matches counted as the count table counts records. */
function countRows(rows: MatchRow[]): CountRow[] {
  const counts = new Map<string, CountRow>();
  for (const row of rows) {
    const key = countKey(row);
    const count = counts.get(key);
    if (count) count.n++;
    else counts.set(key, { ...pick(row), n: 1 });
  }
  return [...counts.values()];
}

const pick = (row: MatchRow): Record<FacetKey | 'handled', string> => ({
  sync_status: row.sync_status,
  provider: row.provider,
  platform: row.platform,
  object_type: row.object_type,
  error_group: row.error_group,
  handled: row.handled,
});

const sum = (rows: CountRow[]) => rows.reduce((total, row) => total + row.n, 0);

function matches(row: Record<FacetKey, string>, query: RecordsFilterQuery, except?: FacetKey): boolean {
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
const inView = <Row extends { handled: string }>(rows: Row[], query: Pick<RecordsQuery, 'handled'>) =>
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
