/** Staff sign-in and sessions: what `/api/session` accepts and answers. */
import { z } from 'zod';
import { ALL_ENTITIES } from './access';

export { ALL_ENTITIES, hasAnyAccess, roleOn, stronger } from './access';

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** What each role may do; the BFF enforces it, the SPA hides what a role cannot do. */
export const PERMISSIONS = {
  readRecords: ['viewer', 'operator', 'admin'],
  push: ['operator', 'admin'],
  markHandled: ['operator', 'admin'],
  readOwnAudit: ['viewer', 'operator', 'admin'],
  readEveryonesAudit: ['admin'],
  manageStaff: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const can = (role: Role | undefined, permission: Permission): boolean =>
  role !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);

/** The role an account has on one entity; `admin` is a deployment role only. */
export const GRANT_ROLES = ['viewer', 'operator'] as const;
export const grantRoleSchema = z.enum(GRANT_ROLES);
export type GrantRole = z.infer<typeof grantRoleSchema>;

/** One entity (or `*`, every entity) an account may see, with its role there. */
export const entityAccessSchema = z.object({
  entity_id: z.union([z.uuid(), z.literal(ALL_ENTITIES)]),
  role: grantRoleSchema,
});
export type EntityAccess = z.infer<typeof entityAccessSchema>;

export const signInSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type SignIn = z.infer<typeof signInSchema>;

/**
 * The signed-in user: their deployment role (`admin` manages staff and sees everything) and the
 * entities they may see, one entry per entity with the role that applies there.
 */
export const staffUserSchema = z.object({
  email: z.string(),
  role: roleSchema,
  grants: z.array(entityAccessSchema),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

/** A demo account; `entity` names the one entity it may see (absent: every entity). */
export const demoAccountSchema = z.object({
  email: z.string(),
  password: z.string(),
  role: roleSchema,
  entity: z.string().optional(),
});
export type DemoAccount = z.infer<typeof demoAccountSchema>;

/**
 * `GET /api/session`: who is signed in (null if nobody), and in demo mode the demo accounts. Signed
 * in, also the deployment's "Open in Monite" template (contract/record-links.ts `moniteLink`),
 * null when none is configured.
 */
export const sessionResponseSchema = z.object({
  user: staffUserSchema.nullable(),
  record_link_template: z.string().nullable().optional(),
  demo_accounts: z.array(demoAccountSchema).optional(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export { CSRF_HEADER } from './csrf-header';
