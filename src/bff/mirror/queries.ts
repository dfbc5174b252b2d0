/**
 * Answers the records page from the mirror: filters, facet counts, total and keyset pages.
 * Facets and totals come from the count table (a few hundred rows an entity), so they cost the
 * same at any size; a search (`q`) counts its matches instead. Records marked handled
 * (contract/handled.ts) are left out unless the Handled view (`handled=only`) asks for them alone.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
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
import { isPostgres, type Engine } from '../db/engine';
import type { MirrorRecordTable } from '../db/schema';
import { COUNT_KEYS } from './counts';
import { listedRecords, type MarkedRecord } from './listed';
import { markOfRow } from './marks';
import {
  afterCondition,
  decodeCursor,
  encodeCursor,
  ORDER_COLUMNS,
  orderOf,
  positionOf,
  type Order,
  type Position,
  type Sorted,
} from './sort-order';

const KNOWN_VALUES: Record<FacetKey, readonly string[]> = {
  sync_status: SYNC_STATUSES,
  provider: PROVIDERS,
  platform: PLATFORMS,
  object_type: OBJECT_TYPES,
  // An open set: only the groups present are listed.
  error_group: [],
};

export type RecordsResult = Omit<RecordsPage, 'mirror'>;

/** What a list reports beside its rows: its matches, facet counts and the Handled view's counts. */
type Tally = Pick<RecordsResult, 'total' | 'facets' | 'handled'>;
/** One sum of a tally (`tallySql`): a facet's value, a mark kind, or the total. */
type TallyRow = { facet: FacetKey | 'handled' | 'total'; value: string; n: number };

