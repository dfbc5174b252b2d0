/** `DATABASE_URL`: which engine, and where (checked by config.ts at start and by `openDatabase`). */
export type DatabaseLocation =
  | { engine: 'sqlite'; file: string }
  /** `where`: host, port and database, without the password, for messages and logs. */
  | { engine: 'postgres'; url: string; where: string };

const FORMS = 'sqlite:<file> or postgres://user:password@host:port/database';

/** Where `url` points; throws a message naming the accepted forms (never the password). */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length)
    return { engine: 'sqlite', file: url.slice('sqlite:'.length) };
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (parsed?.hostname)
      return {
        engine: 'postgres',
        url,
        where: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
      };
    throw new Error(`DATABASE_URL is not a valid PostgreSQL URL: it must be ${FORMS}.`);
  }
  throw new Error(`DATABASE_URL must be ${FORMS} (got "${url.split(':')[0]}:…").`);
}
