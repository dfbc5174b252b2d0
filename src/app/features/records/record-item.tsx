/**
 * What a record's table row and its phone card share: opening the details on click, taking focus
 * as the keyboard's current record, the tick box, the name link and the error.
 */
import { useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { summariseErrors } from '../../../monite/errors-text';
import type { ListedRecord } from '../../../contract/api';
import { Checkbox } from '../../components/checkbox';
import { ErrorClassBadge } from '../../components/error-class-badge';
import { RecordLabel } from '../../components/record-identity';
import { cx } from '../../lib/cx';
import { recordName } from '../../lib/document-text';
import { recordPath } from '../../lib/paths';
import { HandledNote } from './handled-note';
import { recordLinkAttribute } from './record-link';

export type RecordItemProps = {
  /** Measures the item for the virtual list. */
  ref?: (element: HTMLElement | null) => void;
  /** Its place among the loaded records. */
  index: number;
  entityId: string;
  record: ListedRecord;
  /** Open in the details drawer. */
  selected: boolean;
  /** The keyboard's current record (j/k). */
  focused?: boolean;
  canPush: boolean;
  /** Ticked for a bulk push (only when the person may push). */
  checked?: boolean;
  /** `range`: shift was held, so every record from the last one clicked follows. */
  onCheck?: (recordId: string, range: boolean) => void;
};

/** The item's element (`ref`, also measured), where its name links to, and what a click on it does. */
export function useRecordItem<T extends HTMLElement>({
  ref,
  entityId,
  record,
  focused = false,
}: Pick<RecordItemProps, 'ref' | 'entityId' | 'record' | 'focused'>) {
  const navigate = useNavigate();
  const { search } = useLocation();
  const to = { pathname: recordPath(entityId, record.id), search };
  const item = useRef<T | null>(null);
  useEffect(() => {
    // The keyboard's record takes focus, also when it scrolls back into the DOM, unless the person
    // has moved on (e.g. into the search box) meanwhile.
    const active = document.activeElement;
    if (focused && (active === document.body || item.current?.parentElement?.contains(active)))
      item.current?.focus({ preventScroll: true });
  }, [focused]);
  return {
    to,
    ref: (element: T | null) => {
      item.current = element;
      ref?.(element);
    },
    onClick: () => navigate(to),
  };
}

/** Open, ticked or neither; the keyboard's record shows a focus ring. */
export const recordItemClass = (selected: boolean, checked: boolean) =>
  cx(
    'cursor-pointer focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600',
    selected ? 'bg-indigo-50/60' : checked ? 'bg-indigo-50/30 hover:bg-indigo-50/50' : 'hover:bg-slate-50',
  );

export function RecordCheckbox({
  record,
  checked,
  onCheck,
}: {
  record: ListedRecord;
  checked: boolean;
  onCheck: NonNullable<RecordItemProps['onCheck']>;
}) {
  return (
    <Checkbox
      checked={checked}
      aria-label={`Select ${recordName(record)}`}
      // Shift-click would otherwise select the text between the two records.
      onMouseDown={(event) => event.shiftKey && event.preventDefault()}
      onChange={(event) => onCheck(record.id, (event.nativeEvent as MouseEvent).shiftKey === true)}
    />
  );
}

/** The mouse may click anywhere on the item; this link is the keyboard's way in. */
export function RecordNameLink({
  record,
  to,
}: {
  record: ListedRecord;
  to: { pathname: string; search: string };
}) {
  return (
    <Link
      to={to}
      {...recordLinkAttribute(record.id)}
      onClick={(event) => event.stopPropagation()}
      title={record.object_id ?? record.id}
      className="hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <RecordLabel record={record} />
    </Link>
  );
}

/**
 * The first error, two lines at most (all of it on hover), and the handled mark if any. Below a
 * laptop's width the class badge goes above the message, which then has the whole width.
 */
export function RecordError({ record }: { record: ListedRecord }) {
  const firstError = summariseErrors(record.errors);
  return (
    <>
      <span className="flex min-w-0 flex-col items-start gap-1 lg:flex-row lg:items-center lg:gap-2">
        {record.classification && <ErrorClassBadge errorClass={record.classification.class} />}
        <span className="line-clamp-2 text-red-700 wrap-anywhere" title={firstError ?? undefined}>
          {firstError ?? <span className="text-slate-400">—</span>}
        </span>
      </span>
      {record.handled && <HandledNote mark={record.handled} />}
    </>
  );
}