export async function queryRecords(db: Db, entityId: string, query: RecordsQuery): Promise<RecordsResult> {
  const order = orderOf(query.sort);
  const after = query.cursor === undefined ? undefined : decodeCursor(order, query.cursor);
  const { tally, page } = await listing(db, entityId, query, after, query.limit);
  const { total, facets, handled } = tally;
  const error_groups = Object.fromEntries(Object.keys(facets.error_group).map((g) => [g, describeGroup(g)]));
  if (total === 0) return { data: [], next_cursor: null, total, facets, error_groups, handled };

  const { records, next } = await page();
  return {
    data: await listedRecords(db, entityId, records),
    next_cursor: next ? encodeCursor(order, next) : null,
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
  const first = await listing(db, entityId, query, undefined, pageSize);
  if (first.tally.total === 0) return;
  let page = await first.page();
  for (;;) {
    if (page.records.length > 0) yield await listedRecords(db, entityId, page.records);
    if (!page.next) return;
    page = await pageAfter(db, entityId, query, page.next, pageSize);
  }
}

type Page = { records: MarkedRecord[]; next: Position | null };

/**
 * The list's tally, and its page after `after` when asked for: the count table and the sort
 * index, or a search's matches, which give both at once.
 */
async function listing(
  db: Db,
  entityId: string,
  query: RecordsExportQuery,
  after: Position | undefined,
  limit: number,
): Promise<{ tally: Tally; page: () => Promise<Page> }> {
  if (narrowed(query)) {
    const found = await searched(db, entityId, query, after, limit);
    return { tally: found.tally, page: async () => found.page };
  }
  return {
    tally: await countTally(db, entityId, query),
    page: () => pageAfter(db, entityId, query, after, limit),
  };
}

/** The columns a page reads: the record, its mark (no second look-up for it), its sort keys (the error group among them). */
const PAGE_COLUMNS = [
  'data',
  'id',
  'handled',
  'handled_by',
  'handled_at',
  'handled_reason',
  ...ORDER_COLUMNS,
] as const;

type PageRow = Pick<MirrorRecordTable, (typeof PAGE_COLUMNS)[number]>;
const toMarked = (row: PageRow): MarkedRecord => ({
  record: JSON.parse(row.data) as SyncRecord,
  mark: markOfRow(row),
  group: row.error_group,
});

/**
 * The `limit` records after `after` in the list's order, and the position to go on from, if any:
 * from the sort's index, then, for a key some records lack, from the records without one.
 */
async function pageAfter(
  db: Db,
  entityId: string,
  query: RecordsExportQuery,
  after: Position | undefined,
  limit: number,
): Promise<Page> {
  if (narrowed(query)) return (await searched(db, entityId, query, after, limit)).page;
  const order = orderOf(query.sort);
  const read = (conditions: RawBuilder<SqlBool>[], columns: readonly (keyof PageRow)[], n: number) =>
    db
      .selectFrom('mirror_record')
      .select(PAGE_COLUMNS)
      .where('entity_id', '=', entityId)
      .where(and([...filterConditions(db, entityId, query), ...conditions]))
      .$call((qb) => columns.reduce((q, column) => q.orderBy(column, order.desc ? 'desc' : 'asc'), qb))
      .limit(n)
      .execute();
  const rows: PageRow[] = [];
  if (!after?.rest) {
    const position = after ? [afterCondition(order, after)] : order.valued ? [order.valued] : [];
    rows.push(...(await read(position, order.columns, limit + 1)));
  }
  if (order.restColumns && rows.length <= limit) {
    const position = after?.rest ? afterCondition(order, after) : order.unvalued!;
    rows.push(...(await read([position], order.restColumns, limit + 1 - rows.length)));
  }
  return pageOf(order, rows.slice(0, limit).map(toMarked), rows, limit);
}

/** The first `limit` records, and the position to go on from when `rows` (in order) hold more. */
function pageOf(order: Order, records: MarkedRecord[], rows: Sorted[], limit: number): Page {
  const last = rows[limit - 1];
  return { records, next: rows.length > limit && last ? positionOf(order, last) : null };
}

/** The order columns a search's matches carry beside their count keys. */
const SORT_ONLY_COLUMNS = ORDER_COLUMNS.filter(
  (column) => !(COUNT_KEYS as readonly string[]).includes(column),
);

/** A search (`q`) or a list of ids narrows the list to its matches, counted by visiting them. */
const narrowed = (query: RecordsExportQuery) => Boolean(query.q) || query.ids.length > 0;

/**
 * The tally and page after `after` of a search or an id list, from one reading of its matches (a
 * materialized CTE): the trigram and id matching, and the visit to every match, happen once, and
 * only the tally's sums and the page's sort keys leave SQLite. The page's rows are then read by id.
 */
async function searched(
  db: Db,
  entityId: string,
  query: RecordsExportQuery,
  after: Position | undefined,
  limit: number,
): Promise<{ tally: Tally; page: Page }> {
  const order = orderOf(query.sort);
  const keys = sql.join(COUNT_KEYS.map((key) => sql.ref(key)));
  // The count keys hold the status, provider, platform and error group orders' columns.
  const sortColumns = sql.join(SORT_ONLY_COLUMNS.map((column) => sql.ref(column)));
  const orderColumns = sql.join(ORDER_COLUMNS.map((column) => sql.ref(column)));
  const nulls = sql.join(ORDER_COLUMNS.map((column) => sql`null as ${sql.ref(column)}`));
  const matching = and(matchConditions(db, entityId, query));
  const inPage = [...filterConditions(db, entityId, { ...query, q: undefined, ids: [] })];
  // After a valued row come the later valued rows and then all the rest.
  if (after) {
    const later = afterCondition(order, after);
    inPage.push(after.rest || !order.unvalued ? later : sql<SqlBool>`(${later} or ${order.unvalued})`);
  }
  const { rows } = await sql<(TallyRow & { id: null }) | (Sorted & { facet: null })>`
    with m as materialized (
      select ${keys}, ${sortColumns}, id from mirror_record
      where ${unindexed(db, 'entity_id')} = ${entityId} and ${matching}),
    c as materialized (select ${keys}, count(*) as n from m group by ${keys})
    select *, ${nulls}, null as id from (${tallySql(query)}) as tally
    union all
    select * from (
      select null, null, 0, ${orderColumns}, id from m where ${and(inPage)}
      order by ${order.orderBy} limit ${limit + 1}) as page`.execute(db);
  const positions = rows.filter((row) => row.facet === null);
  const ids = positions.slice(0, limit).map((row) => row.id);
  return {
    tally: tallied(rows.filter((row) => row.facet !== null)),
    page: pageOf(order, await recordsById(db, entityId, ids), positions, limit),
  };
}

/** These records, in this order (any gone from the mirror meanwhile left out). */
async function recordsById(db: Db, entityId: string, ids: string[]): Promise<MarkedRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('mirror_record')
    .select(PAGE_COLUMNS)
    .where('entity_id', '=', entityId)
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toMarked(row)] : [];
  });
}

