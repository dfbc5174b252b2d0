import { toast } from '../../lib/toast';
import type { MirrorStatus, RecordsFilter } from '../../../contract/api';
import { errorMessage, isUnauthenticated } from '../../api/client';
import { recordsCsvUrl } from '../../api/records-url';
import { useRefreshMirror } from '../../api/refresh-mirror';
import { Button } from '../../components/button';
import { Spinner } from '../../components/spinner';
import { EntitySwitcher } from './entity-switcher';
import { MirrorFreshness } from './mirror-freshness';

type RecordsHeaderProps = {
  entityId: string;
  mirror: MirrorStatus | undefined;
  /** The view on screen, which "Export CSV" downloads. */
  filter: RecordsFilter;
};

export function RecordsHeader({ entityId, mirror, filter }: RecordsHeaderProps) {
  const refresh = useRefreshMirror({
    entityId,
    mutationConfig: {
      onError: (error) => {
        if (!isUnauthenticated(error)) toast.error(`Refresh failed: ${errorMessage(error)}`);
      },
    },
  });
  return (
    <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-6 py-3">
      <h1 className="text-base font-semibold text-slate-900">Synced records</h1>
      <EntitySwitcher entityId={entityId} />
      <div className="ml-auto flex items-center gap-3">
        <MirrorFreshness mirror={mirror} />
        <a
          href={recordsCsvUrl(entityId, filter)}
          download
          className="inline-flex h-7 items-center rounded-md bg-white px-2.5 text-xs font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Export CSV
        </a>
        <Button size="sm" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
          {refresh.isPending && <Spinner />}
          Refresh
        </Button>
      </div>
    </header>
  );
}
