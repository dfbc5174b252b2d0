/** `npm run users -- …` and `npm run audit -- …`: one entry point, on the configured database. */
import { ZodError } from 'zod';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { auditCommand } from './audit';
import { usersCommand } from './users';

const [tool, ...argv] = process.argv.slice(2);
const io = { input: process.stdin, output: process.stdout };
const db = await openDatabase(loadConfig().databaseUrl);
try {
  if (tool === 'users') await usersCommand(db, argv, io);
  else if (tool === 'audit') process.exitCode = await auditCommand(db, argv, io);
  else throw new Error(`Unknown tool "${tool}"; use npm run users or npm run audit.`);
} catch (error) {
  const message =
    error instanceof ZodError
      ? error.issues.map((i) => i.message).join('\n')
      : String(error instanceof Error ? error.message : error);
  console.error(message);
  process.exitCode = 2;
} finally {
  await db.destroy();
}