const and = (conditions: RawBuilder<SqlBool>[]) => sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;

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
    .where(and(filterConditions(db, entityId, filter)))
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * `+column` keeps SQLite's planner off the column's indexes (it has no statistics to choose by);
 * PostgreSQL plans by its statistics and has no such hint.
 */
const unindexed = (db: Db, column: string) => sql`${sql.raw(isPostgres(db) ? '' : '+')}${sql.ref(column)}`;

function filterConditions(db: Db, entityId: string, query: RecordsFilterQuery): RawBuilder<SqlBool>[] {
  // The Handled view's few rows come from their partial index, and one error group's from
  // theirs: `+` keeps SQLite off the status index.
  const only = query.handled === 'only';
  const oneGroup = !only && query.error_group.length === 1;
  const conditions = FACET_KEYS.filter((key) => query[key].length > 0).map((key) => {
    const column = only || (oneGroup && key !== 'error_group') ? unindexed(db, key) : sql.ref(key);
    return sql<SqlBool>`${column} in (${sql.join(query[key])})`;
  });
  // Spelled as the partial indexes `mirror_record_error_group` and `mirror_record_handled` are,
  // so SQLite can use them.
  if (oneGroup) conditions.push(sql<SqlBool>`error_group != ''`);
  conditions.push(...matchConditions(db, entityId, query));
  conditions.push(only ? sql<SqlBool>`handled != ''` : sql<SqlBool>`handled = ''`);
  return conditions;
}

/** What a search or an id list asks for, beside the facet filters. */
function matchConditions(db: Db, entityId: string, { q, ids }: RecordsFilterQuery): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (q) conditions.push(isPostgres(db) ? matchesSearchPostgres(entityId, q) : matchesSearch(entityId, q));
  if (ids?.length) conditions.push(sql<SqlBool>`id in (${sql.join(ids)})`);
  return conditions;
}

/** `like`'s own wildcards (and its escape character) in `text`, taken literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * The records of an entity whose id starts with `q` (ids are lower case), as a range of an index:
 * on SQLite the primary key (rowids); on PostgreSQL `like 'prefix%'` over migration 015's
 * byte-ordered index (ids), since the primary key follows the database's collation, which may not
 * order text byte-wise.
 */
export function recordsByIdPrefix(engine: Engine, entityId: string, q: string) {
  const prefix = q.toLowerCase();
  return engine === 'postgres'
    ? sql`select m.id from mirror_record as m
      where m.entity_id = ${entityId} and m.id like ${`${escapeLike(prefix)}%`}`
    : sql`select rowid from mirror_record as m
      where m.entity_id = ${entityId} and m.id >= ${prefix} and m.id < ${`${prefix}\uffff`}`;
}

/**
 * `q` finds a record by the start of its id, or by words of its error or its document (number,
 * counterpart, amount, Monite object id) anywhere in them, through the trigram indexes. A trigram
 * index needs three characters: shorter searches look at ids only. The matches are gathered as
 * one set of rows first, so the list and its counts visit only them whatever the entity's size
 * (`+d.entity_id`: SQLite would otherwise walk the entity's every document to test its rowid).
 */
function matchesSearch(entityId: string, q: string) {
  const byId = recordsByIdPrefix('sqlite', entityId, q);
  if ([...q].length < 3) return sql<SqlBool>`mirror_record.rowid in (${byId})`;
  const phrase = `"${q.replaceAll('"', '""')}"`;
  // `union all`: `in` tests membership, so SQLite need not sort each branch to take out repeats.
  return sql<SqlBool>`mirror_record.rowid in (
    ${byId}
    union all select rowid from mirror_error_search where mirror_error_search match ${phrase}
    union all select m.rowid from mirror_document as d
      join mirror_record as m on m.entity_id = d.entity_id and m.id = d.record_id
      where +d.entity_id = ${entityId} and d.rowid in (
        select rowid from mirror_document_search where mirror_document_search match ${phrase}))`;
}

