import { useCallback, useLayoutEffect, useRef, useState } from 'react';
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
 * The records page's selection, cleared whenever `scope` (entity and filters) changes. `rowIds`
 * are the loaded rows in screen order; `total` how many records match the filters.
 */
export function useRecordSelection(scope: string, rowIds: readonly string[], total: number) {
  const [state, setState] = useState<{ scope: string; selection: Selection }>({ scope, selection: NOTHING });
  let { selection } = state;
  if (state.scope !== scope) {
    selection = NOTHING;
    setState({ scope, selection });
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
  return {
    selection,
    count: selectedCount(selection, total),
    total,
    loaded: rowIds.length,
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
