import { Link } from 'react-router';
import { awaitsSettle, type AuditEntry } from '../../../contract/audit';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { auditPath } from '../../lib/paths';
import { toSearchParams } from './audit-search';

/**
 * Where the pushed record ended: "→ Failed: <the provider's message>" or "→ Done", with when
 * it settled; "waiting for Monite" until then.
 */
export function SettledOutcome({ entry }: { entry: AuditEntry }) {
  if (entry.settled_status) {
    return (
      <div className="mt-1 flex flex-col gap-0.5 text-xs">
        <span className="inline-flex items-center gap-1 whitespace-nowrap">
          <span aria-label="settled as">→</span>
          <StatusBadge status={entry.settled_status} live={false} />
          {entry.settled_at && (
            <span className="text-slate-500">
              <RelativeTime iso={entry.settled_at} />
            </span>
          )}
        </span>
        {entry.settled_error && (
          <span className="line-clamp-2 max-w-72 text-red-700" title={entry.settled_error}>
            {entry.settled_error}
          </span>
        )}
      </div>
    );
  }
  if (awaitsSettle(entry)) return <div className="mt-1 text-xs text-slate-500">waiting for Monite</div>;
  return null;
}

/** "View job": every push of one bulk job, on this page. */
export function JobLink({ jobId }: { jobId: string }) {
  return (
    <Link
      to={`${auditPath}?${toSearchParams({ job: jobId })}`}
      title={`Bulk job ${jobId}`}
      className="mt-1 block text-xs text-indigo-600 hover:text-indigo-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      View job
    </Link>
  );
}
