import { memo } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { summariseErrors } from '../../../monite/errors-text';
import type { ListedRecord } from '../../../contract/api';
import { Checkbox } from '../../components/checkbox';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { cx } from '../../lib/cx';
import { labelOf } from '../../lib/labels';
import { recordPath } from '../../lib/paths';
import { HandledNote } from './handled-note';
import { PushButton } from './push-button';

type RecordRowProps = {
  entityId: string;
  record: ListedRecord;
  /** Open in the details drawer. */
  selected: boolean;
  canPush: boolean;
  /** Ticked for a bulk push (only when the person may push). */
  checked?: boolean;
  /** `range`: shift was held, so every row from the last one clicked follows. */
  onCheck?: (recordId: string, range: boolean) => void;
};

export const RecordRow = memo(function RecordRow({
  entityId,
  record,
  selected,
  canPush,
  checked = false,
  onCheck,
}: RecordRowProps) {
  const navigate = useNavigate();
  const { search } = useLocation();
  const to = { pathname: recordPath(entityId, record.id), search };
  const firstError = summariseErrors(record.errors);

  return (
    // The whole row opens the details for the mouse; the id link is the keyboard's way in.
    <tr
      onClick={() => navigate(to)}
      aria-current={selected || undefined}
      className={cx(
        'cursor-pointer',
        selected
          ? 'bg-indigo-50/60'
          : checked
            ? 'bg-indigo-50/30 hover:bg-indigo-50/50'
            : 'hover:bg-slate-50',
      )}
    >
      {onCheck && (
        // Clicks in this cell never open the details drawer.
        <td className="w-10 py-2 pr-1 pl-4" onClick={(event) => event.stopPropagation()}>
          <Checkbox
            checked={checked}
            aria-label={`Select ${labelOf('object_type', record.object_type)} ${record.object_id ?? record.id}`}
            // Shift-click would otherwise select the text between the two rows.
            onMouseDown={(event) => event.shiftKey && event.preventDefault()}
            onChange={(event) => onCheck(record.id, (event.nativeEvent as MouseEvent).shiftKey === true)}
          />
        </td>
      )}
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
        {record.handled && <HandledNote mark={record.handled} />}
      </td>
      {canPush && (
        <td className="px-4 py-2 text-right">
          <PushButton entityId={entityId} record={record} />
        </td>
      )}
    </tr>
  );
});
