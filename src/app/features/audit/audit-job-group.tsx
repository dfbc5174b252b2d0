import { useId, useState } from 'react';
import type { AuditEntry } from '../../../contract/audit';
import { RelativeTime } from '../../components/relative-time';
import { formatAbsolute } from '../../lib/time';
import { summariseJob } from './audit-groups';
import { ROW_CLASS, ROWS_CLASS } from './audit-columns';
import { AuditRow } from './audit-row';
import { ExpandButton } from './expand-button';
import { JobLink } from './settled-outcome';

/**
 * One bulk job's pushes (newest first) as one line saying how many there were and how they went;
 * the pushes themselves open under it.
 */
export function AuditJobGroup({ jobId, entries }: { jobId: string; entries: AuditEntry[] }) {
  const [open, setOpen] = useState(false);
  const rowsId = useId();
  const newest = entries[0]!;
  const actors = [...new Set(entries.map((entry) => entry.actor))].join(', ');
  const summary = summariseJob(entries);
  return (
    <tbody id={rowsId} className={ROWS_CLASS}>
      <tr className={ROW_CLASS}>
        <td>
          <div className="whitespace-nowrap text-slate-900">{formatAbsolute(newest.at)}</div>
          <div className="text-xs text-slate-600">
            <RelativeTime iso={newest.at} />
          </div>
        </td>
        <td>
          <div className="max-w-44 truncate text-slate-700" title={actors}>
            {actors}
          </div>
        </td>
        <td className="text-slate-700">Bulk push</td>
        <td>
          <div className="text-slate-900">{summary.pushes}</div>
          <JobLink jobId={jobId} />
        </td>
        <td className="text-xs text-slate-700">
          <div>Monite: {summary.outcomes}</div>
          {summary.settled && <div className="mt-1">Provider: {summary.settled}</div>}
        </td>
        <td />
        <td className="ml-auto lg:text-right">
          <ExpandButton expanded={open} controls={rowsId} onToggle={() => setOpen(!open)}>
            {`Bulk job ${jobId.slice(0, 8)}`}
          </ExpandButton>
        </td>
      </tr>
      {open && entries.map((entry) => <AuditRow key={entry.id} entry={entry} inJob />)}
    </tbody>
  );
}
