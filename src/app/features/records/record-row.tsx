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

/** A record as a table row (from a tablet's width up). */
export const RecordRow = memo(function RecordRow(props: RecordItemProps) {
  const { index, entityId, record, selected, focused = false, canPush, checked = false, onCheck } = props;
  const item = useRecordItem<HTMLTableRowElement>(props);
  const provider = labelOf('provider', record.provider);
  const platform = labelOf('platform', record.platform);

  return (
    <tr
      ref={item.ref}
      data-index={index}
      // After the header row: screen readers place the row among every matching record.
      aria-rowindex={index + 2}
      aria-selected={focused || undefined}
      tabIndex={focused ? -1 : undefined}
      onClick={item.onClick}
      aria-current={selected || undefined}
      className={recordItemClass(selected, checked)}
    >
      {onCheck && (
        // Clicks in this cell never open the details drawer.
        <td className="py-2 pr-1 pl-4" onClick={(event) => event.stopPropagation()}>
          <RecordCheckbox record={record} checked={checked} onCheck={onCheck} />
        </td>
      )}
      <td className="px-4 py-2">
        <RecordIdentity record={record} name={<RecordNameLink record={record} to={item.to} />} />
        {/* Below a laptop's width the provider and platform columns collapse and fold in here. */}
        <span className="block truncate text-xs text-slate-600 lg:hidden">
          {provider} · {platform}
        </span>
      </td>
      <td className="px-4 py-2 whitespace-nowrap">
        <StatusBadge status={record.sync_status} />
      </td>
      {/* Hidden, not only collapsed, below a laptop's width: screen readers read them above. */}
      <td className="px-4 py-2 whitespace-nowrap text-slate-600 max-lg:invisible">{provider}</td>
      <td className="px-4 py-2 text-slate-600 max-lg:invisible">{platform}</td>
      <td className="px-4 py-2 whitespace-nowrap text-slate-600">
        <RelativeTime iso={record.updated_at} />
      </td>
      {/* The error takes whatever width the other columns leave. */}
      <td className="px-4 py-2">
        <RecordError record={record} />
      </td>
      {canPush && (
        <td className="px-4 py-2 text-right">
          <PushButton entityId={entityId} record={record} />
        </td>
      )}
    </tr>
  );
});
