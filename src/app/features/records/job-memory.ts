/**
 * What this browser tab remembers about push jobs across reloads (sessionStorage): the jobs it
 * started (their failures get selected again when they end), those it joined because one was
 * already running when it asked for another, and the summaries it dismissed.
 */
const KEEP = 50;

function idSet(key: string) {
  const read = (): string[] => {
    try {
      const value: unknown = JSON.parse(sessionStorage.getItem(key) ?? '[]');
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  };
  const write = (ids: string[]) => {
    try {
      sessionStorage.setItem(key, JSON.stringify(ids.slice(-KEEP)));
    } catch {
      // Storage full or disabled: this tab just forgets sooner.
    }
  };
  return {
    has: (id: string) => read().includes(id),
    all: () => new Set(read()),
    add: (id: string) => write([...read().filter((v) => v !== id), id]),
    delete: (id: string) => write(read().filter((v) => v !== id)),
  };
}

export const jobsStartedHere = idSet('sync-desk:push-jobs-started');
export const jobsJoinedHere = idSet('sync-desk:push-jobs-joined');
export const dismissedJobs = idSet('sync-desk:push-jobs-dismissed');
