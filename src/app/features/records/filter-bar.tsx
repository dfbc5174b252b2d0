import { useCallback } from 'react';
import { FACET_KEYS, type ErrorGroupInfo, type Facets } from '../../../contract/api';
import { OBJECT_TYPES, PLATFORMS, PROVIDERS, SYNC_STATUSES } from '../../../monite/schemas';
import { Button } from '../../components/button';
import { FACET_TITLES, labelOf } from '../../lib/labels';
import { FacetFilter } from './facet-filter';
import { hasFilters, NO_FILTERS, type RecordsSearch, type SearchUpdate } from './records-search';
import { SearchBox } from './search-box';

const OPTIONS = {
  sync_status: SYNC_STATUSES,
  provider: PROVIDERS,
  platform: PLATFORMS,
  object_type: OBJECT_TYPES,
} as const;

/** Error groups are an open set: those with failures, most first, and any still selected. */
function errorGroupOptions(counts: Record<string, number> | undefined, selected: readonly string[]) {
  const present = Object.entries(counts ?? {})
    .toSorted(([, a], [, b]) => b - a)
    .map(([key]) => key);
  return [...new Set([...present, ...selected])];
}

type FilterBarProps = {
  search: RecordsSearch;
  facets: Facets | undefined;
  groups: Record<string, ErrorGroupInfo> | undefined;
  onChange: (patch: SearchUpdate, options?: { replace?: boolean }) => void;
};

export function FilterBar({ search, facets, groups, onChange }: FilterBarProps) {
  const onSearch = useCallback((q: string) => onChange({ q }, { replace: true }), [onChange]);
  const chips = FACET_KEYS.flatMap((facet) => search[facet].map((value) => ({ facet, value })));

  return (
    <div className="space-y-2 border-b border-slate-200 bg-white px-6 py-3">
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox value={search.q ?? ''} onSearch={onSearch} />
        {FACET_KEYS.map((facet) => (
          <FacetFilter
            key={facet}
            facet={facet}
            options={
              facet === 'error_group'
                ? errorGroupOptions(facets?.error_group, search.error_group)
                : OPTIONS[facet]
            }
            selected={search[facet]}
            counts={facets?.[facet]}
            onChange={(selected) => onChange({ [facet]: selected })}
            groups={groups}
          />
        ))}
      </div>
      {hasFilters(search) && (
        <ul aria-label="Active filters" className="flex flex-wrap items-center gap-1.5">
          {chips.map(({ facet, value }) => (
            <li
              key={`${facet}:${value}`}
              className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs text-slate-700"
            >
              {FACET_TITLES[facet]}: {labelOf(facet, value, groups)}
              <button
                type="button"
                aria-label={`Remove filter ${FACET_TITLES[facet]}: ${labelOf(facet, value, groups)}`}
                onClick={() => onChange({ [facet]: search[facet].filter((v) => v !== value) })}
                className="rounded-full px-1 text-slate-600 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                ×
              </button>
            </li>
          ))}
          <li>
            <Button variant="ghost" size="sm" onClick={() => onChange(NO_FILTERS)}>
              Clear filters
            </Button>
          </li>
        </ul>
      )}
    </div>
  );
}
