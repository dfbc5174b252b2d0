/**
 * The audit table's columns: few enough to fit 1,440 px. Provider and platform sit under the
 * record; Monite's request ID, the duration and the full reason open below a row ("Details").
 */
export const AUDIT_COLUMNS = ['Time', 'Who', 'Action', 'Record', 'Result', 'Reason', 'Details'] as const;

/** A group of rows (a run of entries, or one job's). */
export const ROWS_CLASS = 'bg-white [&>tr>td]:border-b [&>tr>td]:border-slate-100';
