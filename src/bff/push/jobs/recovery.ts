/**
 * After a restart, a job's records caught mid-push (`pushing`) are checked with Monite: a push
 * that took gives the record's state now; one that did not is queued again (push-safely.ts
 * `tookEffect`), so no record is pushed twice.
 */
import type { ItemState } from '../../../contract/push-jobs';
import { PUSH_MESSAGES } from '../../../contract/push-messages';
import type { Db } from '../../db/database';
import { toHttpError } from '../../http-errors';
import { forgetIfGone } from '../../mirror';
import type { MoniteClient } from '../../monite-client';
import { tookEffect } from '../push-safely';
import { itemStateOf } from './settle';
import { itemsIn, setItem } from './store';

export async function reconcileInterrupted(
  { db, monite }: { db: Db; monite: MoniteClient },
  jobId: string,
  entityId: string,
): Promise<void> {
  for (const item of await itemsIn(db, jobId, 'pushing')) {
    const update = (state: ItemState, reason: string | null = null) =>
      setItem(db, jobId, item.record_id, state, { reason });
    try {
      const { data: now } = await monite.getRecord(entityId, item.record_id, { priority: 'bulk' });
      const before =
        item.before_updated_at && item.before_status
          ? { sync_status: item.before_status, updated_at: item.before_updated_at }
          : undefined;
      if (before && !tookEffect(before, now)) await update('queued');
      else {
        const [state, { reason }] = itemStateOf(now);
        await update(state, reason);
      }
    } catch (error) {
      await forgetIfGone(db, entityId, item.record_id, error);
      await update('failed', PUSH_MESSAGES.interrupted(toHttpError(error).message));
    }
  }
}
