/** URLs of the SPA's pages, in one place. */
export const recordsPath = (entityId: string) => `/entities/${encodeURIComponent(entityId)}/records`;
export const recordPath = (entityId: string, recordId: string) =>
  `${recordsPath(entityId)}/${encodeURIComponent(recordId)}`;
export const auditPath = '/audit';
export const adminPath = '/admin';
export const SIGN_IN_PATH = '/sign-in';

/** The sign-in page, coming back to `next` (a path with its query) afterwards. */
export const signInPath = (next?: string) =>
  next && next !== '/' ? `${SIGN_IN_PATH}?${new URLSearchParams({ next })}` : SIGN_IN_PATH;
