import { useLocation, useNavigate } from 'react-router';
import { useEntities } from '../../api/get-entities';
import { recordsPath } from '../../lib/paths';

/** The entity lives in the URL path; switching keeps the filters. */
export function EntitySwitcher({ entityId }: { entityId: string }) {
  const entities = useEntities();
  const navigate = useNavigate();
  const { search } = useLocation();
  const known = entities.data?.some((e) => e.id === entityId);

  return (
    <select
      aria-label="Entity"
      value={entityId}
      disabled={!entities.data}
      title={entities.isError ? 'Could not load the entity list' : undefined}
      onChange={(event) => navigate({ pathname: recordsPath(event.target.value), search })}
      className="h-8 max-w-64 rounded-md border border-slate-300 bg-white pr-8 pl-2.5 text-sm font-medium text-slate-900 focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
    >
      {!known && <option value={entityId}>{entities.isPending ? 'Loading entities…' : entityId}</option>}
      {entities.data?.map((entity) => (
        <option key={entity.id} value={entity.id}>
          {entity.name}
        </option>
      ))}
    </select>
  );
}
