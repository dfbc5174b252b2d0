import type { MirrorStatus } from '../../../contract/api';
import { formatAbsolute, formatRelative } from '../../lib/time';
import { useNow } from '../../lib/use-now';

/** How current the BFF's copy of Monite's records is, ticking every second. */
export function MirrorFreshness({ mirror }: { mirror: MirrorStatus | undefined }) {
  const now = useNow(1000);
  if (!mirror) return null;
  const updated = mirror.refreshed_at && (
    <time dateTime={mirror.refreshed_at} title={formatAbsolute(mirror.refreshed_at)}>
      updated {formatRelative(mirror.refreshed_at, now)}
    </time>
  );
  if (mirror.state === 'error') {
    return (
      <span className="text-xs text-red-700" title={mirror.error ?? undefined}>
        Refresh from Monite failed{mirror.error ? `: ${mirror.error}` : ''}
        {updated && <> · last {updated}</>}
      </span>
    );
  }
  if (mirror.state !== 'ready')
    return <span className="text-xs text-slate-500">Loading records from Monite…</span>;
  return <span className="text-xs text-slate-500">{updated ?? 'not refreshed yet'}</span>;
}
