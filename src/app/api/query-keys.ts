/** Every query and mutation key, defined once; hierarchical so one prefix invalidates a family. */
import type { RecordsFilter } from '../../contract/api';

export const queryKeys = {
  entities: () => ['entities'] as const,
  recordLists: (entityId: string) => ['entities', entityId, 'records', 'list'] as const,
  recordList: (entityId: string, filter: RecordsFilter) =>
    [...queryKeys.recordLists(entityId), filter] as const,
  record: (entityId: string, recordId: string) =>
    ['entities', entityId, 'records', 'detail', recordId] as const,
};

export const mutationKeys = {
  pushRecord: (entityId: string, recordId: string) => ['push-record', entityId, recordId] as const,
  refreshMirror: (entityId: string) => ['refresh-mirror', entityId] as const,
};
