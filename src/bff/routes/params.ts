import { z } from 'zod';
import type { EntityDirectory } from '../entity-directory';
import { notServed } from '../http-errors';

export const entityParams = z.object({ entityId: z.uuid() });
export const recordParams = entityParams.extend({ recordId: z.uuid() });
export const jobParams = entityParams.extend({ jobId: z.uuid() });

/** 404 unless the path's entity is one this deployment serves (never an open proxy). */
export async function requireServedEntity(entityId: string, entities: EntityDirectory): Promise<void> {
  if (!(await entities.has(entityId))) throw notServed(entityId);
}
