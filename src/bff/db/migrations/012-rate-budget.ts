import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine';

/**
 * The Monite request budget all instances share (src/bff/shared-rate-limiter.ts): one row, whose
 * times are milliseconds since the epoch. `next_at` is the earliest time the next request may
 * leave, `paused_until` the end of a pause Monite asked for, `interactive_until` how long bulk
 * work stands back for a person's click waiting on some instance, and `grant_token` tells the
 * instance whose update took the last turn that it was its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ms = isPostgres(db) ? 'bigint' : 'integer';
  await db.schema
    .createTable('rate_budget')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_at', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('paused_until', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('interactive_until', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('grant_token', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`insert into rate_budget (name) values ('monite')`.execute(db);
}
