import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../audit/log';
import { findUserByEmail } from '../auth/users';
import { verifyPassword } from '../auth/passwords';
import type { Db } from '../db/database';
import { openTestDatabase } from '../test/database';
import { auditCommand } from './audit';
import { usersCommand } from './users';

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.destroy());

/** Runs a command with `stdin` piped in; resolves to what it printed. */
async function run(command: (io: { input: Readable; output: PassThrough }) => Promise<unknown>, stdin = '') {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => (printed += String(chunk)));
  await command({ input: Readable.from([stdin]), output });
  return printed;
}

const users = (stdin: string, ...args: string[]) => run((io) => usersCommand(db, args, io), stdin);

describe('npm run users', () => {
  it('adds, lists, re-roles and disables accounts, reading passwords from stdin', async () => {
    expect(await users('', 'list')).toContain('No accounts yet');
    expect(await users('a long admin password\n', 'add', 'Ada@Example.com', '--role', 'admin')).toBe(
      'Added ada@example.com as admin.\n',
    );
    const stored = await findUserByEmail(db, 'ada@example.com');
    expect(stored!.password_hash).not.toContain('a long admin password');
    expect(await verifyPassword('a long admin password', stored!.password_hash!)).toBe(true);

    await users('another long password\n', 'set-password', 'ada@example.com');
    expect(
      await verifyPassword(
        'another long password',
        (await findUserByEmail(db, 'ada@example.com'))!.password_hash!,
      ),
    ).toBe(true);
    await users('', 'set-role', 'ada@example.com', '--role', 'viewer');
    await users('', 'disable', 'ada@example.com');
    expect(await users('', 'list')).toMatch(/ada@example.com\s+viewer\s+disabled/);
  });

  it('adds accounts to every entity or the ones named, grants and revokes entities, and audits it', async () => {
    const A = '11111111-1111-4111-8111-111111111111';
    await users('a long enough password\n', 'add', 'all@example.com', '--role', 'operator');
    expect(
      await users('a long enough password\n', 'add', 'bk@example.com', '--role', 'viewer', '--entity', A),
    ).toBe(`Added bk@example.com as viewer on ${A}.\n`);
    expect(await users('', 'grant', 'bk@example.com', '--entity', '*', '--role', 'viewer')).toBe(
      'bk@example.com may now see * as viewer.\n',
    );
    expect(await users('', 'revoke', 'bk@example.com', '--entity', A)).toBe(
      `bk@example.com no longer sees ${A}.\n`,
    );
    const list = await users('', 'list');
    expect(list).toMatch(/all@example.com\s+operator\s+active\s+\*:operator\(sync-desk\)/);
    expect(list).toMatch(/bk@example.com\s+viewer\s+active\s+\*:viewer\(sync-desk\)\n/);
    const audit = await db
      .selectFrom('audit_entry')
      .select(['actor', 'action', 'entity_id'])
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { actor: 'cli', action: 'grant_entity', entity_id: '*' },
      { actor: 'cli', action: 'revoke_entity', entity_id: A },
    ]);
    await expect(users('', 'revoke', 'bk@example.com', '--entity', A)).rejects.toThrow(/has no grant/);
    await expect(
      users('', 'grant', 'bk@example.com', '--entity', 'acme', '--role', 'viewer'),
    ).rejects.toThrow(/needs one --entity/);
    await expect(users('', 'grant', 'bk@example.com', '--entity', A, '--role', 'admin')).rejects.toThrow(
      /viewer or operator/,
    );
  });

  it('refuses bad input with a clear message', async () => {
    await expect(
      users('a long enough password\n', 'add', 'ada@example.com', '--role', 'root'),
    ).rejects.toThrow(/--role must be/);
    await expect(users('short\n', 'add', 'ada@example.com', '--role', 'admin')).rejects.toThrow(
      /at least 12/,
    );
    await expect(users('', 'disable', 'nobody@example.com')).rejects.toThrow(/No user with the email/);
    await expect(users('', 'frobnicate')).rejects.toThrow(/Usage/);
  });
});

describe('npm run audit -- verify', () => {
  it('exits 0 on an intact log and 1 naming the first broken entry', async () => {
    for (const actor of ['a@example.com', 'b@example.com'])
      await appendAudit(db, { actor, action: 'sign_in', data: {} });
    let code = -1;
    expect(await run(async (io) => (code = await auditCommand(db, ['verify'], io)))).toContain(
      'intact: 2 entries',
    );
    expect(code).toBe(0);
    await sql`update audit_entry set actor = 'x@example.com' where seq = 1`.execute(db);
    expect(await run(async (io) => (code = await auditCommand(db, ['verify'], io)))).toContain(
      'BROKEN at entry #1',
    );
    expect(code).toBe(1);
  });
});
