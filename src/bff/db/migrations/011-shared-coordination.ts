import type { Kysely } from 'kysely';
import { isPostgres } from '../engine';

/**
 * What keeps several server processes on one database behaving as one (issue 10): leases (who
 * runs a push, a bulk job or a mirror refresh, until when) and failed sign-ins per account.
 * Times are milliseconds since the epoch, compared in queries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const millis = isPostgres(db) ? 'bigint' : 'integer';
  await db.schema
    .createTable('lease')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('expires_at', millis, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sign_in_failure')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('at', millis, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_failure_account')
    .on('sign_in_failure')
    .columns(['account', 'at'])
    .execute();
  await db.schema.createIndex('sign_in_failure_at').on('sign_in_failure').column('at').execute();
}
