import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { AuditEntry } from '../../../contract/audit';
import { summariseErrors } from '../../../monite/errors-text';
import { useEntities } from '../../api/get-entities';
import { CopyButton } from '../../components/copy-button';
import { RecordIdentity, RecordLabel } from '../../components/record-identity';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { labelOf } from '../../lib/labels';
import { recordPath } from '../../lib/paths';
import { formatAbsolute } from '../../lib/time';
import { actionLabel, formatDuration, isMarkEntry } from './audit-labels';
import { AUDIT_COLUMNS, ROW_CLASS } from './audit-columns';
import { ExpandButton } from './expand-button';
import { OutcomeBadge } from './outcome-badge';
import { SettledOutcome } from './settled-outcome';

const none = <span className="text-slate-500">—</span>;

/** The record as the records list names it ("Invoice INV-2041", its counterpart and amount below), linked to it. */
function RecordCell({ entry }: { entry: AuditEntry }) {
  if (!entry.record_id) return none;
  const record = { ...entry, id: entry.record_id };
  return (
    <div className="max-w-52">
      <RecordIdentity
        record={record}
        name={
          entry.entity_id ? (
            <Link
              to={recordPath(entry.entity_id, entry.record_id)}
              title={entry.object_id ?? entry.record_id}
              className="hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <RecordLabel record={record} />
            </Link>
          ) : undefined
        }
      />
      {(entry.provider || entry.platform) && (
        <div className="mt-0.5 flex gap-1 text-xs text-slate-600">
          {entry.provider && <span>{labelOf('provider', entry.provider)}</span>}
          {entry.provider && entry.platform && <span aria-label="to">→</span>}
          {entry.platform && <span>{labelOf('platform', entry.platform)}</span>}
        </div>
      )}
    </div>
  );
}

function StatusChange({ before, after }: { before: string | null; after: string | null }) {
  if (!before && !after) return null;
  return (
    <span className="mt-1 flex items-center gap-1 whitespace-nowrap">
      {before ? <StatusBadge status={before} live={false} /> : none}
      <span aria-label="to">→</span>
      {after ? <StatusBadge status={after} live={false} /> : none}
    </span>
  );
}

/** What the row keeps folded away so the table fits a laptop: identifiers and timings, the reason in full. */
function AuditDetails({ entry, reason }: { entry: AuditEntry; reason: string | null }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs">
      <dt className="text-slate-600">Monite request ID</dt>
      <dd className="flex items-center gap-1">
        {entry.monite_request_id ? (
          <>
            <code className="font-mono break-all text-slate-800 select-all">{entry.monite_request_id}</code>
            <CopyButton value={entry.monite_request_id} label="Monite request ID" />
          </>
        ) : (
          none
        )}
      </dd>
      <dt className="text-slate-600">Duration</dt>
      <dd className="text-slate-800 tabular-nums">{formatDuration(entry.duration_ms)}</dd>
      {entry.record_id && (
        <>
          <dt className="text-slate-600">Record ID</dt>
          <dd className="font-mono break-all text-slate-800 select-all">{entry.record_id}</dd>
        </>
      )}
      {reason && (
        <>
          <dt className="text-slate-600">{isMarkEntry(entry) ? 'Note' : 'Reason'}</dt>
          <dd className="break-words whitespace-pre-wrap text-slate-800">{reason}</dd>
        </>
      )}
      {entry.settled_error && (
        <>
          <dt className="text-slate-600">Provider said</dt>
          <dd className="break-words whitespace-pre-wrap text-slate-800">{entry.settled_error}</dd>
        </>
      )}
    </dl>
  );
}

/** A staff change, naming the entity as the entity switcher does (the list is cached app-wide). */
function StaffChange({ entry }: { entry: AuditEntry }) {
  const entities = useEntities().data;
  return actionLabel(entry, entities?.find((e) => e.id === entry.entity_id)?.name);
}

/** One audited action, and (on request) its details in a row below it. `inJob`: shown under its job's line. */
export function AuditRow({ entry, inJob = false }: { entry: AuditEntry; inJob?: boolean }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const reason = entry.reason ?? summariseErrors(entry.errors);
  return (
    <>
      <tr className={`${ROW_CLASS} ${inJob ? 'bg-slate-50' : ''}`}>
        <td className={inJob ? 'border-l-4 border-l-indigo-200' : undefined}>
          <div className="whitespace-nowrap text-slate-900">{formatAbsolute(entry.at)}</div>
          <div className="text-xs text-slate-600">
            <RelativeTime iso={entry.at} />
          </div>
        </td>
        <td>
          <div className="max-w-44 truncate text-slate-700" title={entry.actor}>
            {entry.actor}
          </div>
        </td>
        <td className="min-w-24 text-slate-700">
          {entry.subject ? <StaffChange entry={entry} /> : actionLabel(entry)}
        </td>
        <td>
          <RecordCell entry={entry} />
        </td>
        <td>
          <OutcomeBadge outcome={entry.outcome} />
          <StatusChange before={entry.status_before} after={entry.status_after} />
          <SettledOutcome entry={entry} />
        </td>
        <td className="basis-full lg:min-w-40">
          {reason ? (
            <span
              className={`line-clamp-2 break-words ${isMarkEntry(entry) ? 'text-slate-700' : 'text-red-700'}`}
              title={reason}
            >
              {reason}
            </span>
          ) : (
            none
          )}
        </td>
        <td className="ml-auto lg:text-right">
          <ExpandButton expanded={open} controls={detailsId} onToggle={() => setOpen(!open)}>
            Details
          </ExpandButton>
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className={inJob ? 'bg-slate-50' : undefined}>
          <td colSpan={AUDIT_COLUMNS.length} className="px-3 pt-0 pb-3 pl-8">
            <AuditDetails entry={entry} reason={reason} />
          </td>
        </tr>
      )}
    </>
  );
}
