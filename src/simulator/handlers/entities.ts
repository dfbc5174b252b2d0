/**
 * `GET /v1/entities` (API.md §10): a partner-level list, no entity header. The partner has a
 * handful of entities, so pages are offsets into the filtered, sorted list.
 */
import type { HttpHandler } from 'msw';
import { z } from 'zod';
import type { SimContext } from '../context';
import { decodeToken, encodeToken } from '../pagination-token';
import { ORDERS } from '../record-pages';
import { SORT_FIELDS } from '../sorted-index';
import { route } from './pipeline';
import { lastParam, Validator } from './validation';

const ENTITY_TYPES = ['individual', 'organization'] as const;
const ENTITY_STATUSES = ['active', 'inactive', 'deleted'] as const;
const MAX_LIMIT = 100;

const entityQuerySchema = z.object({
  order: z.enum(ORDERS),
  sort: z.enum(SORT_FIELDS),
  type: z.enum(ENTITY_TYPES).optional(),
  status: z.enum(ENTITY_STATUSES).optional(),
  idIn: z.array(z.string()).optional(),
  idNotIn: z.array(z.string()).optional(),
});
type EntityQuery = z.infer<typeof entityQuerySchema>;
const entityTokenSchema = z.object({ q: entityQuerySchema, offset: z.number().int().min(0) });

export function entitiesHandler(ctx: SimContext): HttpHandler {
  return route(ctx, 'get', '/entities', 'partner', ({ url }) => {
    const q = url.searchParams;
    const v = new Validator();
    const limit = v.int(['query', 'limit'], lastParam(q, 'limit'), 1, MAX_LIMIT) ?? MAX_LIMIT;
    const token = lastParam(q, 'pagination_token');
    const decoded = token === undefined ? undefined : decodeToken(token, entityTokenSchema);
    if (token !== undefined && !decoded) {
      v.add({
        loc: ['query', 'pagination_token'],
        msg: 'Invalid pagination token',
        type: 'value_error',
        input: token,
      });
    }
    // A token carries the original query: the other parameters but `limit` are ignored.
    const query = decoded?.q ?? parseQuery(v, q);
    const offset = decoded?.offset ?? 0;
    if (v.failed) return v.reply();

    const matching = ctx.entities
      .map((e) => e.response)
      .filter(
        (e) =>
          (!query.type || e.type === query.type) &&
          (!query.status || e.status === query.status) &&
          (!query.idIn || query.idIn.includes(String(e.id))) &&
          (!query.idNotIn || !query.idNotIn.includes(String(e.id))),
      )
      .toSorted((a, b) => {
        const d =
          String(a[query.sort]).localeCompare(String(b[query.sort])) ||
          String(a.id).localeCompare(String(b.id));
        return query.order === 'asc' ? d : -d;
      });
    const at = (o: number) => encodeToken({ q: query, offset: o });
    return {
      status: 200,
      body: {
        data: matching.slice(offset, offset + limit),
        next_pagination_token: offset + limit < matching.length ? at(offset + limit) : null,
        prev_pagination_token: offset > 0 ? at(Math.max(0, offset - limit)) : null,
      },
    };
  });
}

function parseQuery(v: Validator, q: URLSearchParams): EntityQuery {
  const uuids = (name: string) => {
    const list = q.getAll(name).map((raw, i) => v.uuid(['query', name, i], raw) ?? '');
    return list.length > 0 ? list : undefined;
  };
  return {
    order: v.oneOf(['query', 'order'], ORDERS, lastParam(q, 'order')) ?? 'asc',
    sort: v.oneOf(['query', 'sort'], SORT_FIELDS, lastParam(q, 'sort')) ?? 'created_at',
    type: v.oneOf(['query', 'type'], ENTITY_TYPES, lastParam(q, 'type')),
    status: v.oneOf(['query', 'status'], ENTITY_STATUSES, lastParam(q, 'status')),
    idIn: uuids('id__in'),
    idNotIn: uuids('id__not_in'),
  };
}
