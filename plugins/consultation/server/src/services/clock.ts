import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time the consultation services run on: the wall clock; a time a test sets (tests drive the SLA
 * and the sweep through this, never with sleeps); or, for the work inside `at(…)`, a time in the
 * past (the demo seed runs a year of topics and votes through the services, each at its own day).
 */
export default () => {
  let fixed: Date | null = null;
  const scoped = new AsyncLocalStorage<Date>();
  return {
    now(): Date {
      const at = scoped.getStore() ?? fixed;
      return at ? new Date(at) : new Date();
    },
    /** Sets the time for everything after (tests only; null returns to the wall clock). */
    set(at: Date | null): void {
      if (process.env.NODE_ENV !== 'test')
        throw new Error('the consultation clock is set only in tests');
      fixed = at ? new Date(at) : null;
    },
    /** Runs `work` as if it were `at` (server-side only: the seed; no request can reach it). */
    at<T>(at: Date, work: () => Promise<T>): Promise<T> {
      return scoped.run(new Date(at), work);
    },
  };
};