/**
 * The same search on PostgreSQL: substrings of the folded text (migration 007's `search_fold`,
 * lower case without accents, as FTS5's trigram tokenizer sees it) through pg_trgm's GIN indexes
 * (`like`'s own wildcards in `q` escaped).
 */
function matchesSearchPostgres(entityId: string, q: string) {
  const byId = recordsByIdPrefix('postgres', entityId, q);
  if ([...q].length < 3) return sql<SqlBool>`mirror_record.id in (${byId})`;
  const pattern = sql`'%' || search_fold(${escapeLike(q)}) || '%'`;
  return sql<SqlBool>`mirror_record.id in (
    ${byId}
    union all select m.id from mirror_record as m
      where m.entity_id = ${entityId} and search_fold(m.first_error) like ${pattern}
    union all select d.record_id from mirror_document as d
      where d.entity_id = ${entityId} and search_fold(d.search_text) like ${pattern})`;
}

/** The tally from the count table (a few hundred rows an entity): the same cost at any size. */
async function countTally(db: Db, entityId: string, query: RecordsExportQuery): Promise<Tally> {
  const { rows } = await sql<TallyRow>`
    with c as (select ${sql.join(COUNT_KEYS.map((key) => sql.ref(key)))}, n from mirror_count
      where entity_id = ${entityId} and n > 0)
    ${tallySql(query)}`.execute(db);
  return tallied(rows);
}

/**
 * The sums of a tally over the count rows `c` (the count keys and `n`), summed in SQLite so that
 * only they, not every count row, reach JavaScript: each facet's values under the other facets'
 * filters (classic faceted search), marked records by kind under all of them (the Handled view's
 * count), and the total. The view (marked records in the Handled view, the others elsewhere)
 * bounds all but the kinds.
 */
function tallySql(query: RecordsFilterQuery) {
  const only = query.handled === 'only';
  const inView = sql<SqlBool>`handled ${sql.raw(only ? '!=' : '=')} ''`;
  const filters = (except?: FacetKey) =>
    FACET_KEYS.filter((key) => key !== except && query[key].length > 0).map(
      (key) => sql<SqlBool>`${sql.ref(key)} in (${sql.join(query[key])})`,
    );
  return sql.join(
    [
      ...FACET_KEYS.map((key) =>
        sums(key, sql.ref(key), [inView, sql<SqlBool>`${sql.ref(key)} != ''`, ...filters(key)]),
      ),
      sums('handled', sql.ref('handled'), [sql<SqlBool>`handled != ''`, ...filters()]),
      sums('total', sql.lit(''), [inView, ...filters()]),
    ],
    sql` union all `,
  );
}

/** One branch of a tally: the sums of `c`'s `n` by `value` where all of `where` hold. */
const sums = (facet: TallyRow['facet'], value: RawBuilder<unknown>, where: RawBuilder<SqlBool>[]) =>
  // The facet's name a literal: PostgreSQL cannot type a parameter standing alone in a select list.
  sql`select ${sql.lit(facet)} as facet, ${value} as value, sum(n) as n from c where ${and(where)} group by 2`;

/** The tally's sums as the page reports them, with the known values that have none at 0. */
function tallied(rows: TallyRow[]): Tally {
  const facets = Object.fromEntries(
    FACET_KEYS.map((key) => [key, Object.fromEntries(KNOWN_VALUES[key].map((v) => [v, 0]))]),
  ) as Facets;
  const handled = Object.fromEntries(MARK_KINDS.map((kind) => [kind, 0])) as Tally['handled'];
  let total = 0;
  for (const { facet, value, n } of rows) {
    if (facet === 'total') total = n;
    else if (facet === 'handled') handled[value as MarkKind] = n;
    else facets[facet][value] = n;
  }
  return { total, facets, handled };
}
