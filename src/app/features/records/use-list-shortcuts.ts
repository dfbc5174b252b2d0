/**
 * The records list's keyboard shortcuts, as in mail and issue trackers: j/k move the current row,
 * x ticks it, Enter opens it, p pushes it, / goes to the search box, ? lists them all. Each move
 * is read out by a live region, since the row may have scrolled in from outside the DOM.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { ListedRecord } from '../../../contract/api';
import { recordName } from '../../lib/document-text';
import { labelOf } from '../../lib/labels';
import { recordPath } from '../../lib/paths';
import { isSelected } from './selection';
import type { RecordSelection } from './use-record-selection';

export const SHORTCUTS = [
  { key: 'j', does: 'Next row' },
  { key: 'k', does: 'Previous row' },
  { key: 'x', does: 'Select or unselect the row' },
  { key: 'Enter', does: 'Open the row’s details' },
  { key: 'p', does: 'Push the row (asks first, as the Push button does)' },
  { key: '/', does: 'Search' },
  { key: '?', does: 'This list of shortcuts' },
] as const;
type Shortcut = (typeof SHORTCUTS)[number]['key'];

const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/**
 * The shortcut a key press means here, or null: none while typing, with a modifier held, or
 * while a dialog (the drawer included) is open; Enter only where it has no meaning of its own.
 */
export function shortcutOf(event: KeyboardEvent): Shortcut | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest(TYPING) || document.querySelector('[role="dialog"], dialog[open]')) return null;
  if (event.key === 'Enter' && target?.closest('a, button')) return null;
  return SHORTCUTS.some((s) => s.key === event.key) ? (event.key as Shortcut) : null;
}

type ListShortcutsOptions = {
  entityId: string;
  rows: readonly ListedRecord[];
  total: number;
  selection?: RecordSelection;
  canPush: boolean;
  /** The table body or the card list, whose rows carry `data-index`. */
  body: RefObject<HTMLElement | null>;
  /** Brings a loaded row into the virtual list's view. */
  scrollToIndex: (index: number) => void;
};

export function useListShortcuts(options: ListShortcutsOptions) {
  const navigate = useNavigate();
  const { search } = useLocation();
  /** The current row, by id: it stays put when rows load above or around it. */
  const [cursor, setCursor] = useState<string | null>(null);
  // What the key handler reads: set at each press, not at the next render, so a held key (or a
  // render of older state committing in between) never moves from a stale row.
  const cursorRef = useRef<{ id: string; index: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);
  // The listener is added once and reads the latest of everything through this.
  const latest = useRef({ ...options, search, navigate });
  useEffect(() => {
    latest.current = { ...options, search, navigate };
  });

  useEffect(() => {
    const describe = (record: ListedRecord, index: number, total: number, selection?: RecordSelection) =>
      [
        `Row ${(index + 1).toLocaleString()} of ${total.toLocaleString()}: ${recordName(record)}`,
        labelOf('sync_status', record.sync_status),
        selection && isSelected(selection.selection, record.id) && 'selected',
      ]
        .filter(Boolean)
        .join(', ');

    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = shortcutOf(event);
      if (!shortcut) return;
      const { rows, total, selection, canPush, entityId, body, scrollToIndex } = latest.current;
      const at = rows.findIndex((r) => r.id === cursorRef.current?.id);
      const current = at >= 0 ? rows[at] : undefined;
      // If the current row left the list (pushed, settled elsewhere), j/k go on from where it was.
      const from = at >= 0 || !cursorRef.current ? at : Math.min(cursorRef.current.index, rows.length) - 1;
      event.preventDefault();
      switch (shortcut) {
        case 'j':
        case 'k': {
          if (rows.length === 0) return;
          const next = Math.min(
            rows.length - 1,
            Math.max(0, from < 0 ? 0 : from + (shortcut === 'j' ? 1 : -1)),
          );
          cursorRef.current = { id: rows[next]!.id, index: next };
          setCursor(rows[next]!.id);
          scrollToIndex(next);
          setAnnouncement(describe(rows[next]!, next, total, selection));
          return;
        }
        case 'x':
          if (!current || !selection) return;
          selection.toggle(current.id, false);
          setAnnouncement(
            `${recordName(current)} ${isSelected(selection.selection, current.id) ? 'unselected' : 'selected'}`,
          );
          return;
        case 'Enter':
          if (current)
            latest.current.navigate({
              pathname: recordPath(entityId, current.id),
              search: latest.current.search,
            });
          return;
        case 'p':
          // The row's own Push button: the same questions first (fix first, already done) as a click.
          if (current && canPush)
            body.current?.querySelector<HTMLButtonElement>(`[data-index="${at}"] button[data-push]`)?.click();
          return;
        case '/':
          document.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
          return;
        case '?':
          setHelpOpen(true);
          return;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const closeHelp = useCallback(() => setHelpOpen(false), []);
  return { cursor, announcement, helpOpen, closeHelp };
}
