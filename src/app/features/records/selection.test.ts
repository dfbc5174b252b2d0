import { describe, expect, it } from 'vitest';
import {
  allLoadedSelected,
  NOTHING,
  selectedCount,
  toggleAllLoaded,
  toggleRow,
  type Selection,
} from './selection';

const rows = ['a', 'b', 'c', 'd', 'e'];
const ids = (selection: Selection) => (selection.mode === 'ids' ? [...selection.ids].toSorted() : 'filter');

describe('record selection', () => {
  it('shift-click ticks exactly the rows from the last one clicked, either direction', () => {
    const first = toggleRow(NOTHING, rows, 'b', false);
    expect(ids(toggleRow(first, rows, 'd', true))).toEqual(['b', 'c', 'd']);
    const up = toggleRow(toggleRow(NOTHING, rows, 'e', false), rows, 'c', true);
    expect(ids(up)).toEqual(['c', 'd', 'e']);
  });

  it('shift-click on a ticked row unticks the range; without an anchor it is a plain toggle', () => {
    const all = toggleAllLoaded(NOTHING, rows);
    const anchored = toggleRow(all, rows, 'b', false);
    expect(ids(toggleRow(anchored, rows, 'd', true))).toEqual(['a', 'e']);
    expect(ids(toggleRow(NOTHING, rows, 'c', true))).toEqual(['c']);
  });

  it('the header ticks every loaded row, then clears', () => {
    const all = toggleAllLoaded(toggleRow(NOTHING, rows, 'a', false), rows);
    expect(allLoadedSelected(all, rows)).toBe(true);
    expect(ids(toggleAllLoaded(all, rows))).toEqual([]);
  });

  it('"all matching" counts the filtered total; unticking a row keeps the other loaded rows', () => {
    const matching: Selection = { mode: 'filter' };
    expect(selectedCount(matching, 1234)).toBe(1234);
    expect(ids(toggleRow(matching, rows, 'c', false))).toEqual(['a', 'b', 'd', 'e']);
  });
});
