import { useSyncExternalStore } from 'react';

type Clock = { subscribe: (onTick: () => void) => () => void; now: () => number };

/** One shared timer per interval, however many components show a ticking time. */
const clocks = new Map<number, Clock>();

function createClock(intervalMs: number): Clock {
  let now = Date.now();
  let timer: number | undefined;
  const listeners = new Set<() => void>();
  return {
    now: () => now,
    subscribe(onTick) {
      listeners.add(onTick);
      if (timer === undefined) {
        now = Date.now();
        timer = window.setInterval(() => {
          now = Date.now();
          listeners.forEach((listener) => listener());
        }, intervalMs);
      }
      return () => {
        listeners.delete(onTick);
        if (listeners.size === 0) {
          window.clearInterval(timer);
          timer = undefined;
        }
      };
    },
  };
}

/** The current time, re-rendering the caller every `intervalMs`. */
export function useNow(intervalMs: number): number {
  let clock = clocks.get(intervalMs);
  if (!clock) {
    clock = createClock(intervalMs);
    clocks.set(intervalMs, clock);
  }
  return useSyncExternalStore(clock.subscribe, clock.now, clock.now);
}
