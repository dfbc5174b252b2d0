/** URLs of the SPA's pages, in one place. */
export const recordsPath = (entityId: string) => `/entities/${encodeURIComponent(entityId)}/records`;
export const recordPath = (entityId: string, recordId: string) =>
  `${recordsPath(entityId)}/${encodeURIComponent(recordId)}`;
