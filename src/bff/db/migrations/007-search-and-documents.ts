import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../engine';

/**
 * What issue 8 needs from the mirror: words of the error and the document (number, counterpart,
 * amount) searchable at any size, the document summaries themselves, and the error group as a
 * counted dimension.
 *
 * - Search is SQLite FTS5 with the trigram tokenizer (substring matches, any case, Müller = Muller),
 *   contentless so the text is not stored twice. Ids stay out of it: random hex makes trigram
 *   indexes big, and the primary key already finds an id by prefix.
 * - `mirror_document` holds one summary per record (a document synced to two platforms is stored
 *   twice, which is rare), so it is found and removed with its record. A record's
 *   `document_version` says which `object_updated_at` its summary reflects.
 * - `error_group` joins the count table's key; `regroupErrors` fills it in at start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('mirror_record')
    .addColumn('error_group', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('mirror_record').addColumn('object_updated_at', 'text').execute();
  await db.schema.alterTable('mirror_record').addColumn('document_version', 'text').execute();
  await sql`update mirror_record set object_updated_at = json_extract(data, '$.object_updated_at')`.execute(
    db,
  );
  // The records whose document summary is missing or older than the document: the summary
  // reader's queue, failed records first, kept by SQLite (new rows join it in update order).
  // (`is not` is SQLite's `is distinct from`, which PostgreSQL alone spells this way.)
  await sql`create index mirror_record_needs_document
    on mirror_record (entity_id, sync_status, updated_at)
    where object_id is not null and document_version ${sql.raw(isPostgres(db) ? 'is distinct from' : 'is not')} coalesce(object_updated_at, '')`.execute(
    db,
  );

  await db.schema.dropTable('mirror_count').execute();
  await db.schema
    .createTable('mirror_count')
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('sync_status', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('error_group', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('mirror_count_pk', [
      'entity_id',
      'sync_status',
      'provider',
      'platform',
      'object_type',
      'error_group',
    ])
    .execute();
  await sql`insert into mirror_count
    select entity_id, sync_status, provider, platform, object_type, '', count(*) from mirror_record
    group by entity_id, sync_status, provider, platform, object_type`.execute(db);
  await db.schema
    .createTable('mirror_document')
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mirror_document_record')
    .on('mirror_document')
    .columns(['entity_id', 'record_id'])
    .unique()
    .execute();
  await (isPostgres(db) ? postgresSearch(db) : sqliteSearch(db));
}

/** FTS5 trigram tables kept by triggers, and a record's document deleted with it. */
async function sqliteSearch(db: Kysely<unknown>): Promise<void> {
  await sql`create virtual table mirror_error_search using fts5(
    text, tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1)`.execute(db);
  await sql`insert into mirror_error_search (rowid, text)
    select rowid, first_error from mirror_record where first_error is not null`.execute(db);
  await sql`create trigger mirror_record_error_insert after insert on mirror_record
    when new.first_error is not null begin
      insert into mirror_error_search (rowid, text) values (new.rowid, new.first_error);
    end`.execute(db);
  await sql`create trigger mirror_record_error_update after update of first_error on mirror_record
    when old.first_error is not new.first_error begin
      delete from mirror_error_search where rowid = old.rowid;
      insert into mirror_error_search (rowid, text) select new.rowid, new.first_error
        where new.first_error is not null;
    end`.execute(db);
  await sql`create trigger mirror_record_delete after delete on mirror_record begin
      delete from mirror_error_search where rowid = old.rowid;
      delete from mirror_document where entity_id = old.entity_id and record_id = old.id;
    end`.execute(db);

  await sql`create virtual table mirror_document_search using fts5(
    text, tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1)`.execute(db);
  await sql`create trigger mirror_document_insert after insert on mirror_document begin
      insert into mirror_document_search (rowid, text) values (new.rowid, new.search_text);
    end`.execute(db);
  await sql`create trigger mirror_document_update after update of search_text on mirror_document
    when old.search_text is not new.search_text begin
      delete from mirror_document_search where rowid = old.rowid;
      insert into mirror_document_search (rowid, text) values (new.rowid, new.search_text);
    end`.execute(db);
  await sql`create trigger mirror_document_delete after delete on mirror_document begin
      delete from mirror_document_search where rowid = old.rowid;
    end`.execute(db);
}

/**
 * pg_trgm GIN indexes on the same text, folded as FTS5's trigram tokenizer folds it (any case,
 * no accents; `search_fold` must be immutable for an index), and the same delete trigger.
 */
async function postgresSearch(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create function search_fold(text) returns text
    language sql immutable strict parallel safe
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`.execute(db);
  await sql`create index mirror_record_error_search on mirror_record
    using gin (search_fold(first_error) gin_trgm_ops)`.execute(db);
  await sql`create index mirror_document_search on mirror_document
    using gin (search_fold(search_text) gin_trgm_ops)`.execute(db);
  await sql`create function mirror_record_deleted() returns trigger language plpgsql as $$
    begin
      delete from mirror_document where entity_id = old.entity_id and record_id = old.id;
      return old;
    end $$`.execute(db);
  await sql`create trigger mirror_record_delete after delete on mirror_record
    for each row execute function mirror_record_deleted()`.execute(db);
}
