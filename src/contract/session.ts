/** Staff sign-in and sessions: what `/api/session` accepts and answers. */
import { z } from 'zod';

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
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const can = (role: Role | undefined, permission: Permission): boolean =>
  role !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);

export const signInSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type SignIn = z.infer<typeof signInSchema>;

export const staffUserSchema = z.object({ email: z.string(), role: roleSchema });
export type StaffUser = z.infer<typeof staffUserSchema>;

export const demoAccountSchema = z.object({ email: z.string(), password: z.string(), role: roleSchema });
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
