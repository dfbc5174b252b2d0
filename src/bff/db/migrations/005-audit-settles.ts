import { sql, type Kysely } from 'kysely';

/** The audit page's "one bulk job" view finds a job's pushes by the job id in their data. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index audit_entry_job on audit_entry (json_extract(data, '$.job_id'), seq)`.execute(db);
}
