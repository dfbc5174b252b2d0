import { useEffect, useRef } from 'react';
import { Button } from './button';
import { Spinner } from './spinner';

/**
 * Infinite scroll: loads the next page as the end of the list comes into view, with a button for
 * browsers without IntersectionObserver and for people who prefer to click.
 */
export function LoadMore({ onLoad, loading }: { onLoad: () => void; loading: boolean }) {
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !('IntersectionObserver' in window)) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onLoad();
      },
      { rootMargin: '400px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [onLoad]);

  return (
    <div ref={sentinel} className="flex justify-center py-4">
      <Button size="sm" variant="ghost" onClick={onLoad} disabled={loading}>
        {loading && <Spinner />}
        {loading ? 'Loading…' : 'Load more'}
      </Button>
    </div>
  );
}
