import { formatAbsolute, formatRelative } from '../lib/time';
import { useNow } from '../lib/use-now';

/** "3 min ago", with the exact time on hover; ticks at the given pace. */
export function RelativeTime({ iso, tickMs = 30_000 }: { iso: string; tickMs?: number }) {
  // The shared clock only re-renders; read the time now, or a row updated since its last tick reads "in 16 s".
  useNow(tickMs);
  const now = Date.now();
  return (
    <time dateTime={iso} title={formatAbsolute(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}
