import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from './client';
import { queryKeys } from './query-keys';

export const getEntities = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiFetch('/api/entities', 'entities', { signal }).then((r) => r.data);

export const getEntitiesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.entities(),
    queryFn: getEntities,
    // The deployment's entity list changes with its configuration, not during a session.
    staleTime: 5 * 60_000,
  });

export const useEntities = () => useQuery(getEntitiesQueryOptions());
