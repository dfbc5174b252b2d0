/**
 * The documents behind synced records: `GET /receivables`, `/payables`, `/counterparts` and
 * `/products` filtered by `id__in` (repeated: `id__in=a&id__in=b`; valid but unknown ids are simply
 * absent, as the spec says), `GET /payment_records` (every payment record of the entity) and
 * `GET /payment_records/{payment_record_id}`. Lists page like Monite's, oldest first, up to
 * `limit` documents a page with a token for the rest.
 */
import type { HttpHandler } from 'msw';
import { z } from 'zod';
import type { ObjectType } from '../../monite/schemas';
import type { SimContext } from '../context';
import type { DocumentBook } from '../documents';
import { decodeToken, encodeToken } from '../pagination-token';
import type { Entry } from '../sim-record';
import { compare } from '../sorted-index';
import { entityHeader, unknownEntity } from './entity-scope';
import { route, type Call } from './pipeline';
import { moniteError, type Reply } from './reply';
import { lastParam, Validator } from './validation';

type DocumentList = {
  path: '/receivables' | '/payables' | '/counterparts' | '/products' | '/payment_records';
  /** The spec's `limit` maximum for this operation (its default is 100 everywhere). */
  maxLimit: number;
  /** Whether Monite filters this list by `id__in` (it does not for payment records). */
  byIds: boolean;
  /** The record types whose `object_id`s are this list's documents. */
  types: readonly ObjectType[];
  body: (book: DocumentBook, entityId: string, id: string) => Record<string, unknown> | undefined;
};

const LISTS: readonly DocumentList[] = [
  {
    path: '/receivables',
    maxLimit: 250,
    byIds: true,
    types: ['receivable'],
    body: (b, e, id) => b.receivable(e, id),
  },
  { path: '/payables', maxLimit: 100, byIds: true, types: ['bill'], body: (b, e, id) => b.payable(e, id) },
  {
    path: '/counterparts',
    maxLimit: 100,
    byIds: true,
    types: ['customer', 'vendor'],
    body: (b, e, id) => b.counterpart(e, id),
  },
  { path: '/products', maxLimit: 100, byIds: true, types: ['product'], body: (b, e, id) => b.product(e, id) },
  {
    path: '/payment_records',
    maxLimit: 100,
    byIds: false,
    types: ['payment_record'],
    body: (b, e, id) => b.paymentRecord(e, id),
  },
];

const DEFAULT_LIMIT = 100;

const tokenSchema = z.object({
  path: z.string(),
  entityId: z.string(),
  ids: z.array(z.string()).optional(),
  offset: z.number().int().min(0),
});
type Token = z.infer<typeof tokenSchema>;

export function documentHandlers(ctx: SimContext): HttpHandler[] {
  return [
    ...LISTS.map((list) => route(ctx, 'get', list.path, 'partner', (call) => listDocuments(ctx, list, call))),
    route(ctx, 'get', '/payment_records/:payment_record_id', 'partner', ({ request, params }) => {
      const v = new Validator();
      const entityId = entityHeader(v, request);
      const id = v.uuid(['path', 'payment_record_id'], String(params.payment_record_id));
      if (v.failed || entityId === undefined || id === undefined) return v.reply();
      const missing = unknownEntity(ctx, entityId);
      if (missing) return missing;
      const body = ctx.documents.paymentRecord(entityId, id);
      return body ? { status: 200, body } : moniteError(404, `Payment record ${id} was not found.`);
    }),
  ];
}

function listDocuments(ctx: SimContext, list: DocumentList, { request, url }: Call): Reply {
  const q = url.searchParams;
  const v = new Validator();
  const entityId = entityHeader(v, request);
  const limit = v.int(['query', 'limit'], lastParam(q, 'limit'), 1, list.maxLimit) ?? DEFAULT_LIMIT;
  const raw = lastParam(q, 'pagination_token');
  // With a token the other filters are ignored, as for synced records.
  const ids =
    raw === undefined && list.byIds
      ? q.getAll('id__in').map((id, i) => v.uuid(['query', 'id__in', i], id) ?? '')
      : [];
  if (v.failed || entityId === undefined) return v.reply();
  const missing = unknownEntity(ctx, entityId);
  if (missing) return missing;

  let token: Token = {
    path: list.path,
    entityId,
    ...(ids.length > 0 && { ids: [...new Set(ids)] }),
    offset: 0,
  };
  if (raw !== undefined) {
    const decoded = decodeToken(raw, tokenSchema);
    if (!decoded || decoded.path !== list.path || decoded.entityId !== entityId) {
      v.add({
        loc: ['query', 'pagination_token'],
        msg: 'Invalid pagination token',
        type: 'value_error',
        input: raw,
      });
      return v.reply();
    }
    token = decoded;
  }
  const entries = documentEntries(ctx, list, entityId, token.ids);
  const page = entries.slice(token.offset, token.offset + limit);
  const at = (offset: number) => encodeToken({ ...token, offset });
  return {
    status: 200,
    body: {
      data: page.flatMap((e) => list.body(ctx.documents, entityId, e.record.object_id) ?? []),
      next_pagination_token: token.offset + limit < entries.length ? at(token.offset + limit) : null,
      prev_pagination_token: token.offset > 0 ? at(Math.max(0, token.offset - limit)) : null,
    },
  };
}

/** The records whose documents match, oldest first: those of `ids`, or every one of the list's types. */
function documentEntries(
  ctx: SimContext,
  list: DocumentList,
  entityId: string,
  ids?: readonly string[],
): Entry[] {
  const found = ids
    ? ids.flatMap((id) => list.types.flatMap((type) => ctx.store.byObject(entityId, type, id) ?? []))
    : list.types.flatMap((type) => ctx.store.created(entityId, type).items);
  return found.toSorted((a, b) => compare(a, b, 'created_at'));
}
