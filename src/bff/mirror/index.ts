/**
 * What the rest of the BFF may use of the record mirror: keep it fresh, read it, and write the
 * records Monite answers with (the one write path: store.ts `upsertRecords`), and mark failures handled.
 */
export { queryRecords, matchingIds, recordPages, type RecordsExportQuery } from './queries';
export { MirrorRefresher } from './refresher';
export { forgetIfGone, readFresh } from './fresh-record';
export { clearMirror, findRecord, upsertRecords } from './store';
export { listedRecord, listedRecords } from './listed';
export { regroupErrors } from './error-groups';
export { recordsCsv, RECORDS_CSV_HEADER } from './records-csv';
export { markHandled, markOf, unmarkHandled } from './marks';
