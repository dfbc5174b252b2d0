/** Staff administration (admins only): `/api/admin/staff…`. */
import { z } from 'zod';
import { ALL_ENTITIES, grantRoleSchema, roleSchema } from './session';

export const GRANT_SOURCES = ['sync-desk', 'idp'] as const;
export const grantSourceSchema = z.enum(GRANT_SOURCES);

/** One grant as stored: who made it, when, and whether Sync Desk or the identity provider did. */
export const staffGrantSchema = z.object({
  entity_id: z.string(),
  role: grantRoleSchema,
  source: grantSourceSchema,
  granted_by: z.string(),
  granted_at: z.string(),
});
export type StaffGrant = z.infer<typeof staffGrantSchema>;

export const staffMemberSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  created_at: z.string(),
  grants: z.array(staffGrantSchema),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const staffListSchema = z.object({ data: z.array(staffMemberSchema) });
export type StaffList = z.infer<typeof staffListSchema>;

export const staffParams = z.object({ userId: z.uuid() });
/** `grantedEntity` is an entity id or `*` (every entity). */
export const grantParams = staffParams.extend({
  grantedEntity: z.union([z.uuid(), z.literal(ALL_ENTITIES)]),
});
export const grantInputSchema = z.strictObject({ role: grantRoleSchema });
export type GrantInput = z.infer<typeof grantInputSchema>;
export const roleInputSchema = z.strictObject({ role: roleSchema });
export type RoleInput = z.infer<typeof roleInputSchema>;
