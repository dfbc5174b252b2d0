import { sql, type Kysely } from 'kysely';

/**
 * One error group's failures in list order. Working through "Duplicate Document Number" pages
 * through a few hundred of an entity's 100,000 records; without this index SQLite walks every
 * failure by update time and skips the other groups'. Partial, as only failures have a group:
 * the other records cost it nothing to write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index mirror_record_error_group on mirror_record (entity_id, error_group, updated_at, id)
    where error_group != ''`.execute(db);
}
