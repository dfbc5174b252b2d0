/**
 * The audit log from the command line:
 *   npm run audit -- verify    check the hash chain; names the first broken entry
 */
import { verifyChain } from '../audit';
import type { Db } from '../db/database';
import type { CliIo } from './io';

/** Resolves to the exit code: 0 when the chain holds, 1 when it is broken. */
export async function auditCommand(db: Db, argv: string[], io: CliIo): Promise<number> {
  if (argv[0] !== 'verify') throw new Error('Usage: npm run audit -- verify');
  const check = await verifyChain(db);
  if (check.ok) {
    io.output.write(`Audit log intact: ${check.entries} entries, every hash and link verified.\n`);
    return 0;
  }
  io.output.write(`Audit log BROKEN at entry #${check.brokenAt}: ${check.why}.\n`);
  return 1;
}
