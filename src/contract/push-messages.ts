/**
 * What Sync Desk says about pushes, in words a finance user reads beside a record: one place for
 * the BFF (errors, job problems, the audit log) and the SPA, so the same event reads the same.
 */
export const PUSH_MESSAGES = {
  /** A push was asked for while Monite still has the record pending. */
  alreadyPending: 'This record is already being pushed; Monite has not finished yet.',
  /** A bulk job met a record Monite has pending, and left it. */
  skippedPending: 'Already pending at Monite; not pushed again.',
  /** What a bulk job's confirmation promises about those records. */
  pendingAreSkipped: 'Records already pending at Monite are skipped.',
  skippedInFlight: 'Someone else was pushing this record at the same moment.',
  /** A record marked "do not send" (contract/handled.ts): single pushes are refused, bulk skips it. */
  doNotSend: (by: string) => `Marked "do not send" by ${by}; undo the mark to push it.`,
  /** A record settled in error without a message. */
  providerGaveNoReason: 'The provider reported an error.',
  noReason: 'No reason given.',
  /** A bulk job's record caught mid-push by a restart, that could not be checked after it. */
  interrupted: (why: string) =>
    `Sync Desk stopped during this push and could not check it afterwards: ${why}`,
  /** A push whose answer a restart lost (the audit log's "outcome unknown"). */
  answerLost: "Sync Desk stopped before Monite's answer was recorded; check the record's status.",
  jobRunning: (by: string) =>
    `${by} is already pushing records of this entity; wait for that job to finish or cancel it.`,
  noneMatch: 'No records match these filters.',
  tooManyMatch: (max: number) => `More than ${max.toLocaleString('en')} records match; narrow the filters.`,
  noSuchJob: 'No such push job for this entity.',
} as const;
