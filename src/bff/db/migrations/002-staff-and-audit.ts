import type { Kysely } from 'kysely';
import { isPostgres } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();

  await db.schema
    .createTable('staff_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_session_user').on('staff_session').column('user_id').execute();

  await db.schema
    .createTable('audit_entry')
    // PostgreSQL numbers rows with a sequence (`serial`), not AUTOINCREMENT.
    .addColumn('seq', isPostgres(db) ? 'serial' : 'integer', (c) =>
      isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('record_id', 'text')
    .addColumn('started_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entry_actor').on('audit_entry').columns(['actor', 'seq']).execute();
  await db.schema.createIndex('audit_entry_record').on('audit_entry').columns(['record_id', 'seq']).execute();
  await db.schema.createIndex('audit_entry_started').on('audit_entry').column('started_id').execute();
}
