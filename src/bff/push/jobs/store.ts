/** Bulk jobs and their records in the database: what survives a reload and a restart. */
import { ITEM_STATES, MAX_JOB_RECORDS, type ItemState, type PushJob } from '../../../contract/push-jobs';
import { PUSH_MESSAGES } from '../../../contract/push-messages';
import { classifyMessage } from '../../../contract/error-groups';
import type { Db } from '../../db/database';
import { lockEntity } from '../../db/entity-lock';
import { documentsOf } from '../../documents';

/** Jobs still sending or watching. */
const ACTIVE_STATES = ['running', 'cancelling'];
/** Records are inserted this many at a time (SQLite's bound-parameter limit). */
const INSERT_BATCH = 500;

export type ItemUpdate = {
  reason?: string | null;
  before_status?: string | null;
  before_updated_at?: string | null;
};

export const findActiveJob = (db: Db, entityId: string) =>
  db
    .selectFrom('push_job')
    .select(['id', 'created_by'])
    .where('entity_id', '=', entityId)
    .where('state', 'in', ACTIVE_STATES)
    .executeTakeFirst();

export const activeJobs = (db: Db) =>
  db.selectFrom('push_job').select(['id', 'entity_id']).where('state', 'in', ACTIVE_STATES).execute();

export const jobRow = (db: Db, jobId: string) =>
  db.selectFrom('push_job').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();

/**
 * Inserts the job unless one is running for the entity (on any server); then answers that one.
 */
export async function insertJob(
  db: Db,
  job: { id: string; entityId: string; createdBy: string; recordIds: string[] },
): Promise<{ id: string; created_by: string } | undefined> {
  return db.transaction().execute(async (trx) => {
    await lockEntity(trx, 'jobs', job.entityId);
    const running = await findActiveJob(trx, job.entityId);
    if (running) return running;
    await trx
      .insertInto('push_job')
      .values({
        id: job.id,
        entity_id: job.entityId,
        created_by: job.createdBy,
        created_at: new Date().toISOString(),
        finished_at: null,
        state: 'running',
        total: job.recordIds.length,
      })
      .execute();
    for (let i = 0; i < job.recordIds.length; i += INSERT_BATCH) {
      const rows = job.recordIds.slice(i, i + INSERT_BATCH).map((record_id, k) => ({
        job_id: job.id,
        record_id,
        position: i + k,
        state: 'queued',
        reason: null,
        before_status: null,
        before_updated_at: null,
      }));
      await trx.insertInto('push_job_item').values(rows).execute();
    }
    return undefined;
  });
}

/** Running jobs and those that ended since `since`, newest first. */
export async function recentJobIds(db: Db, entityId: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('push_job')
    .select('id')
    .where('entity_id', '=', entityId)
    .where((eb) => eb.or([eb('state', 'in', ACTIVE_STATES), eb('finished_at', '>=', since)]))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

/** A job as the API shows it, but for its pace (progress.ts). */
export async function readJob(
  db: Db,
  entityId: string,
  jobId: string,
): Promise<Omit<PushJob, 'rate_per_second' | 'eta_seconds'> | undefined> {
  const job = await db
    .selectFrom('push_job')
    .selectAll()
    .where('id', '=', jobId)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  if (!job) return undefined;
  const grouped = await db
    .selectFrom('push_job_item')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('job_id', '=', jobId)
    .groupBy('state')
    .execute();
  const counts = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemState, number>;
  for (const g of grouped) counts[g.state as ItemState] = g.n;
  const problems = await db
    .selectFrom('push_job_item')
    .leftJoin('mirror_record', (join) =>
      join
        .on('mirror_record.entity_id', '=', entityId)
        .onRef('mirror_record.id', '=', 'push_job_item.record_id'),
    )
    .select(['record_id', 'state', 'reason', 'mirror_record.object_type', 'mirror_record.object_id'])
    .where('job_id', '=', jobId)
    .where('state', 'in', ['failed', 'skipped'])
    .orderBy('position')
    .limit(MAX_JOB_RECORDS)
    .execute();
  const documents = await documentsOf(
    db,
    entityId,
    problems.map((p) => p.record_id),
  );
  return {
    id: job.id,
    entity_id: job.entity_id,
    created_by: job.created_by,
    created_at: job.created_at,
    finished_at: job.finished_at,
    state: job.state as PushJob['state'],
    total: job.total,
    counts,
    problems: problems.map((p) => {
      const cause = p.state === 'failed' ? classifyMessage(p.reason ?? '') : null;
      return {
        record_id: p.record_id,
        state: p.state as 'failed' | 'skipped',
        reason: p.reason ?? PUSH_MESSAGES.noReason,
        class: cause?.class ?? null,
        fix: cause && cause.class !== 'retry' ? cause.fix : null,
        object_type: p.object_type,
        object_id: p.object_id,
        document: documents.get(p.record_id) ?? null,
      };
    }),
  };
}

export const markCancelling = (db: Db, jobId: string) =>
  db
    .updateTable('push_job')
    .set({ state: 'cancelling' })
    .where('id', '=', jobId)
    .where('state', '=', 'running')
    .execute();

export const finishJob = (db: Db, jobId: string, state: 'finished' | 'cancelled') =>
  db
    .updateTable('push_job')
    .set({ state, finished_at: new Date().toISOString() })
    .where('id', '=', jobId)
    .execute();

export async function itemIds(db: Db, jobId: string, state: ItemState): Promise<string[]> {
  const rows = await db
    .selectFrom('push_job_item')
    .select('record_id')
    .where('job_id', '=', jobId)
    .where('state', '=', state)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.record_id);
}

export const itemsIn = (db: Db, jobId: string, state: ItemState) =>
  db.selectFrom('push_job_item').selectAll().where('job_id', '=', jobId).where('state', '=', state).execute();

export async function countItems(db: Db, jobId: string, state: ItemState): Promise<number> {
  const { n } = await db
    .selectFrom('push_job_item')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('job_id', '=', jobId)
    .where('state', '=', state)
    .executeTakeFirstOrThrow();
  return n;
}

export const setItem = (db: Db, jobId: string, recordId: string, state: ItemState, update: ItemUpdate = {}) =>
  db
    .updateTable('push_job_item')
    .set({ state, ...update })
    .where('job_id', '=', jobId)
    .where('record_id', '=', recordId)
    .execute();

/** A cancelled job's records that were never sent. */
export const cancelQueued = (db: Db, jobId: string) =>
  db
    .updateTable('push_job_item')
    .set({ state: 'cancelled' })
    .where('job_id', '=', jobId)
    .where('state', '=', 'queued')
    .execute();
