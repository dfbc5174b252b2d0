import { sql, type Kysely } from 'kysely';

/**
 * Per-entity access (issue 11, docs/decisions/013-entity-grants.md): which entities an account
 * may see, with a role on each. `entity_id = '*'` is every entity of the partner. `source` says
 * who made the grant: Sync Desk (the admin page, the CLI) or the identity provider's groups,
 * which replace only their own rows at each sign-in. Every existing non-admin account gets a
 * `'*'` grant with its current role, so a deployment behaves after the migration as before it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('entity_grant')
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_grant_pk', ['user_id', 'entity_id', 'source'])
    .execute();
  const now = new Date().toISOString();
  await sql`insert into entity_grant (user_id, entity_id, role, source, granted_by, granted_at)
    select id, '*', role, 'sync-desk', 'migration 013', ${now} from staff_user
    where role <> 'admin'`.execute(db);
}
