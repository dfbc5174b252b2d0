import { memo, useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { summariseErrors } from '../../../monite/errors-text';
import type { ListedRecord } from '../../../contract/api';
import { Checkbox } from '../../components/checkbox';
import { ErrorClassBadge } from '../../components/error-class-badge';
import { RecordIdentity, RecordLabel } from '../../components/record-identity';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { cx } from '../../lib/cx';
import { recordName } from '../../lib/document-text';
import { labelOf } from '../../lib/labels';
import { recordPath } from '../../lib/paths';
import { HandledNote } from './handled-note';
import { PushButton } from './push-button';
import { recordLinkAttribute } from './record-link';

type RecordRowProps = {
  /** Measures the row for the virtual list. */
  ref?: (element: HTMLTableRowElement | null) => void;
  /** Its place among the loaded rows. */
  index: number;
  entityId: string;
  record: ListedRecord;
  /** Open in the details drawer. */
  selected: boolean;
  /** The keyboard's current row (j/k). */
  focused?: boolean;
  canPush: boolean;
  /** Ticked for a bulk push (only when the person may push). */
  checked?: boolean;
  /** `range`: shift was held, so every row from the last one clicked follows. */
  onCheck?: (recordId: string, range: boolean) => void;
};

export const RecordRow = memo(function RecordRow({
  ref,
  index,
  entityId,
  record,
  selected,
  focused = false,
  canPush,
  checked = false,
  onCheck,
}: RecordRowProps) {
  const navigate = useNavigate();
  const { search } = useLocation();
  const to = { pathname: recordPath(entityId, record.id), search };
  const firstError = summariseErrors(record.errors);
  const row = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    // The keyboard's row takes focus, also when it scrolls back into the DOM, unless the person
    // has moved on (e.g. into the search box) meanwhile.
    const active = document.activeElement;
    if (focused && (active === document.body || active?.closest('tbody') === row.current?.parentElement))
      row.current?.focus({ preventScroll: true });
  }, [focused]);

  return (
    // The whole row opens the details for the mouse; the name link is the keyboard's way in.
    <tr
      ref={(element) => {
        row.current = element;
        ref?.(element);
      }}
      data-index={index}
      // After the header row: screen readers place the row among every matching record.
      aria-rowindex={index + 2}
      aria-selected={focused || undefined}
      tabIndex={focused ? -1 : undefined}
      onClick={() => navigate(to)}
      aria-current={selected || undefined}
      className={cx(
        'cursor-pointer focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600',
        selected
          ? 'bg-indigo-50/60'
          : checked
            ? 'bg-indigo-50/30 hover:bg-indigo-50/50'
            : 'hover:bg-slate-50',
      )}
    >
      {onCheck && (
        // Clicks in this cell never open the details drawer.
        <td className="py-2 pr-1 pl-4" onClick={(event) => event.stopPropagation()}>
          <Checkbox
            checked={checked}
            aria-label={`Select ${recordName(record)}`}
            // Shift-click would otherwise select the text between the two rows.
            onMouseDown={(event) => event.shiftKey && event.preventDefault()}
            onChange={(event) => onCheck(record.id, (event.nativeEvent as MouseEvent).shiftKey === true)}
          />
        </td>
      )}
      <td className="px-4 py-2">
        <RecordIdentity
          record={record}
          name={
            <Link
              to={to}
              {...recordLinkAttribute(record.id)}
              onClick={(event) => event.stopPropagation()}
              title={record.object_id ?? record.id}
              className="hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <RecordLabel record={record} />
            </Link>
          }
        />
      </td>
      <td className="px-4 py-2 whitespace-nowrap">
        <StatusBadge status={record.sync_status} />
      </td>
      <td className="px-4 py-2 whitespace-nowrap text-slate-600">{labelOf('provider', record.provider)}</td>
      <td className="px-4 py-2 text-slate-600">{labelOf('platform', record.platform)}</td>
      <td className="px-4 py-2 whitespace-nowrap text-slate-600">
        <RelativeTime iso={record.updated_at} />
      </td>
      {/* The error takes whatever width the other columns leave, two lines at most (all of it on hover). */}
      <td className="px-4 py-2">
        <span className="flex min-w-0 items-center gap-2">
          {record.classification && <ErrorClassBadge errorClass={record.classification.class} />}
          <span className="line-clamp-2 text-red-700 wrap-anywhere" title={firstError ?? undefined}>
            {firstError ?? <span className="text-slate-400">—</span>}
          </span>
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
