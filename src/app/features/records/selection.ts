/**
 * Which records a person has ticked for a bulk push: explicit ids (rows they clicked, or the
 * failures of their last job), or every record matching the filters ("select all N matching").
 * Pure functions, so the range and header rules are easy to test; `useRecordSelection` holds it.
 */
import { FACET_KEYS } from '../../../contract/api';
import type { RecordsSearch } from './records-search';

export type Selection =
  | {
      mode: 'ids';
      ids: ReadonlySet<string>;
      /** The last row clicked, where a shift-click range starts. */ anchor?: string;
    }
  | { mode: 'filter' };

export const NOTHING: Selection = { mode: 'ids', ids: new Set() };

export const isSelected = (selection: Selection, id: string) =>
  selection.mode === 'filter' || selection.ids.has(id);

/**
 * A click on one row's checkbox. With `range` (shift held) every row from the anchor to this one
 * takes this row's new state; without an anchor on screen it is a plain toggle.
 */
export function toggleRow(
  selection: Selection,
  rowIds: readonly string[],
  id: string,
  range: boolean,
): Selection {
  // Unticking one row of "all matching" leaves the other loaded rows ticked.
  const ids = new Set(selection.mode === 'filter' ? rowIds : selection.ids);
  const check = !ids.has(id);
  const from = range && selection.mode === 'ids' && selection.anchor ? rowIds.indexOf(selection.anchor) : -1;
  const to = rowIds.indexOf(id);
  const span = from >= 0 && to >= 0 ? rowIds.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
  for (const rowId of span) {
    if (check) ids.add(rowId);
    else ids.delete(rowId);
  }
  return { mode: 'ids', ids, anchor: id };
}

export const allLoadedSelected = (selection: Selection, rowIds: readonly string[]) =>
  rowIds.length > 0 && rowIds.every((id) => isSelected(selection, id));

/** The header checkbox: ticks every loaded row, or clears when they all are. */
export const toggleAllLoaded = (selection: Selection, rowIds: readonly string[]): Selection =>
  allLoadedSelected(selection, rowIds) || selection.mode === 'filter'
    ? NOTHING
    : { mode: 'ids', ids: new Set([...selection.ids, ...rowIds]) };

/** How many records a push of this selection sends, `total` being the filters' match count. */
export const selectedCount = (selection: Selection, total: number) =>
  selection.mode === 'filter' ? total : selection.ids.size;

/** The filters a selection of "all matching" stands for (not the sort): it ends when they change. */
export const filtersKey = (search: RecordsSearch) =>
  JSON.stringify([...FACET_KEYS.map((key) => search[key]), search.q ?? '', search.handled]);
