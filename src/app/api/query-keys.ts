/** Every query and mutation key, defined once; hierarchical so one prefix invalidates a family. */
import type { RecordsFilter } from '../../contract/api';
import type { AuditQuery } from '../../contract/audit';

/** The audit log's filters (what the URL holds, and the cache key), without the paging. */
export type AuditFilter = Omit<AuditQuery, 'cursor' | 'limit'>;

export const queryKeys = {
  session: () => ['session'] as const,
  entities: () => ['entities'] as const,
  recordLists: (entityId: string) => ['entities', entityId, 'records', 'list'] as const,
  recordList: (entityId: string, filter: RecordsFilter) =>
    [...queryKeys.recordLists(entityId), filter] as const,
  /** Every record's details and history, for what changes many records at once (a bulk job). */
  recordDetails: (entityId: string) => ['entities', entityId, 'records', 'detail'] as const,
  record: (entityId: string, recordId: string) => [...queryKeys.recordDetails(entityId), recordId] as const,
  /** Under the record's key, so invalidating the record refetches its history too. */
  recordHistory: (entityId: string, recordId: string) =>
    [...queryKeys.record(entityId, recordId), 'history'] as const,
  /** The entity's running push jobs and those finished in the last few minutes. */
  pushJobs: (entityId: string) => ['entities', entityId, 'push-jobs'] as const,
  staff: () => ['admin', 'staff'] as const,
  auditLists: () => ['audit', 'list'] as const,
  auditList: (filter: AuditFilter) => [...queryKeys.auditLists(), filter] as const,
};

export const mutationKeys = {
  signIn: () => ['sign-in'] as const,
  signOut: () => ['sign-out'] as const,
  changeStaff: (userId: string) => ['change-staff', userId] as const,
  pushRecord: (entityId: string, recordId: string) => ['push-record', entityId, recordId] as const,
  markRecord: (entityId: string, recordId: string) => ['mark-record', entityId, recordId] as const,
  refreshMirror: (entityId: string) => ['refresh-mirror', entityId] as const,
  createPushJob: (entityId: string) => ['create-push-job', entityId] as const,
  cancelPushJob: (entityId: string, jobId: string) => ['cancel-push-job', entityId, jobId] as const,
};
