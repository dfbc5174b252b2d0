import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { PushJob } from '../../../contract/push-jobs';
import { ErrorClassBadge } from '../../components/error-class-badge';
import { RecordIdentity, RecordLabel } from '../../components/record-identity';
import { recordPath } from '../../lib/paths';
import { focusRing } from '../../lib/focus-ring';
import { cx } from '../../lib/cx';

/** Rendered only when opened, and at most this many: a job may have thousands. */
const SHOWN = 200;

type JobProblemsProps = { entityId: string; problems: PushJob['problems'] };

/**
 * The records a job could not push, by name, with why and whether a retry may help (the fix for
 * the others is in the details drawer each opens).
 */
export function JobProblems({ entityId, problems }: JobProblemsProps) {
  const [open, setOpen] = useState(false);
  const { search } = useLocation();
  const failed = problems.filter((p) => p.state === 'failed').length;
  const skipped = problems.length - failed;
  const toFix = problems.filter(
    (p) => p.state === 'failed' && p.class !== null && p.class !== 'retry',
  ).length;
  const parts = [
    failed > 0 && `${failed.toLocaleString()} failed`,
    skipped > 0 && `${skipped.toLocaleString()} skipped`,
  ];

  return (
    <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)} className="text-xs">
      <summary
        className={cx('cursor-pointer rounded-sm text-slate-700 select-none hover:text-slate-900', focusRing)}
      >
        Problems: {parts.filter(Boolean).join(', ')}
      </summary>
      {open && toFix > 0 && (
        <p className="mt-2 text-slate-700">
          {toFix.toLocaleString()} failed for a cause to fix first: pushing again fails the same way until it
          is fixed.
        </p>
      )}
      {open && (
        <ul className="mt-2 max-h-48 divide-y divide-slate-100 overflow-y-auto rounded-md bg-white ring-1 ring-slate-200">
          {problems.slice(0, SHOWN).map((problem) => (
            <li key={problem.record_id} className="flex flex-wrap items-center gap-x-3 gap-y-0.5 px-3 py-1.5">
              <ProblemRecord entityId={entityId} problem={problem} search={search} />
              {problem.class && <ErrorClassBadge errorClass={problem.class} />}
              <span className={problem.state === 'failed' ? 'text-red-700' : 'text-slate-600'}>
                {problem.state === 'failed' ? 'Failed' : 'Skipped'}: {problem.reason}
              </span>
              {problem.fix && <p className="basis-full text-slate-700">To fix: {problem.fix}</p>}
            </li>
          ))}
          {problems.length > SHOWN && (
            <li className="px-3 py-1.5 text-slate-500">
              …and {(problems.length - SHOWN).toLocaleString()} more
            </li>
          )}
        </ul>
      )}
    </details>
  );
}

type Problem = PushJob['problems'][number];

/** Named as its row in the table is (the same two lines), linking to its details. */
function ProblemRecord({
  entityId,
  problem,
  search,
}: {
  entityId: string;
  problem: Problem;
  search: string;
}) {
  const record = { ...problem, id: problem.record_id };
  return (
    <span className="max-w-80 min-w-0 shrink-0">
      <RecordIdentity
        record={record}
        name={
          <Link
            to={{ pathname: recordPath(entityId, problem.record_id), search }}
            title={problem.object_id ?? problem.record_id}
            className="hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <RecordLabel record={record} />
          </Link>
        }
      />
    </span>
  );
}
