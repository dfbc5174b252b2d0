/**
 * Every BFF response the SPA checks, by name. client.ts loads this module beside the first
 * request, so zod and the contract's schemas stay out of the entry chunk.
 */
import { signOutResponseSchema } from '../../contract/session';

export {
  entitiesResponseSchema as entities,
  errorResponseSchema as error,
  listedRecordSchema as record,
  mirrorStatusSchema as mirrorStatus,
  recordsPageSchema as recordsPage,
} from '../../contract/api';
export { staffListSchema as staffList, staffMemberSchema as staffMember } from '../../contract/admin';
export { auditPageSchema as auditPage } from '../../contract/audit';
export { historyPageSchema as recordHistory } from '../../contract/record-history';
export { pushJobListSchema as pushJobList, pushJobSchema as pushJob } from '../../contract/push-jobs';
export { sessionResponseSchema as session } from '../../contract/session';

/**
 * `DELETE /api/session` answers 204 No Content (the schema then sees `undefined`), or, for a
 * session from the identity provider, where its sign-out is.
 */
export const signOut = signOutResponseSchema.optional();
