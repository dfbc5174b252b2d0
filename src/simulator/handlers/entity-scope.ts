/** The entity a call acts for: `x-monite-entity-id`, required, a uuid, and one of the partner's. */
import type { SimContext } from '../context';
import { moniteError, type Reply } from './reply';
import type { Validator } from './validation';

export function entityHeader(v: Validator, request: Request): string | undefined {
  const loc = ['header', 'x-monite-entity-id'];
  return v.uuid(loc, v.required(loc, request.headers.get('x-monite-entity-id') ?? undefined));
}

export function unknownEntity(ctx: SimContext, entityId: string): Reply | undefined {
  if (ctx.entities.some((e) => e.id === entityId)) return undefined;
  return moniteError(404, `Entity ${entityId} was not found.`);
}
