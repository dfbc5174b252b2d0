/**
 * The database from the command line:
 *   npm run db -- copy --from sqlite:<file> --to postgres://…   move an SQLite database to PostgreSQL
 */
import { parseArgs } from 'node:util';
import { copySqliteToPostgres } from '../db/copy';
import { parseDatabaseUrl } from '../db/url';
import type { CliIo } from './io';

const USAGE = `Usage: npm run db -- copy --from sqlite:<file> --to postgres://user:password@host:port/database
  copies every table of a stopped server's SQLite database into an empty PostgreSQL database`;

export async function dbCommand(argv: string[], io: CliIo): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' } },
  });
  if (positionals[0] !== 'copy' || positionals.length > 1 || !values.from || !values.to)
    throw new Error(USAGE);
  const { rows, ms } = await copySqliteToPostgres(values.from, values.to);
  const to = parseDatabaseUrl(values.to);
  const where = to.engine === 'postgres' ? to.where : values.to;
  const width = Math.max(...Object.keys(rows).map((t) => t.length));
  const lines = Object.entries(rows).map(
    ([table, n]) => `  ${table.padEnd(width)}  ${n.toLocaleString('en')}`,
  );
  io.output.write(
    `Copied ${values.from} to PostgreSQL at ${where} in ${(ms / 1000).toFixed(1)} s:\n${lines.join('\n')}\n`,
  );
}
