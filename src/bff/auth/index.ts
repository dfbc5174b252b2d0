/**
 * What the rest of the BFF may use of staff sign-in, sessions and roles: routes, the CLI and
 * other features import from here, never from the files behind it.
 */
export { addressLimitStore } from './address-limits';
export { FailedAttempts } from './attempts';
export { demoGroupGrants, demoIdentities, ensureDemoAccounts, unlinkDemoIdentities } from './demo-accounts';
export {
  clearSessionCookie,
  isHttps,
  registerAuth,
  requires,
  sessionIdOf,
  setSessionCookie,
  signedInUser,
  type AuthDeps,
} from './guard';
export {
  accessFor,
  effectiveAccess,
  grantEntity,
  grantsOf,
  revokeEntity,
  setIdpGrants,
  visibleEntityIds,
  type EntityGrant,
  type GrantChange,
  type GrantSource,
  type RevokeChange,
} from './grants';
export { groupGrantsSchema, type GroupGrants } from './group-grants';
export { LOOPBACK_HOSTS, OidcRelyingParty, OidcSignInError } from './oidc';
export { accountForIdentity } from './oidc-accounts';
export { setFlowCookie, takeFlowCookie } from './oidc-cookie';
export { DUMMY_HASH, verifyPassword } from './passwords';
export { createSession, endSession, type SessionLimits, type SessionUser } from './sessions';
export {
  addUser,
  disableUser,
  findUserByEmail,
  findUserById,
  listUsers,
  MIN_PASSWORD_LENGTH,
  setPassword,
  setRole,
} from './users';
