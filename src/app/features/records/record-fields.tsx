import type { SyncRecord } from '../../../monite/schemas';
import { CopyButton } from '../../components/copy-button';
import { RelativeTime } from '../../components/relative-time';
import { formatAbsolute } from '../../lib/time';
import { labelOf } from '../../lib/labels';

type Field = { label: string; kind: 'id' | 'time' | 'status' | 'provider' | 'platform' | 'object_type' };

/** Every field but `errors` (shown on its own); typed as a Record so a new field cannot be missed. */
const FIELDS: Record<Exclude<keyof SyncRecord, 'errors'>, Field> = {
  sync_status: { label: 'Status', kind: 'status' },
  object_type: { label: 'Object type', kind: 'object_type' },
  object_id: { label: 'Object ID', kind: 'id' },
  id: { label: 'Record ID', kind: 'id' },
  provider: { label: 'Provider', kind: 'provider' },
  provider_object_id: { label: 'Provider object ID', kind: 'id' },
  platform: { label: 'Platform', kind: 'platform' },
  platform_object_id: { label: 'Platform object ID', kind: 'id' },
  updated_at: { label: 'Updated', kind: 'time' },
  created_at: { label: 'Created', kind: 'time' },
  last_pulled_at: { label: 'Last pulled', kind: 'time' },
  object_updated_at: { label: 'Object updated', kind: 'time' },
  provider_updated_at: { label: 'Provider updated', kind: 'time' },
  platform_updated_at: { label: 'Platform updated', kind: 'time' },
};

function FieldValue({ field, value }: { field: Field; value: string }) {
  switch (field.kind) {
    case 'id':
      return (
        <span className="flex items-center gap-1">
          <code className="truncate font-mono text-xs">{value}</code>
          <CopyButton value={value} label={field.label} />
        </span>
      );
    case 'time':
      return (
        <span>
          {formatAbsolute(value)}{' '}
          <span className="text-slate-500">
            (<RelativeTime iso={value} />)
          </span>
        </span>
      );
    case 'status':
      return <>{labelOf('sync_status', value)}</>;
    default:
      return <>{labelOf(field.kind, value)}</>;
  }
}

export function RecordFields({ record }: { record: SyncRecord }) {
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      {Object.entries(FIELDS).map(([key, field]) => {
        const value = record[key as keyof typeof FIELDS];
        return (
          <div key={key} className="grid grid-cols-[10rem_1fr] items-center gap-3 py-1.5">
            <dt className="text-slate-500">{field.label}</dt>
            <dd className="min-w-0 text-slate-900">
              {value == null ? (
                <span className="text-slate-400">—</span>
              ) : (
                <FieldValue field={field} value={value} />
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
