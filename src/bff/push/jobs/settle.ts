/**
 * After Monite accepts a push the record is `pending`; the provider settles it later. A job moves
 * its records to done/failed as the mirror sees them settle (refreshing the mirror also audits
 * each settle: audit/settles.ts).
 */
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { ItemState } from '../../../contract/push-jobs';
import { PUSH_MESSAGES } from '../../../contract/push-messages';
import { summariseErrors } from '../../../monite/errors-text';
import type { SyncRecord } from '../../../monite/schemas';
import type { Db } from '../../db/database';
import type { MirrorRefresher } from '../../mirror';
import { countItems } from './store';

/** A job record's state and reason from the record as Monite shows it. */
export function itemStateOf(record: SyncRecord): [ItemState, { reason: string | null }] {
  if (record.sync_status === 'done') return ['done', { reason: null }];
  if (record.sync_status === 'error')
    return ['failed', { reason: summariseErrors(record.errors) ?? PUSH_MESSAGES.providerGaveNoReason }];
  return ['pending', { reason: null }];
}

/** Moves `pending` records that Monite has settled to done/failed; returns how many still wait. */
export async function settleItems(
  { db, refresher }: { db: Db; refresher: MirrorRefresher },
  log: FastifyBaseLogger,
  jobId: string,
  entityId: string,
): Promise<number> {
  if ((await countItems(db, jobId, 'pending')) === 0) return 0;
  await refresher
    .refresh(entityId)
    .catch((error: unknown) => log.warn({ jobId, err: error }, 'settle refresh failed'));
  await sql`
    update push_job_item
    set state = case m.sync_status when 'done' then 'done' else 'failed' end,
        reason = case m.sync_status when 'error' then coalesce(m.first_error, ${PUSH_MESSAGES.providerGaveNoReason}) end
    from mirror_record m
    where push_job_item.job_id = ${jobId} and push_job_item.state = 'pending'
      and m.entity_id = ${entityId} and m.id = push_job_item.record_id and m.sync_status in ('done', 'error')
  `.execute(db);
  return countItems(db, jobId, 'pending');
}
