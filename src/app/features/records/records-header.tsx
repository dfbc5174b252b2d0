import { toast } from '../../lib/toast';
import type { MirrorStatus } from '../../../contract/api';
import { errorMessage, isUnauthenticated } from '../../api/client';
import { useRefreshMirror } from '../../api/refresh-mirror';
import { Button } from '../../components/button';
import { Spinner } from '../../components/spinner';
import { EntitySwitcher } from './entity-switcher';
import { MirrorFreshness } from './mirror-freshness';

export function RecordsHeader({ entityId, mirror }: { entityId: string; mirror: MirrorStatus | undefined }) {
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
        <Button size="sm" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
          {refresh.isPending && <Spinner />}
          Refresh
        </Button>
      </div>
    </header>
  );
}
