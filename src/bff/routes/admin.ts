/**
 * Staff administration for admins: list accounts with their grants, grant and revoke entities,
 * change the deployment role, disable an account (its sessions end at once). Every change is
 * audited with the admin who made it. An admin cannot demote or disable their own account, so a
 * deployment is never left without one by accident.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  grantInputSchema,
  grantParams,
  roleInputSchema,
  staffListSchema,
  staffMemberSchema,
  staffParams,
  type StaffMember,
} from '../../contract/admin';
import { appendAudit } from '../audit';
import {
  disableUser,
  findUserById,
  grantEntity,
  grantsOf,
  listUsers,
  requires,
  revokeEntity,
  setRole,
  signedInUser,
} from '../auth';
import type { Db } from '../db/database';
import type { Deps } from '../deps';
import { HttpError, invalidInput } from '../http-errors';
import { withErrors } from './responses';

const member = withErrors({ 200: staffMemberSchema });
const listSchema = { response: withErrors({ 200: staffListSchema }) };
const grantSchema = { params: grantParams, body: grantInputSchema, response: member };
const revokeSchema = { params: grantParams, response: member };
const roleSchema = { params: staffParams, body: roleInputSchema, response: member };
const disableSchema = { params: staffParams, response: member };

async function staffMember(db: Db, userId: string): Promise<StaffMember> {
  const user = await findUserById(db, userId);
  if (!user) throw new HttpError(404, 'not_found', 'No staff account has this id.');
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    disabled: user.disabled_at !== null,
    created_at: user.created_at,
    grants: await grantsOf(db, user.id),
  };
}

export function adminRoutes(app: FastifyInstance, { db }: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = requires('manageStaff');

  api.get('/api/admin/staff', { schema: listSchema, onRequest }, async () => ({
    data: await Promise.all((await listUsers(db)).map((u) => staffMember(db, u.id))),
  }));

  const grantUrl = '/api/admin/staff/:userId/grants/:grantedEntity';
  api.put(
    grantUrl,
    { schema: grantSchema, onRequest, schemaErrorFormatter: invalidInput('grant') },
    async (req) => {
      const admin = signedInUser(req).email;
      const { userId, grantedEntity } = req.params;
      const { email } = await staffMember(db, userId);
      await grantEntity(db, { userId, entityId: grantedEntity, role: req.body.role, grantedBy: admin });
      await appendAudit(db, {
        actor: admin,
        action: 'grant_entity',
        entity_id: grantedEntity,
        data: { outcome: 'ok', subject: email, role: req.body.role },
      });
      return staffMember(db, userId);
    },
  );

  api.delete(grantUrl, { schema: revokeSchema, onRequest }, async (req) => {
    const admin = signedInUser(req).email;
    const { userId, grantedEntity } = req.params;
    const { email } = await staffMember(db, userId);
    if (!(await revokeEntity(db, { userId, entityId: grantedEntity }))) {
      throw new HttpError(404, 'not_found', 'This account has no such grant made in Sync Desk.');
    }
    await appendAudit(db, {
      actor: admin,
      action: 'revoke_entity',
      entity_id: grantedEntity,
      data: { outcome: 'ok', subject: email },
    });
    return staffMember(db, userId);
  });

  api.put(
    '/api/admin/staff/:userId/role',
    { schema: roleSchema, onRequest, schemaErrorFormatter: invalidInput('role') },
    async (req) => {
      const admin = signedInUser(req);
      const { email } = await staffMember(db, req.params.userId);
      if (req.params.userId === admin.id) {
        throw new HttpError(409, 'own_account', "You can't change your own role; ask another admin.");
      }
      await setRole(db, email, req.body.role);
      await appendAudit(db, {
        actor: admin.email,
        action: 'set_role',
        data: { outcome: 'ok', subject: email, role: req.body.role },
      });
      return staffMember(db, req.params.userId);
    },
  );

  api.post('/api/admin/staff/:userId/disable', { schema: disableSchema, onRequest }, async (req) => {
    const admin = signedInUser(req);
    const { email } = await staffMember(db, req.params.userId);
    if (req.params.userId === admin.id) {
      throw new HttpError(409, 'own_account', "You can't disable your own account; ask another admin.");
    }
    await disableUser(db, email);
    await appendAudit(db, {
      actor: admin.email,
      action: 'disable_account',
      data: { outcome: 'ok', subject: email },
    });
    req.log.info({ subject: email }, 'account disabled');
    return staffMember(db, req.params.userId);
  });
}
