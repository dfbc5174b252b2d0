/**
 * What the rest of the BFF may use of the audit log: append and verify the chain, close pushes a
 * restart interrupted, log a push's settle, and read it for the Audit page.
 */
export { appendAudit, appendInTransaction, closeUnfinishedPushes, verifyChain, type AuditEvent } from './log';
export { auditCsv, queryAudit } from './queries';
export { recordHistory } from './history';
export { auditSettledPushes, type SettledRecord } from './settles';
