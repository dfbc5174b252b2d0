import { useCallback, useMemo } from 'react';
import { can } from '../../../contract/session';
import { errorMessage } from '../../api/client';
import { auditCsvUrl, useAudit } from '../../api/get-audit';
import { EmptyState } from '../../components/empty-state';
import { ErrorMessage } from '../../components/error-message';
import { LoadMore } from '../../components/load-more';
import { Spinner } from '../../components/spinner';
import { AuditFilters } from './audit-filters';
import { hasAuditFilters, toAuditFilter, useAuditSearch } from './audit-search';
import { AuditTable } from './audit-table';
import { useSignedInUser } from '../auth/signed-in-user';

/** `/audit`: who pushed what, when, and with what result; also sign-ins and sign-outs. */
export function AuditPage() {
  const user = useSignedInUser();
  const everyone = can(user.role, 'readEveryonesAudit');
  const [search, setSearch] = useAuditSearch();
  const filter = useMemo(() => toAuditFilter(search, { everyone }), [search, everyone]);
  const audit = useAudit(filter);
  const { data, error, refetch, hasNextPage, isFetchingNextPage, fetchNextPage } = audit;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const entries = data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-6 py-3">
        <h1 className="text-base font-semibold text-slate-900">Audit log</h1>
        <span className="text-sm text-slate-600">{everyone ? "Everyone's actions" : 'Your own actions'}</span>
        {audit.isPlaceholderData && <Spinner className="text-slate-400" />}
        <a
          href={auditCsvUrl(filter)}
          download
          className="ml-auto inline-flex h-7 items-center rounded-md bg-white px-2.5 text-xs font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Export CSV
        </a>
      </header>
      <AuditFilters search={search} everyone={everyone} onChange={setSearch} />
      <div className="min-h-0 flex-1 overflow-auto">
        {!data ? (
          error ? (
            <ErrorMessage title="Could not load the audit log" error={error} onRetry={() => void refetch()} />
          ) : (
            <p className="flex items-center justify-center gap-2 py-16 text-sm text-slate-500">
              <Spinner />
              {audit.failureReason
                ? `${errorMessage(audit.failureReason)} Retrying…`
                : 'Loading the audit log…'}
            </p>
          )
        ) : (
          <>
            {error && (
              <ErrorMessage
                title="Could not refresh the audit log"
                error={error}
                onRetry={() => void refetch()}
              />
            )}
            {entries.length === 0 ? (
              <EmptyState
                title={hasAuditFilters(search) ? 'No entries match these filters.' : 'Nothing audited yet.'}
              >
                {hasAuditFilters(search)
                  ? 'Try a wider date range or clear the filters.'
                  : 'Pushes, sign-ins and sign-outs show up here as they happen.'}
              </EmptyState>
            ) : (
              <AuditTable entries={entries} groupJobs={!search.job} />
            )}
            {hasNextPage && <LoadMore onLoad={loadMore} loading={isFetchingNextPage} />}
          </>
        )}
      </div>
    </div>
  );
}
