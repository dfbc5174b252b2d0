import { Navigate } from 'react-router';
import { useEntities } from '../api/get-entities';
import { EmptyState } from '../components/empty-state';
import { ErrorMessage } from '../components/error-message';
import { Spinner } from '../components/spinner';
import { recordsPath } from '../lib/paths';

/** `/` has nothing of its own: open the first entity's records. */
export function RootRedirect() {
  const entities = useEntities();
  if (entities.isPending) {
    return (
      <p className="flex items-center justify-center gap-2 py-16 text-sm text-slate-500">
        <Spinner /> Loading entities…
      </p>
    );
  }
  if (entities.isError) {
    return (
      <ErrorMessage
        title="Could not load entities"
        error={entities.error}
        onRetry={() => void entities.refetch()}
      />
    );
  }
  const first = entities.data[0];
  if (!first) {
    return (
      <EmptyState title="No entities to show">
        This deployment serves no Monite entities. Set MONITE_ENTITY_IDS or check the API credentials.
      </EmptyState>
    );
  }
  return <Navigate to={recordsPath(first.id)} replace />;
}
