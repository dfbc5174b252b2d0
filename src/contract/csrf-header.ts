/**
 * The static header every state-changing request must carry (CSRF defence). A module of its own,
 * without zod, so the SPA's entry chunk can send it without loading the contract's schemas.
 */
export const CSRF_HEADER = 'x-sync-desk';
