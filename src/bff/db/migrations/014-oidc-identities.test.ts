import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { openOldSqlite } from '../../test/old-database';

const dir = mkdtempSync(join(tmpdir(), 'sync-desk-014-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps existing accounts and their live sessions while making passwords optional (SQLite rebuild)', async () => {
  const file = join(dir, 'old.db');
  const old = await openOldSqlite(file, '014');
  await sql`pragma foreign_keys = on`.execute(old);
  await sql`insert into staff_user values ('u1', 'ada@example.com', 'scrypt$hash', 'admin', 't0', null)`.execute(
    old,
  );
  await sql`insert into staff_session values ('s1', 'u1', 't1', 't2')`.execute(old);
  await old.destroy();

  const db = await openDatabase(`sqlite:${file}`);
  expect(await db.selectFrom('staff_user').selectAll().execute()).toEqual([
    {
      id: 'u1',
      email: 'ada@example.com',
      password_hash: 'scrypt$hash',
      role: 'admin',
      created_at: 't0',
      disabled_at: null,
      oidc_issuer: null,
      oidc_subject: null,
    },
  ]);
  expect(await db.selectFrom('staff_session').select(['id_hash', 'oidc_issuer']).execute()).toEqual([
    { id_hash: 's1', oidc_issuer: null },
  ]);
  // Enforced again: a session of no account is refused; an account without a password is not.
  await expect(
    sql`insert into staff_session values ('s2', 'nobody', 't1', 't2', null)`.execute(db),
  ).rejects.toThrow(/FOREIGN KEY/);
  await db
    .insertInto('staff_user')
    .values({
      id: 'u2',
      email: 'sso@example.com',
      password_hash: null,
      role: 'viewer',
      created_at: 't3',
      disabled_at: null,
      oidc_issuer: 'https://idp.example.com',
      oidc_subject: 'abc',
    })
    .execute();
  await expect(
    db
      .updateTable('staff_user')
      .set({ oidc_issuer: 'https://idp.example.com', oidc_subject: 'abc' })
      .where('id', '=', 'u1')
      .execute(),
  ).rejects.toThrow(/UNIQUE/);
  await db.destroy();
});
