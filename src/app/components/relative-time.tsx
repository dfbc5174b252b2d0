import { formatAbsolute, formatRelative } from '../lib/time';
import { useNow } from '../lib/use-now';

/** "3 min ago", with the exact time on hover; ticks at the given pace. */
export function RelativeTime({ iso, tickMs = 30_000 }: { iso: string; tickMs?: number }) {
  // The shared clock can lag by up to a tick: formatRelative reads a slightly future time as "just now".
  const now = useNow(tickMs);
  return (
    <time dateTime={iso} title={formatAbsolute(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}
