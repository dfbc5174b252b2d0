import { z } from 'zod';
import type { EntityDirectory } from '../entity-directory';
import { HttpError, parseInput } from '../http-errors';

const entityParams = z.object({ entityId: z.uuid() });
const recordParams = entityParams.extend({ recordId: z.uuid() });

/** The path's entity id, checked to be one this deployment serves (never an open proxy). */
export async function entityFrom(params: unknown, entities: EntityDirectory): Promise<string> {
  const { entityId } = parseInput(entityParams, params, 'path');
  if (!(await entities.has(entityId))) {
    throw new HttpError(404, 'not_found', `Sync Desk does not serve entity ${entityId}.`);
  }
  return entityId;
}

export async function recordFrom(
  params: unknown,
  entities: EntityDirectory,
): Promise<{ entityId: string; recordId: string }> {
  const { recordId } = parseInput(recordParams, params, 'path');
  return { entityId: await entityFrom(params, entities), recordId };
}
