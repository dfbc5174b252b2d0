import { memo } from 'react';
import { RecordIdentity } from '../../components/record-identity';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { labelOf } from '../../lib/labels';
import { PushButton } from './push-button';
import {
  RecordCheckbox,
  RecordError,
  recordItemClass,
  RecordNameLink,
  useRecordItem,
  type RecordItemProps,
} from './record-item';

/** A record as a card in a list (on a phone): what its table row shows, stacked. */
export const RecordCard = memo(function RecordCard(props: RecordItemProps & { total: number }) {
  const {
    index,
    total,
    entityId,
    record,
    selected,
    focused = false,
    canPush,
    checked = false,
    onCheck,
  } = props;
  const item = useRecordItem<HTMLLIElement>(props);

  return (
    <li
      ref={item.ref}
      data-index={index}
      // Screen readers place the card among every matching record, not only those in the DOM.
      aria-posinset={index + 1}
      aria-setsize={total}
      tabIndex={focused ? -1 : undefined}
      onClick={item.onClick}
      aria-current={selected || undefined}
      className={`flex gap-3 border-b border-slate-100 px-4 py-3 text-sm ${recordItemClass(selected, checked)}`}
    >
      {onCheck && (
        // Clicks beside the box never open the details drawer.
        <div className="pt-0.5" onClick={(event) => event.stopPropagation()}>
          <RecordCheckbox record={record} checked={checked} onCheck={onCheck} />
        </div>
      )}
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <div className="flex items-start justify-between gap-2">
          <RecordIdentity record={record} name={<RecordNameLink record={record} to={item.to} />} />
          <StatusBadge status={record.sync_status} />
        </div>
        <RecordError record={record} />
        <div className="flex items-center justify-between gap-2 text-xs text-slate-600">
          <span className="min-w-0 truncate">
            {labelOf('provider', record.provider)} · {labelOf('platform', record.platform)} ·{' '}
            <RelativeTime iso={record.updated_at} />
          </span>
          {canPush && <PushButton entityId={entityId} record={record} />}
        </div>
      </div>
    </li>
  );
});
