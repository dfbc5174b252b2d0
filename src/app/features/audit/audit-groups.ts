import { AUDIT_OUTCOMES, awaitsSettle, type AuditEntry } from '../../../contract/audit';
import { OUTCOME_LABELS } from './audit-labels';

/** A line of the audit table: one entry, or every loaded push of one bulk job. */
export type AuditLine =
  { kind: 'entry'; entry: AuditEntry } | { kind: 'job'; jobId: string; entries: AuditEntry[] };

/**
 * Entries in the order given (newest first), each bulk job's pushes gathered under one line where
 * its newest push stands: a job of 300 pushes reads as one line, not 300.
 */
export function groupByJob(entries: AuditEntry[]): AuditLine[] {
  const lines: AuditLine[] = [];
  const jobs = new Map<string, AuditEntry[]>();
  for (const entry of entries) {
    if (!entry.job_id) {
      lines.push({ kind: 'entry', entry });
      continue;
    }
    const pushes = jobs.get(entry.job_id);
    if (pushes) {
      pushes.push(entry);
      continue;
    }
    const line = { kind: 'job' as const, jobId: entry.job_id, entries: [entry] };
    jobs.set(entry.job_id, line.entries);
    lines.push(line);
  }
  return lines;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 pushes", "2 OK, 1 Failed" (Monite's answers), "1 done, 1 failed, 1 waiting" (where the records ended). */
export function summariseJob(entries: AuditEntry[]) {
  const tally = (key: (entry: AuditEntry) => string | null) => {
    const counts = new Map<string, number>();
    for (const entry of entries) {
      const k = key(entry);
      if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  };
  const outcomes = tally((entry) => entry.outcome);
  const settled = tally((entry) =>
    entry.settled_status === 'done'
      ? 'done'
      : entry.settled_status === 'error'
        ? 'failed'
        : awaitsSettle(entry)
          ? 'waiting'
          : null,
  );
  return {
    pushes: count(entries.length, 'push', 'pushes'),
    outcomes: AUDIT_OUTCOMES.filter((outcome) => outcomes.has(outcome))
      .map((outcome) => `${outcomes.get(outcome)} ${OUTCOME_LABELS[outcome]}`)
      .join(', '),
    settled: (['done', 'failed', 'waiting'] as const)
      .filter((state) => settled.has(state))
      .map((state) => `${settled.get(state)} ${state}`)
      .join(', '),
  };
}
