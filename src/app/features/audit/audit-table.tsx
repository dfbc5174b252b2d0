import type { AuditEntry } from '../../../contract/audit';
import { AuditRow } from './audit-row';

const COLUMNS = [
  'Time',
  'Who',
  'Action',
  'Record',
  'Provider',
  'Platform',
  'Status',
  'Outcome',
  'Monite request ID',
  'Duration',
  'Reason',
];

/** Newest first, as the BFF sends them. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <table className="w-full border-separate border-spacing-0 text-left text-sm">
      <thead className="sticky top-0 z-10 bg-slate-50/95 text-xs font-medium text-slate-500 backdrop-blur">
        <tr className="[&>th]:border-b [&>th]:border-slate-200 [&>th]:px-4 [&>th]:py-2 [&>th]:font-medium [&>th]:whitespace-nowrap">
          {COLUMNS.map((column) => (
            <th key={column} scope="col" aria-sort={column === 'Time' ? 'descending' : undefined}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="bg-white [&>tr>td]:border-b [&>tr>td]:border-slate-100">
        {entries.map((entry) => (
          <AuditRow key={entry.id} entry={entry} />
        ))}
      </tbody>
    </table>
  );
}
