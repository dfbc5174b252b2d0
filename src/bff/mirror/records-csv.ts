/**
 * The records list as CSV (GET /api/entities/:entityId/records.csv): the same filters, search and
 * order as the list, in columns people read — the document, not only the ids.
 */
import type { ListedRecord } from '../../contract/api';
import { majorUnits, type DocumentSummary, type Money } from '../../contract/documents';
import { ERROR_CLASS_LABELS } from '../../contract/error-class';
import { labelOf } from '../../contract/labels';
import { summariseErrors } from '../../monite/errors-text';
import { csvLine, UTF8_BOM } from '../csv';
import type { Db } from '../db/database';
import { recordPages, type RecordsExportQuery } from './queries';

/** What the document behind a record says, in the export's terms. */
type DocumentColumns = {
  document: string | null;
  counterpart: string | null;
  money: Money | null;
  issued: string | null;
  due: string | null;
};

function documentColumns(summary: DocumentSummary | null): DocumentColumns {
  const none = { document: null, counterpart: null, money: null, issued: null, due: null };
  switch (summary?.kind) {
    case undefined:
      return none;
    case 'invoice':
    case 'quote':
    case 'credit_note':
    case 'bill':
      return {
        document: summary.number,
        counterpart: summary.counterpart_name,
        money: summary.total,
        issued: summary.issue_date,
        due: summary.due_date,
      };
    case 'customer':
    case 'vendor':
      return { ...none, document: summary.name };
    case 'product':
      return { ...none, document: summary.name, money: summary.price };
    case 'payment':
      return { ...none, document: summary.paid.number, money: summary.amount, issued: summary.paid_on };
  }
}

const COLUMNS: [string, (record: ListedRecord, doc: DocumentColumns) => unknown][] = [
  ['Status', (r) => labelOf('sync_status', r.sync_status)],
  ['Type', (r) => labelOf('object_type', r.object_type)],
  ['Document', (_, d) => d.document],
  ['Counterpart', (_, d) => d.counterpart],
  ['Amount', (_, d) => d.money && majorUnits(d.money)],
  ['Currency', (_, d) => d.money?.currency],
  ['Issue date', (_, d) => d.issued],
  ['Due date', (_, d) => d.due],
  ['Provider', (r) => r.provider && labelOf('provider', r.provider)],
  ['Platform', (r) => r.platform && labelOf('platform', r.platform)],
  ['Error group', (r) => r.classification?.label],
  ['Class', (r) => r.classification && ERROR_CLASS_LABELS[r.classification.class]],
  ['Error', (r) => summariseErrors(r.errors)],
  ['Updated at', (r) => r.updated_at],
  ['Record id', (r) => r.id],
  ['Object id', (r) => r.object_id],
];

export const RECORDS_CSV_HEADER = COLUMNS.map(([title]) => title);

/** The BOM and header, then one chunk of lines per page of the list read from the mirror. */
export async function* recordsCsv(
  db: Db,
  entityId: string,
  query: RecordsExportQuery,
  pageSize?: number,
): AsyncGenerator<string> {
  yield UTF8_BOM + csvLine(RECORDS_CSV_HEADER);
  for await (const page of recordPages(db, entityId, query, pageSize)) {
    yield page
      .map((record) => {
        const doc = documentColumns(record.document);
        return csvLine(COLUMNS.map(([, value]) => value(record, doc)));
      })
      .join('');
  }
}
