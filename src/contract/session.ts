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

/** How staff may sign in here: with a password (unless switched off) and/or an identity provider. */
export const signInOptionsSchema = z.object({
  password: z.boolean(),
  /** The provider's name for "Sign in with <name>"; null when none is configured. */
  oidc_name: z.string().nullable(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/**
 * `GET /api/session`: who is signed in (null if nobody); signed out, how to sign in, and in demo
 * mode the demo accounts. Signed in, also the deployment's "Open in Monite" template
 * (contract/record-links.ts `moniteLink`), null when none is configured.
 */
export const sessionResponseSchema = z.object({
  user: staffUserSchema.nullable(),
  record_link_template: z.string().nullable().optional(),
  sign_in: signInOptionsSchema.optional(),
  demo_accounts: z.array(demoAccountSchema).optional(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** Where "Sign in with <name>" goes: the BFF redirects on to the identity provider. */
export const OIDC_START_PATH = '/api/session/oidc/start';
/** Where the identity provider sends the browser back to (its redirect URI). */
export const OIDC_CALLBACK_PATH = '/api/session/oidc/callback';

/**
 * `DELETE /api/session` of a session from the identity provider: the provider's sign-out page,
 * for the browser to go to (RP-initiated sign-out). Other sessions answer 204.
 */
export const signOutResponseSchema = z.object({ end_session_url: z.url() });
export type SignOutResponse = z.infer<typeof signOutResponseSchema>;

/**
 * Why a sign-in through the identity provider failed: the callback sends the browser to
 * `/sign-in?error=<code>`, and the sign-in page says this.
 */
export const OIDC_ERRORS = {
  oidc_state:
    'That sign-in could not be matched to one started here (it may have taken too long or come from another tab). Try again.',
  oidc_rejected: "The identity provider's answer could not be verified or has expired. Try again.",
  oidc_denied: 'The identity provider did not sign you in.',
  oidc_unavailable: 'The identity provider could not be reached. Try again in a moment.',
  oidc_no_email: 'The identity provider did not tell Sync Desk your email address; ask an admin.',
  oidc_email_taken:
    'Your email address belongs to a Sync Desk account linked to another identity; ask an admin.',
  account_disabled: 'This account is disabled; ask an admin.',
} as const;
export const oidcErrorSchema = z.enum(Object.keys(OIDC_ERRORS) as [keyof typeof OIDC_ERRORS]);
export type OidcError = z.infer<typeof oidcErrorSchema>;

export { CSRF_HEADER } from './csrf-header';
