import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../contract/admin';
import { startBff, useSimulatedMonite } from '../test/harness';

useSimulatedMonite();

const staffOf = async (bff: Awaited<ReturnType<typeof startBff>>, headers: Record<string, string>) =>
  (await bff.app.inject({ url: '/api/admin/staff', headers })).json<{ data: StaffMember[] }>().data;

describe('/api/admin/staff', () => {
  it('lets an admin grant, revoke, change the role and disable an account, each audited with who did it', async () => {
    const bff = await startBff();
    const admin = await bff.signIn('admin');
    const staff = await staffOf(bff, admin);
    expect(staff.map((s) => [s.email, s.role, s.disabled])).toEqual([
      ['admin@example.com', 'admin', false],
      ['operator@example.com', 'operator', false],
      ['viewer@example.com', 'viewer', false],
    ]);
    const viewer = staff.find((s) => s.email === 'viewer@example.com')!;
    expect(viewer.grants).toMatchObject([{ entity_id: '*', role: 'viewer', source: 'sync-desk' }]);

    const viewerSession = await bff.signIn('viewer');
    const entities = async () =>
      (await bff.app.inject({ url: '/api/entities', headers: viewerSession })).json().data;
    const revoke = await bff.app.inject({
      method: 'DELETE',
      url: `/api/admin/staff/${viewer.id}/grants/*`,
      headers: admin,
    });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json<StaffMember>().grants).toEqual([]);
    expect(await entities()).toEqual([]);

    const grant = await bff.app.inject({
      method: 'PUT',
      url: `/api/admin/staff/${viewer.id}/grants/${bff.entityId}`,
      headers: admin,
      payload: { role: 'operator' },
    });
    expect(grant.json<StaffMember>().grants).toMatchObject([
      { entity_id: bff.entityId, role: 'operator', granted_by: 'admin@example.com' },
    ]);
    expect((await entities()).map((e: { id: string }) => e.id)).toEqual([bff.entityId]);

    const role = await bff.app.inject({
      method: 'PUT',
      url: `/api/admin/staff/${viewer.id}/role`,
      headers: admin,
      payload: { role: 'operator' },
    });
    expect(role.json<StaffMember>().role).toBe('operator');

    const disable = await bff.app.inject({
      method: 'POST',
      url: `/api/admin/staff/${viewer.id}/disable`,
      headers: admin,
    });
    expect(disable.json<StaffMember>().disabled).toBe(true);
    expect((await bff.app.inject({ url: '/api/entities', headers: viewerSession })).statusCode).toBe(401);

    const audit = (await bff.app.inject({ url: '/api/audit?user=admin@example.com', headers: admin })).json()
      .data;
    expect(
      audit
        .filter((e: { action: string }) => e.action !== 'sign_in')
        .map((e: Record<string, unknown>) => [e.action, e.actor, e.subject, e.role, e.entity_id]),
    ).toEqual([
      ['disable_account', 'admin@example.com', 'viewer@example.com', null, null],
      ['set_role', 'admin@example.com', 'viewer@example.com', 'operator', null],
      ['grant_entity', 'admin@example.com', 'viewer@example.com', 'operator', bff.entityId],
      ['revoke_entity', 'admin@example.com', 'viewer@example.com', null, '*'],
    ]);
    await bff.close();
  });

  it('is for admins only, needs the CSRF header, and keeps an admin from locking themselves out', async () => {
    const bff = await startBff();
    const operator = await bff.signIn('operator');
    expect((await bff.app.inject({ url: '/api/admin/staff', headers: operator })).json()).toEqual({
      error: { code: 'forbidden', message: 'Only admins can manage staff accounts.' },
    });
    const admin = await bff.signIn('admin');
    const me = (await staffOf(bff, admin)).find((s) => s.email === 'admin@example.com')!;
    const { 'x-sync-desk': _csrf, ...noHeader } = admin;
    const forged = await bff.app.inject({
      method: 'POST',
      url: `/api/admin/staff/${me.id}/disable`,
      headers: noHeader,
    });
    expect(forged.json().error.code).toBe('csrf');
    for (const [method, url, payload] of [
      ['POST', `/api/admin/staff/${me.id}/disable`, undefined],
      ['PUT', `/api/admin/staff/${me.id}/role`, { role: 'viewer' }],
    ] as const) {
      const res = await bff.app.inject({ method, url, headers: admin, ...(payload && { payload }) });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('own_account');
    }
    const unknown = await bff.app.inject({
      method: 'PUT',
      url: `/api/admin/staff/${me.id.replace(/^.{8}/, '00000000')}/grants/*`,
      headers: admin,
      payload: { role: 'viewer' },
    });
    expect(unknown.statusCode).toBe(404);
    await bff.close();
  });
});
