import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine';

/** The audit page's "one bulk job" view finds a job's pushes by the job id in their data. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite's json_extract for the JSON-path reads the queries share (a top-level field, as text).
  if (isPostgres(db))
    await sql`create function json_extract(doc text, path text) returns text
      language sql immutable strict parallel safe
      as $$ select doc::jsonb #>> string_to_array(substring(path from 3), '.') $$`.execute(db);
  await sql`create index audit_entry_job on audit_entry (json_extract(data, '$.job_id'), seq)`.execute(db);
}
