/**
 * The three synced-record operations (API.md §4, §5): list one object type with keyset
 * pagination, read one record, push one record.
 */
import type { HttpHandler } from 'msw';
import { z } from 'zod';
import { OBJECT_TYPES, objectTypeSchema } from '../../monite/schemas';
import type { SimContext } from '../context';
import { decodeToken, encodeToken } from '../pagination-token';
import { ORDERS, type Cursor, type ListQuery, type Range } from '../record-pages';
import type { Entry } from '../sim-record';
import { SORT_FIELDS } from '../sorted-index';
import { route, type Call } from './pipeline';
import { moniteError, type Reply } from './reply';
import { entityHeader, unknownEntity } from './entity-scope';
import { lastParam, Validator } from './validation';

/**
 * The spec's maximum has moved between 100 and 250 (API.md §4); the simulator enforces the
 * stricter 100, so a client that sends more fails here rather than on some Monite deployments.
 */
const MAX_LIMIT = 100;

const rangeSchema = z.object({
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
});

const listTokenSchema = z.object({
  q: z.object({
    entityId: z.string(),
    objectType: objectTypeSchema,
    order: z.enum(ORDERS),
    sort: z.enum(SORT_FIELDS),
    objectId: z.string().optional(),
    objectIdIn: z.array(z.string()).optional(),
    created: rangeSchema,
    updated: rangeSchema,
  }),
  c: z.object({ dir: z.enum(['next', 'prev']), key: z.number(), id: z.string() }),
});

export function syncedRecordHandlers(ctx: SimContext): HttpHandler[] {
  return [
    route(ctx, 'get', '/accounting_synced_records', 'partner', (call) => list(ctx, call)),
    route(ctx, 'get', '/accounting_synced_records/:synced_record_id', 'partner', (call) =>
      withRecord(ctx, call, (entry) => ({ status: 200, body: entry.record })),
    ),
    route(ctx, 'post', '/accounting_synced_records/:synced_record_id/push', 'partner', (call) =>
      withRecord(ctx, call, (entry) => {
        ctx.store.push(entry);
        return { status: 200, body: entry.record };
      }),
    ),
  ];
}

function list(ctx: SimContext, { request, url }: Call): Reply {
  const q = url.searchParams;
  const v = new Validator();
  const entityId = entityHeader(v, request);
  const limit = v.int(['query', 'limit'], lastParam(q, 'limit'), 1, MAX_LIMIT) ?? MAX_LIMIT;
  const token = lastParam(q, 'pagination_token');
  // With a token every other parameter but `limit` is ignored, so it is not validated either.
  const fresh = token === undefined ? parseFilters(v, q) : undefined;
  if (v.failed || entityId === undefined) return v.reply();
  const missing = unknownEntity(ctx, entityId);
  if (missing) return missing;

  let query: ListQuery;
  let cursor: Cursor | null = null;
  if (token === undefined) {
    if (!fresh) return v.reply();
    query = { entityId, ...fresh };
  } else {
    const decoded = decodeToken(token, listTokenSchema);
    if (!decoded || decoded.q.entityId !== entityId) {
      v.add({
        loc: ['query', 'pagination_token'],
        msg: 'Invalid pagination token',
        type: 'value_error',
        input: token,
      });
      return v.reply();
    }
    query = decoded.q;
    cursor = decoded.c;
  }
  const page = ctx.store.list(query, cursor, limit);
  const tokenFor = (c: Cursor | null) => (c ? encodeToken({ q: query, c }) : null);
  return {
    status: 200,
    body: {
      data: page.items.map((e) => e.record),
      next_pagination_token: tokenFor(page.next),
      prev_pagination_token: tokenFor(page.prev),
    },
  };
}

function parseFilters(v: Validator, q: URLSearchParams): Omit<ListQuery, 'entityId'> | undefined {
  const objectType = v.oneOf(
    ['query', 'object_type'],
    OBJECT_TYPES,
    v.required(['query', 'object_type'], lastParam(q, 'object_type')),
  );
  const order = v.oneOf(['query', 'order'], ORDERS, lastParam(q, 'order')) ?? 'asc';
  const sort = v.oneOf(['query', 'sort'], SORT_FIELDS, lastParam(q, 'sort')) ?? 'created_at';
  const objectId = v.uuid(['query', 'object_id'], lastParam(q, 'object_id'));
  const inList = q.getAll('object_id__in').map((raw, i) => v.uuid(['query', 'object_id__in', i], raw) ?? '');
  const range = (field: 'created_at' | 'updated_at') => {
    const r: Range = {};
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      const ms = v.dateTime(['query', `${field}__${op}`], lastParam(q, `${field}__${op}`));
      if (ms !== undefined) r[op] = ms;
    }
    return r;
  };
  const created = range('created_at');
  const updated = range('updated_at');
  if (objectType === undefined) return undefined;
  return {
    objectType,
    order,
    sort,
    ...(objectId !== undefined && { objectId }),
    ...(inList.length > 0 && { objectIdIn: inList }),
    created,
    updated,
  };
}

function withRecord(ctx: SimContext, { request, params }: Call, answer: (entry: Entry) => Reply): Reply {
  const v = new Validator();
  const entityId = entityHeader(v, request);
  const id = v.uuid(['path', 'synced_record_id'], String(params.synced_record_id));
  if (v.failed || entityId === undefined || id === undefined) return v.reply();
  const missing = unknownEntity(ctx, entityId);
  if (missing) return missing;
  // Another entity's record is as invisible as a record that does not exist.
  const entry = ctx.store.get(entityId, id);
  return entry ? answer(entry) : moniteError(404, `Accounting synced record ${id} was not found.`);
}
