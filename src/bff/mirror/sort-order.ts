/**
 * The records list's orders (contract/api.ts SORT_KEYS) as keyset pages: each key's columns,
 * the last one unique (the id), so a position in the list is the last row's values of them and
 * the next page starts strictly after it, however many rows tie on the key.
 *
 * A key some records have no value for (the document's number, counterpart, amount, due date;
 * the error group of a record that did not fail) puts those records after the others in both
 * directions, ordered by the remaining columns: a page is read from the key's partial index
 * first, then from the rest.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import { sortParts, SORTS, type Sort, type SortKey } from '../../contract/api';
import type { MirrorRecordTable } from '../db/schema';
import { BadCursorError } from '../http-errors';

/** Every column some order reads, beside the id. */
export const ORDER_COLUMNS = [
  'updated_at',
  'sync_status',
  'provider',
  'platform',
  'error_group',
  'sort_number',
  'sort_counterpart',
  'sort_amount',
  'sort_due_date',
] as const;
type OrderColumn = (typeof ORDER_COLUMNS)[number] | 'id';
export type Sorted = Pick<MirrorRecordTable, OrderColumn>;
type Value = string | number;

type Spec = {
  columns: [OrderColumn, ...OrderColumn[]];
  /** The first column's value for "none", when records may have none: they come last. */
  none?: null | '';
};

const SPECS: Record<SortKey, Spec> = {
  updated_at: { columns: ['updated_at', 'id'] },
  sync_status: { columns: ['sync_status', 'updated_at', 'id'] },
  provider: { columns: ['provider', 'updated_at', 'id'] },
  platform: { columns: ['platform', 'updated_at', 'id'] },
  error: { columns: ['error_group', 'updated_at', 'id'], none: '' },
  number: { columns: ['sort_number', 'id'], none: null },
  counterpart: { columns: ['sort_counterpart', 'id'], none: null },
  amount: { columns: ['sort_amount', 'id'], none: null },
  due_date: { columns: ['sort_due_date', 'id'], none: null },
};

/** Where a page ends: the last row's order columns, or (`rest`) those after the key among records without one. */
export type Position = { rest: boolean; values: Value[] };

export type Order = {
  sort: Sort;
  desc: boolean;
  /** The columns of the records with a value, and of the rest (none when every record has one). */
  columns: OrderColumn[];
  restColumns: OrderColumn[] | null;
  /** The first column's value for "none" (see Spec). */
  none: Spec['none'];
  /** Which records have a value, spelled as the key's partial index is; null when all do. */
  valued: RawBuilder<SqlBool> | null;
  unvalued: RawBuilder<SqlBool> | null;
  /** The SQL `order by` terms putting records without a value last (searches sort their matches in one go). */
  orderBy: RawBuilder<unknown>;
};

export function orderOf(sort: Sort): Order {
  const { key, desc } = sortParts(sort);
  const { columns, none } = SPECS[key];
  const direction = sql.raw(desc ? 'desc' : 'asc');
  const first = sql.ref(columns[0]);
  const optional = none !== undefined;
  const valued = none === null ? sql<SqlBool>`${first} is not null` : sql<SqlBool>`${first} != ''`;
  const unvalued = none === null ? sql<SqlBool>`${first} is null` : sql<SqlBool>`${first} = ''`;
  const terms = columns.map((column) => sql`${sql.ref(column)} ${direction}`);
  return {
    sort,
    desc,
    columns,
    restColumns: optional ? columns.slice(1) : null,
    none,
    valued: optional ? valued : null,
    unvalued: optional ? unvalued : null,
    orderBy: sql.join(optional ? [sql`(${unvalued})`, ...terms] : terms),
  };
}

/** Where a page whose last row is `row` ends. */
export function positionOf(order: Order, row: Sorted): Position {
  const rest = order.restColumns !== null && row[order.columns[0]!] === order.none;
  const values = (rest ? order.restColumns! : order.columns).map((column) => row[column] as Value);
  return { rest, values };
}

/** Rows strictly after `position` within its part of the order (those with a value, or the rest). */
export function afterCondition(order: Order, { rest, values }: Position): RawBuilder<SqlBool> {
  const columns = rest ? order.restColumns! : order.columns;
  const refs = sql.join(columns.map((column) => sql.ref(column)));
  const after = sql<SqlBool>`(${refs}) ${sql.raw(order.desc ? '<' : '>')} (${sql.join(values)})`;
  if (rest) return sql<SqlBool>`(${order.unvalued!} and ${after})`;
  return order.valued ? sql<SqlBool>`(${order.valued} and ${after})` : after;
}

const cursorSchema = z.object({
  sort: z.enum(SORTS),
  rest: z.boolean(),
  after: z.array(z.union([z.string(), z.number()])).min(1),
});

export function encodeCursor(order: Order, position: Position): string {
  const cursor: z.infer<typeof cursorSchema> = {
    sort: order.sort,
    rest: position.rest,
    after: position.values,
  };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The position a cursor of this order holds; a cursor of another sort, or not one of ours, is refused. */
export function decodeCursor(order: Order, cursor: string): Position {
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
  } catch {
    throw new BadCursorError();
  }
  if (parsed.sort !== order.sort)
    throw new BadCursorError(
      `The cursor is for the list sorted by ${parsed.sort}, not ${order.sort}; start again from the first page.`,
    );
  const columns = parsed.rest ? order.restColumns : order.columns;
  if (columns?.length !== parsed.after.length) throw new BadCursorError();
  return { rest: parsed.rest, values: parsed.after };
}
