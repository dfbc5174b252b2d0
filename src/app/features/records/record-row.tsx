import { memo } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { summariseErrors } from '../../../monite/errors-text';
import type { SyncRecord } from '../../../monite/schemas';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { cx } from '../../lib/cx';
import { labelOf } from '../../lib/labels';
import { recordPath } from '../../lib/paths';
import { PushButton } from './push-button';

type RecordRowProps = { entityId: string; record: SyncRecord; selected: boolean; canPush: boolean };

export const RecordRow = memo(function RecordRow({ entityId, record, selected, canPush }: RecordRowProps) {
  const navigate = useNavigate();
  const { search } = useLocation();
  const to = { pathname: recordPath(entityId, record.id), search };
  const firstError = summariseErrors(record.errors);

  return (
    // The whole row opens the details for the mouse; the id link is the keyboard's way in.
    <tr
      onClick={() => navigate(to)}
      aria-current={selected || undefined}
      className={cx('cursor-pointer', selected ? 'bg-indigo-50/60' : 'hover:bg-slate-50')}
    >
      <td className="px-4 py-2 whitespace-nowrap text-slate-700">
        {labelOf('object_type', record.object_type)}
      </td>
      <td className="max-w-48 px-4 py-2">
        <Link
          to={to}
          onClick={(event) => event.stopPropagation()}
          title={record.object_id ?? record.id}
          className="block truncate font-mono text-xs text-slate-900 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {record.object_id ?? record.id}
        </Link>
      </td>
      <td className="px-4 py-2 whitespace-nowrap">
        <StatusBadge status={record.sync_status} />
      </td>
      <td className="px-4 py-2 whitespace-nowrap text-slate-600">{labelOf('provider', record.provider)}</td>
      <td className="px-4 py-2 whitespace-nowrap text-slate-600">{labelOf('platform', record.platform)}</td>
      <td className="px-4 py-2 whitespace-nowrap text-slate-600">
        <RelativeTime iso={record.updated_at} />
      </td>
      <td className="max-w-96 px-4 py-2">
        <span className="block truncate text-red-700" title={firstError ?? undefined}>
          {firstError ?? <span className="text-slate-300">—</span>}
        </span>
      </td>
      {canPush && (
        <td className="px-4 py-2 text-right">
          <PushButton entityId={entityId} record={record} />
        </td>
      )}
    </tr>
  );
});
