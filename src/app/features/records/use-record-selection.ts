import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  allLoadedSelected,
  isSelected,
  NOTHING,
  selectedCount,
  toggleAllLoaded,
  toggleRow,
  type Selection,
} from './selection';

/**
 * The records page's selection. Ticked rows survive a change of `filters` (a key of them), also
 * when the new view does not show them; "all matching" meant the old filters, so it ends, as does
 * everything with another entity. `rowIds` are the loaded rows in screen order; `total` how many
 * records match the filters.
 */
export function useRecordSelection(
  entityId: string,
  filters: string,
  rowIds: readonly string[],
  total: number,
) {
  const [state, setState] = useState({ entityId, filters, selection: NOTHING });
  let { selection } = state;
  if (state.entityId !== entityId || state.filters !== filters) {
    if (state.entityId !== entityId || selection.mode === 'filter') selection = NOTHING;
    setState({ entityId, filters, selection });
  }

  // Row callbacks stay stable (rows are memoised) and still see the rows as they are now.
  const rows = useRef(rowIds);
  useLayoutEffect(() => {
    rows.current = rowIds;
  }, [rowIds]);
  const update = useCallback(
    (change: (selection: Selection) => Selection) =>
      setState((current) => ({ ...current, selection: change(current.selection) })),
    [],
  );
  const toggle = useCallback(
    (id: string, range: boolean) => update((s) => toggleRow(s, rows.current, id, range)),
    [update],
  );
  const toggleAll = useCallback(() => update((s) => toggleAllLoaded(s, rows.current)), [update]);
  const selectMatching = useCallback(() => update(() => ({ mode: 'filter' })), [update]);
  const clear = useCallback(() => update(() => NOTHING), [update]);
  const selectIds = useCallback(
    (ids: readonly string[]) => update(() => ({ mode: 'ids', ids: new Set(ids) })),
    [update],
  );

  const all = allLoadedSelected(selection, rowIds);
  const hidden = useMemo(() => {
    if (selection.mode === 'filter') return 0;
    const loaded = new Set(rowIds);
    return [...selection.ids].filter((id) => !loaded.has(id)).length;
  }, [selection, rowIds]);
  return {
    selection,
    count: selectedCount(selection, total),
    total,
    loaded: rowIds.length,
    /** Selected records not among the loaded rows (ticked under other filters). */
    hidden,
    /** The header checkbox's state. */
    header: all ? 'all' : rowIds.some((id) => isSelected(selection, id)) ? 'some' : 'none',
    toggle,
    toggleAll,
    selectMatching,
    clear,
    selectIds,
  } as const;
}

export type RecordSelection = ReturnType<typeof useRecordSelection>;
