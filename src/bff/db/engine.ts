/**
 * Which engine a Kysely instance (or transaction) talks to, for the few statements whose SQL
 * differs between SQLite and PostgreSQL (docs/decisions/009-postgresql.md). Everything else is
 * written once.
 */
import { PostgresAdapter, type DialectAdapter } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

type WithAdapter = { getExecutor(): { readonly adapter: DialectAdapter } };

export const isPostgres = (db: WithAdapter): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
