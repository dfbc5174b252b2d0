import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mirror_record')
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('sync_status', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('first_error', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mirror_record_pk', ['entity_id', 'id'])
    .execute();
  // Keyset pages: the usual filter (status) leads, then the sort key.
  await db.schema
    .createIndex('mirror_record_status_updated')
    .on('mirror_record')
    .columns(['entity_id', 'sync_status', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('mirror_record_updated')
    .on('mirror_record')
    .columns(['entity_id', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('mirror_record_object')
    .on('mirror_record')
    .columns(['entity_id', 'object_id'])
    .execute();

  await db.schema
    .createTable('mirror_count')
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('sync_status', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('mirror_count_pk', [
      'entity_id',
      'sync_status',
      'provider',
      'platform',
      'object_type',
    ])
    .execute();

  await db.schema
    .createTable('mirror_cursor')
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('high_water', 'text')
    .addColumn('refreshed_at', 'text')
    .addPrimaryKeyConstraint('mirror_cursor_pk', ['entity_id', 'object_type'])
    .execute();
}
