import { useCallback } from 'react';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../../contract/audit';
import { auditQuerySchema } from '../../../contract/audit';
import { Button } from '../../components/button';
import { ACTION_LABELS, OUTCOME_LABELS } from './audit-labels';
import { hasAuditFilters, type AuditSearch } from './audit-search';
import { CONTROL_CLASS, FilterField } from './filter-field';
import { TextFilter } from './text-filter';

type Update = (patch: Partial<AuditSearch>, options?: { replace?: boolean }) => void;

const isRecordId = (text: string) =>
  auditQuerySchema.shape.record.safeParse(text).success ? undefined : 'Enter a whole record ID (a UUID).';

function SelectFilter<T extends string>({
  label,
  value,
  options,
  labels,
  onChange,
}: {
  label: string;
  value: T | undefined;
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T | undefined) => void;
}) {
  return (
    <FilterField label={label}>
      {(id) => (
        <select
          id={id}
          value={value ?? ''}
          onChange={(event) => onChange((event.target.value || undefined) as T | undefined)}
          className={`${CONTROL_CLASS} pr-8 pl-2.5`}
        >
          <option value="">Any</option>
          {options.map((option) => (
            <option key={option} value={option}>
              {labels[option]}
            </option>
          ))}
        </select>
      )}
    </FilterField>
  );
}

function DateFilter({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <FilterField label={label}>
      {(id) => (
        <input
          id={id}
          type="date"
          value={value ?? ''}
          min={min}
          max={max}
          onChange={(event) => onChange(event.target.value || undefined)}
          className={`${CONTROL_CLASS} px-2.5`}
        />
      )}
    </FilterField>
  );
}

/** Who (admins only), which record, what happened and when; every change goes into the URL. */
export function AuditFilters({
  search,
  everyone,
  onChange,
}: {
  search: AuditSearch;
  /** May filter by person (admins): everyone else only ever sees their own entries. */
  everyone: boolean;
  onChange: Update;
}) {
  const onUser = useCallback(
    (user: string) => onChange({ user: user || undefined }, { replace: true }),
    [onChange],
  );
  const onRecord = useCallback(
    (record: string) => onChange({ record: record || undefined }, { replace: true }),
    [onChange],
  );

  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-white px-6 py-3">
      {everyone && (
        <TextFilter
          label="User"
          placeholder="Email…"
          maxLength={254}
          value={search.user ?? ''}
          onChange={onUser}
        />
      )}
      <TextFilter
        label="Record ID"
        placeholder="Record UUID…"
        maxLength={36}
        value={search.record ?? ''}
        validate={isRecordId}
        onChange={onRecord}
      />
      {search.job && (
        <div className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">Bulk job</span>
          <span className="inline-flex h-8 items-center gap-1 rounded-md bg-indigo-50 px-2.5 font-mono text-xs text-indigo-800 ring-1 ring-indigo-200 ring-inset">
            <span title={search.job}>{search.job.slice(0, 8)}</span>
            <button
              type="button"
              aria-label="Show every job"
              className="text-indigo-500 hover:text-indigo-800"
              onClick={() => onChange({ job: undefined })}
            >
              ×
            </button>
          </span>
        </div>
      )}
      <SelectFilter
        label="Action"
        value={search.action}
        options={AUDIT_ACTIONS}
        labels={ACTION_LABELS}
        onChange={(action) => onChange({ action })}
      />
      <SelectFilter
        label="Outcome"
        value={search.outcome}
        options={AUDIT_OUTCOMES}
        labels={OUTCOME_LABELS}
        onChange={(outcome) => onChange({ outcome })}
      />
      <DateFilter label="From" value={search.from} max={search.to} onChange={(from) => onChange({ from })} />
      <DateFilter label="To" value={search.to} min={search.from} onChange={(to) => onChange({ to })} />
      {hasAuditFilters(search) && (
        <Button
          variant="ghost"
          size="sm"
          className="mb-0.5"
          onClick={() =>
            onChange({
              user: undefined,
              record: undefined,
              job: undefined,
              action: undefined,
              outcome: undefined,
              from: undefined,
              to: undefined,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
