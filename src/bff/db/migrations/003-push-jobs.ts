import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('push_job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('push_job_entity')
    .on('push_job')
    .columns(['entity_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('push_job_item')
    .addColumn('job_id', 'text', (c) => c.notNull().references('push_job.id').onDelete('cascade'))
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('before_status', 'text')
    .addColumn('before_updated_at', 'text')
    .addPrimaryKeyConstraint('push_job_item_pk', ['job_id', 'record_id'])
    .execute();
  await db.schema
    .createIndex('push_job_item_state')
    .on('push_job_item')
    .columns(['job_id', 'state', 'position'])
    .execute();
}
