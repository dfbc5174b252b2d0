import type { ReactNode } from 'react';
import { documentDetails, recordName, type Identified } from '../lib/document-text';
import { labelOf } from '../lib/labels';

/**
 * A record's name as every list shows it: the document's ("Invoice INV-2041"); before the
 * document is read, the type and Monite's object id (in its own element, to match on).
 */
export function RecordLabel({ record }: { record: Identified }) {
  if (record.document) return recordName(record);
  return (
    <>
      {labelOf('object_type', record.object_type)}{' '}
      <code className="font-mono text-xs font-normal">{record.object_id ?? record.id}</code>
    </>
  );
}

type RecordIdentityProps = {
  record: Identified;
  /** The name as rendered (e.g. a link around a RecordLabel); the RecordLabel by default. */
  name?: ReactNode;
  /** Let the lines wrap (the drawer) instead of truncating them (a table row). */
  wrap?: boolean;
};

/** "Invoice INV-2041" over "Müller GmbH · €1,250.00 · due 12 Dec 2026". */
export function RecordIdentity({ record, name, wrap = false }: RecordIdentityProps) {
  const details = record.document ? documentDetails(record.document) : [];
  const line = wrap ? 'block break-words' : 'block truncate';
  return (
    <span className="block min-w-0">
      <span className={`${line} font-medium text-slate-900`}>{name ?? <RecordLabel record={record} />}</span>
      {details.length > 0 && <span className={`${line} text-xs text-slate-600`}>{details.join(' · ')}</span>}
    </span>
  );
}
