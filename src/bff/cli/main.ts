/** `npm run users -- …`, `npm run audit -- …` and `npm run db -- …`: one entry point. */
import { ZodError } from 'zod';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { auditCommand } from './audit';
import { dbCommand } from './db';
import { usersCommand } from './users';

const [tool, ...argv] = process.argv.slice(2);
const io = { input: process.stdin, output: process.stdout };

/** users and audit work on the configured database; db names its databases itself. */
async function run(): Promise<number | void> {
  if (tool === 'db') return dbCommand(argv, io);
  if (tool !== 'users' && tool !== 'audit')
    throw new Error(`Unknown tool "${tool}"; use npm run users, npm run audit or npm run db.`);
  const db = await openDatabase(loadConfig().databaseUrl);
  try {
    return tool === 'users' ? await usersCommand(db, argv, io) : await auditCommand(db, argv, io);
  } finally {
    await db.destroy();
  }
}

try {
  const code = await run();
  if (code !== undefined) process.exitCode = code;
} catch (error) {
  const message =
    error instanceof ZodError
      ? error.issues.map((i) => i.message).join('\n')
      : String(error instanceof Error ? error.message : error);
  console.error(message);
  process.exitCode = 2;
}
