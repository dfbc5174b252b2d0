import { useState } from 'react';
import type { ErrorGroupInfo, Facets, ListedRecord } from '../../../contract/api';
import type { PushJob } from '../../../contract/push-jobs';
import { Button } from '../../components/button';
import { ErrorClassBadge } from '../../components/error-class-badge';
import { recordsCount } from './job-text';
import { PushConfirmDialog } from './push-confirm-dialog';
import type { PushSource } from './push-request';
import type { RecordsSearch, SearchUpdate } from './records-search';
import { focusRing } from '../../lib/focus-ring';
import { cx } from '../../lib/cx';

type ErrorGroupsPanelProps = {
  entityId: string;
  search: RecordsSearch;
  facets: Facets;
  groups: Record<string, ErrorGroupInfo>;
  rows: readonly ListedRecord[];
  onChange: (patch: SearchUpdate) => void;
  /** Absent for people who cannot push. */
  push?: { jobRunning: boolean; onStarted: (job: PushJob) => void };
};

/** Every record of one group under the current filters: only its failures. */
function groupSource(props: ErrorGroupsPanelProps, group: string, count: number): PushSource {
  const { search, facets, groups, rows } = props;
  return {
    selection: { mode: 'filter' },
    search: { ...search, sync_status: ['error'], error_group: [group] },
    rows,
    total: count,
    facets: { ...facets, sync_status: { error: count }, error_group: { [group]: count } },
    groups,
  };
}

/** The failures under the current filters by cause, most first: filter to one, or push all of it. */
export function ErrorGroupsPanel(props: ErrorGroupsPanelProps) {
  const { entityId, search, facets, groups, onChange, push } = props;
  const [pushing, setPushing] = useState<PushSource>();
  const counted = Object.entries(facets.error_group).toSorted(([, a], [, b]) => b - a);
  const failures = counted.reduce((sum, [, count]) => sum + count, 0);

  return (
    <details className="border-b border-slate-200 bg-white px-6 py-2 text-sm">
      <summary
        className={cx('cursor-pointer rounded-sm text-slate-700 select-none hover:text-slate-900', focusRing)}
      >
        Failures by cause: {failures.toLocaleString()} in {counted.length} group
        {counted.length === 1 ? '' : 's'}
      </summary>
      {/* Scrolls on its own past a point, leaving the records list room below it. */}
      <ul
        aria-label="Failures by cause"
        className="mt-2 max-h-[40dvh] divide-y divide-slate-100 overflow-y-auto"
      >
        {counted.map(([group, count]) => {
          const info = groups[group];
          const label = info?.label ?? group;
          const shown = search.error_group.length === 1 && search.error_group[0] === group;
          return (
            <li key={group} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
              <span className="w-12 text-right font-medium text-slate-900 tabular-nums">
                {count.toLocaleString()}
              </span>
              {info && <ErrorClassBadge errorClass={info.class} />}
              <button
                type="button"
                aria-pressed={shown}
                aria-label={`Show only ${label}`}
                onClick={() => onChange({ error_group: [group] })}
                className="min-w-0 flex-1 truncate text-left text-slate-800 hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {label}
              </button>
              {push && (
                <Button
                  size="sm"
                  disabled={push.jobRunning}
                  title={push.jobRunning ? 'A push job is running for this entity.' : undefined}
                  aria-label={`Push all ${recordsCount(count)} in ${label}`}
                  onClick={() => setPushing(groupSource(props, group, count))}
                >
                  Push all {count.toLocaleString()}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {push && pushing && (
        <PushConfirmDialog
          entityId={entityId}
          source={pushing}
          onClose={() => setPushing(undefined)}
          onStarted={push.onStarted}
        />
      )}
    </details>
  );
}
