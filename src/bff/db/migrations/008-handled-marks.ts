import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine';

/**
 * Marks a bookkeeper sets on a failure fixed outside (`resolved`) or never to be sent
 * (`do_not_send`), kept on the record's own row so the mirror's upsert lapses them in the same
 * statement that sees the record change, and so a deleted record takes its mark with it.
 *
 * - `handled` is the mark's kind, '' when there is none; it joins the count table's key, so the
 *   Failed view (unhandled) and the Handled view count from it as the other facets do.
 * - The Handled view is few rows of a large entity: a partial index holds just those, in list order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('mirror_record')
    .addColumn('handled', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  for (const column of ['handled_by', 'handled_at', 'handled_reason'])
    await db.schema.alterTable('mirror_record').addColumn(column, 'text').execute();
  await sql`create index mirror_record_handled on mirror_record (entity_id, updated_at, id)
    where handled != ''`.execute(db);

  await db.schema.alterTable('mirror_count').renameTo('mirror_count_old').execute();
  // PostgreSQL names a key's index in the schema, not the table: free the name for the new table.
  if (isPostgres(db))
    await sql`alter table mirror_count_old rename constraint mirror_count_pk to mirror_count_old_pk`.execute(
      db,
    );
  await db.schema
    .createTable('mirror_count')
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('sync_status', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('error_group', 'text', (c) => c.notNull())
    .addColumn('handled', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('mirror_count_pk', [
      'entity_id',
      'sync_status',
      'provider',
      'platform',
      'object_type',
      'error_group',
      'handled',
    ])
    .execute();
  // No record is marked yet: the counts carry over unchanged.
  await sql`insert into mirror_count
    select entity_id, sync_status, provider, platform, object_type, error_group, '', n
    from mirror_count_old`.execute(db);
  await db.schema.dropTable('mirror_count_old').execute();
}
