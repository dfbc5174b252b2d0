import { useRef } from 'react';
import { Button } from '../../components/button';
import { ModalDialog } from '../../components/modal-dialog';
import { SHORTCUTS } from './use-list-shortcuts';

/** What `?` opens: the records list's keyboard shortcuts. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog
      title="Keyboard shortcuts"
      description={<p>On the records list, outside the search box and dialogs.</p>}
      onClose={onClose}
      initialFocus={closeRef}
      actions={
        <Button ref={closeRef} onClick={onClose}>
          Close
        </Button>
      }
    >
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map(({ key, does }) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">
                {key}
              </kbd>
            </dt>
            <dd className="text-slate-700">{does}</dd>
          </div>
        ))}
      </dl>
    </ModalDialog>
  );
}
