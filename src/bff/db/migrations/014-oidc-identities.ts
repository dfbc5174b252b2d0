import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine';

/**
 * Sign-in through an OpenID Connect provider (issue 11): an account may be linked to one identity
 * at the provider, (issuer, subject), and an account that only signs in there has no password.
 * A session records the provider it came from, so that signing out also ends the provider's
 * session (RP-initiated sign-out).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table staff_user alter column password_hash drop not null`.execute(db);
    await db.schema
      .alterTable('staff_user')
      .addColumn('oidc_issuer', 'text')
      .addColumn('oidc_subject', 'text')
      .execute();
  } else {
    await rebuildSqliteStaffUser(db);
  }
  // Null pairs (password-only accounts) never collide in either engine.
  await db.schema
    .createIndex('staff_user_oidc_identity')
    .on('staff_user')
    .columns(['oidc_issuer', 'oidc_subject'])
    .unique()
    .execute();
  await db.schema.alterTable('staff_session').addColumn('oidc_issuer', 'text').execute();
}

/**
 * SQLite cannot drop a NOT NULL constraint in place: the table is copied into a new one (SQLite's
 * documented twelve-step rebuild). Foreign-key enforcement is off meanwhile, or dropping the old
 * table would cascade into staff_session; migrations on SQLite run outside a transaction, so the
 * pragma takes effect, and the copy itself is one transaction.
 */
async function rebuildSqliteStaffUser(db: Kysely<unknown>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await trx.schema
        .createTable('staff_user_014')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .addColumn('oidc_issuer', 'text')
        .addColumn('oidc_subject', 'text')
        .execute();
      await sql`insert into staff_user_014 (id, email, password_hash, role, created_at, disabled_at)
        select id, email, password_hash, role, created_at, disabled_at from staff_user`.execute(trx);
      await trx.schema.dropTable('staff_user').execute();
      await sql`alter table staff_user_014 rename to staff_user`.execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error('staff_user rebuild broke a foreign key');
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
