import { useEffect, useRef } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { can, type Role } from '../../../contract/session';
import { useRecord } from '../../api/get-record';
import { Button } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { RecordIdentity } from '../../components/record-identity';
import { Spinner } from '../../components/spinner';
import { StatusBadge } from '../../components/status-badge';
import { recordName } from '../../lib/document-text';
import { useFocusTrap } from '../../lib/focus-trap';
import { recordsPath } from '../../lib/paths';
import { recordLinkSelector } from './record-link';
import { roleLabel } from '../auth/role-badge';
import { HandledSection } from './handled-section';
import { PushButton } from './push-button';
import { DrawerSection } from './drawer-section';
import { PushHistory } from './push-history';
import { RawErrors } from './raw-errors';
import { RecordFields } from './record-fields';
import { RecordLinks } from './record-links';
import { RecordProblem } from './record-problem';
import { useEntityRole } from '../auth/signed-in-user';

/** Why the drawer's Push is disabled: the BFF would answer 403 with much the same words. */
const noPushReason = (role: Role) =>
  `${roleLabel(role)}s can't push records; ask an admin for the operator role.`;

/** One record, fresh from Monite, over the list; closing returns to the list with its filters. */
export function RecordDrawer() {
  const { entityId = '', recordId = '' } = useParams();
  const navigate = useNavigate();
  const { search } = useLocation();
  const closeRef = useRef<HTMLButtonElement>(null);
  const { data: record, error, refetch, isPlaceholderData } = useRecord(entityId, recordId);
  // Per entity: an operator of one entity may be a viewer of another.
  const role = useEntityRole(entityId) ?? 'viewer';
  const canPush = can(role, 'push');

  const panelRef = useRef<HTMLElement>(null);
  useFocusTrap(panelRef, {
    initialFocus: closeRef,
    // Opened by a click on the row rather than its link (or by a reload): the row's link.
    returnTo: (opener) => opener ?? document.querySelector<HTMLElement>(recordLinkSelector(recordId)),
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void navigate({ pathname: recordsPath(entityId), search });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate, entityId, search]);

  const close = () => void navigate({ pathname: recordsPath(entityId), search });

  return (
    <div className="fixed inset-0 z-40 flex justify-end">
      <div aria-hidden="true" className="absolute inset-0 bg-slate-900/20 dark:bg-black/50" onClick={close} />
      <section
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby="record-drawer-title"
        className="relative flex h-full w-full max-w-xl flex-col bg-white shadow-2xl"
      >
        <header className="flex items-center gap-3 border-b border-slate-200 px-5 py-3">
          <h2 id="record-drawer-title" className="truncate text-base font-semibold text-slate-900">
            {record ? recordName(record) : 'Record'}
          </h2>
          {record && <StatusBadge status={record.sync_status} />}
          <div className="ml-auto flex items-center gap-2">
            {record &&
              (canPush ? (
                <PushButton entityId={entityId} record={record} size="md" />
              ) : (
                <Button disabled aria-describedby="record-drawer-no-push" title={noPushReason(role)}>
                  Push
                </Button>
              ))}
            <button
              ref={closeRef}
              type="button"
              aria-label="Close details"
              onClick={close}
              className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <span aria-hidden="true">✕</span>
            </button>
          </div>
        </header>
        {record && !canPush && (
          <p
            id="record-drawer-no-push"
            className="border-b border-slate-200 bg-slate-50 px-5 py-2 text-xs text-slate-600"
          >
            {noPushReason(role)}
          </p>
        )}
        <div className="flex-1 space-y-6 overflow-y-auto px-5 py-4">
          {error && (
            <ErrorMessage title="Could not load this record" error={error} onRetry={() => void refetch()} />
          )}
          {record ? (
            <>
              <DrawerSection title="Errors">
                <RecordProblem errors={record.errors} classification={record.classification} />
              </DrawerSection>
              {record.document && (
                <DrawerSection title="Document">
                  <RecordIdentity record={record} wrap />
                  {'status' in record.document && (
                    <p className="mt-1 text-sm text-slate-600">
                      Status in Monite: <span className="text-slate-900">{record.document.status}</span>
                    </p>
                  )}
                </DrawerSection>
              )}
              <RecordLinks entityId={entityId} record={record} />
              <DrawerSection title="Push history">
                <PushHistory entityId={entityId} recordId={record.id} recordIsFresh={!isPlaceholderData} />
              </DrawerSection>
              <HandledSection entityId={entityId} record={record} />
              <DrawerSection title="Details">
                <div className="space-y-3">
                  <RecordFields record={record} />
                  <RawErrors errors={record.errors} />
                </div>
              </DrawerSection>
            </>
          ) : (
            !error && (
              <p className="flex items-center gap-2 text-sm text-slate-500">
                <Spinner /> Loading record…
              </p>
            )
          )}
        </div>
      </section>
    </div>
  );
}
