/**
 * The audit table's columns: few enough to fit 1,440 px. Provider and platform sit under the
 * record; Monite's request ID, the duration and the full reason open below a row ("Details").
 */
export const AUDIT_COLUMNS = ['Time', 'Who', 'Action', 'Record', 'Result', 'Reason', 'Details'] as const;

/**
 * A group of rows (a run of entries, or one job's). Narrower than `lg` the table is a list of
 * cards: each row's cells wrap as a line of items (ROW_CLASS), the column names left to screen readers.
 */
export const ROWS_CLASS =
  'block bg-white [&>tr]:border-b [&>tr]:border-slate-100 lg:table-row-group lg:[&>tr>td]:border-b lg:[&>tr>td]:border-slate-100';

/** One line of the table (an entry, or a job's): a card of wrapping cells narrower than `lg`. */
export const ROW_CLASS =
  'flex flex-wrap items-start gap-x-3 gap-y-1 px-3 py-2 lg:table-row lg:p-0 lg:align-top lg:[&>td]:px-3 lg:[&>td]:py-2';
