import type { AuditEntry } from '../../../contract/audit';
import { AUDIT_COLUMNS, ROWS_CLASS } from './audit-columns';
import { groupByJob, type AuditLine } from './audit-groups';
import { AuditJobGroup } from './audit-job-group';
import { AuditRow } from './audit-row';

/** Consecutive single entries share a row group; each job is a row group of its own. */
function runs(lines: AuditLine[]) {
  const out: Array<{ jobId: string; entries: AuditEntry[] } | { entries: AuditEntry[] }> = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (line.kind === 'job') out.push({ jobId: line.jobId, entries: line.entries });
    else if (last && !('jobId' in last)) last.entries.push(line.entry);
    else out.push({ entries: [line.entry] });
  }
  return out;
}

/**
 * Newest first, as the BFF sends them; a bulk job's pushes folded under one line unless the page
 * already shows a single job (`groupJobs` off).
 */
export function AuditTable({ entries, groupJobs = true }: { entries: AuditEntry[]; groupJobs?: boolean }) {
  const lines: AuditLine[] = groupJobs
    ? groupByJob(entries)
    : entries.map((entry) => ({ kind: 'entry', entry }));
  return (
    <table className="block w-full border-separate border-spacing-0 text-left text-sm lg:table">
      <thead className="sticky top-0 z-10 bg-slate-50 text-xs font-medium text-slate-600 max-lg:sr-only">
        <tr className="[&>th]:border-b [&>th]:border-slate-200 [&>th]:px-3 [&>th]:py-2 [&>th]:font-medium [&>th]:whitespace-nowrap">
          {AUDIT_COLUMNS.map((column) => (
            <th
              key={column}
              scope="col"
              aria-sort={column === 'Time' ? 'descending' : undefined}
              className={column === 'Details' ? 'text-right' : undefined}
            >
              {column}
            </th>
          ))}
        </tr>
      </thead>
      {runs(lines).map((run) =>
        'jobId' in run ? (
          <AuditJobGroup key={run.jobId} jobId={run.jobId} entries={run.entries} />
        ) : (
          <tbody key={run.entries[0]!.id} className={ROWS_CLASS}>
            {run.entries.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </tbody>
        ),
      )}
    </table>
  );
}
