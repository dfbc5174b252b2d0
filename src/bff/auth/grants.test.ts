import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations, type Db } from '../db/database';
import { openTestDatabase } from '../test/database';
import { accessFor, grantEntity, grantsOf, revokeEntity, setIdpGrants, visibleEntityIds } from './grants';
import { addUser } from './users';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const PASSWORD = 'correct horse battery staple';

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.destroy());

const only = async (email: string, role: 'viewer' | 'operator' | 'admin' = 'operator') =>
  addUser(db, email, role, PASSWORD, { entities: [], grantedBy: 'test' });

describe('entity grants', () => {
  it('gives a new account its entities; by default every entity, as before grants', async () => {
    const all = await addUser(db, 'all@example.com', 'operator', PASSWORD);
    const one = await addUser(db, 'one@example.com', 'viewer', PASSWORD, { entities: [A], grantedBy: 'x' });
    const admin = await addUser(db, 'admin@example.com', 'admin', PASSWORD);
    expect(await accessFor(db, all)).toEqual([{ entity_id: '*', role: 'operator' }]);
    expect(await accessFor(db, one)).toEqual([{ entity_id: A, role: 'viewer' }]);
    expect(await grantsOf(db, admin.id)).toEqual([]);
  });

  it('grants, changes and revokes an entity; the stronger role wins where grants overlap', async () => {
    const user = await only('u@example.com');
    await grantEntity(db, { userId: user.id, entityId: A, role: 'viewer', grantedBy: 'admin@example.com' });
    await grantEntity(db, { userId: user.id, entityId: '*', role: 'viewer', grantedBy: 'admin@example.com' });
    await setIdpGrants(db, user.id, [{ entityId: A, role: 'operator' }]);
    expect(await accessFor(db, user)).toEqual(
      expect.arrayContaining([
        { entity_id: '*', role: 'viewer' },
        { entity_id: A, role: 'operator' },
      ]),
    );
    await grantEntity(db, { userId: user.id, entityId: A, role: 'operator', grantedBy: 'b@example.com' });
    const mine = (await grantsOf(db, user.id)).find((g) => g.source === 'sync-desk' && g.entity_id === A);
    expect(mine).toMatchObject({ role: 'operator', granted_by: 'b@example.com' });

    expect(await revokeEntity(db, { userId: user.id, entityId: '*' })).toBe(true);
    expect(await revokeEntity(db, { userId: user.id, entityId: '*' })).toBe(false);
    expect(visibleEntityIds({ role: 'operator', grants: await accessFor(db, user) })).toEqual([A]);
  });

  it("replaces only the identity provider's grants, keeping those made in Sync Desk", async () => {
    const user = await only('u@example.com');
    await grantEntity(db, { userId: user.id, entityId: A, role: 'viewer', grantedBy: 'admin@example.com' });
    await setIdpGrants(db, user.id, [
      { entityId: A, role: 'operator' },
      { entityId: B, role: 'viewer' },
      { entityId: B, role: 'operator' },
    ]);
    await setIdpGrants(db, user.id, [{ entityId: B, role: 'viewer' }]);
    const grants = await grantsOf(db, user.id);
    expect(grants.map((g) => [g.entity_id, g.source, g.role])).toEqual([
      [A, 'sync-desk', 'viewer'],
      [B, 'idp', 'viewer'],
    ]);
    await setIdpGrants(db, user.id, []);
    expect((await grantsOf(db, user.id)).map((g) => g.source)).toEqual(['sync-desk']);
  });

  it('caps grants by the deployment role: a deployment viewer only reads; an admin sees everything', async () => {
    const viewer = await only('v@example.com', 'viewer');
    await grantEntity(db, { userId: viewer.id, entityId: A, role: 'operator', grantedBy: 'x' });
    expect(await accessFor(db, viewer)).toEqual([{ entity_id: A, role: 'viewer' }]);
    expect(visibleEntityIds({ role: 'admin', grants: [] })).toBeNull();
    expect(visibleEntityIds({ role: 'viewer', grants: [{ entity_id: '*', role: 'viewer' }] })).toBeNull();
  });

  it('goes with its account', async () => {
    const user = await addUser(db, 'gone@example.com', 'operator', PASSWORD);
    await db.deleteFrom('staff_user').where('id', '=', user.id).execute();
    expect(await grantsOf(db, user.id)).toEqual([]);
  });
});

describe('migration 013', () => {
  it("gives every existing non-admin account a '*' grant with its role, and admins none", async () => {
    // Back to 012, accounts made, then migrated again.
    await sql`drop table entity_grant`.execute(db);
    await sql`delete from kysely_migration where name = '013-entity-grants'`.execute(db);
    const rows = [
      { id: 'u1', email: 'op@example.com', role: 'operator' },
      { id: 'u2', email: 'vi@example.com', role: 'viewer' },
      { id: 'u3', email: 'ad@example.com', role: 'admin' },
    ].map((r) => ({ ...r, password_hash: 'x', created_at: '2026-01-01T00:00:00Z', disabled_at: null }));
    await db.insertInto('staff_user').values(rows).execute();
    const { error } = await new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      // Later migrations (014) stay applied: only 013 runs again.
      allowUnorderedMigrations: true,
    }).migrateToLatest();
    expect(error).toBeUndefined();
    const grants = await db
      .selectFrom('entity_grant')
      .select(['user_id', 'entity_id', 'role', 'source'])
      .orderBy('user_id')
      .execute();
    expect(grants).toEqual([
      { user_id: 'u1', entity_id: '*', role: 'operator', source: 'sync-desk' },
      { user_id: 'u2', entity_id: '*', role: 'viewer', source: 'sync-desk' },
    ]);
  });
});
