/**
 * The time the cases services run on: the wall clock, or a time a test sets (tests drive the
 * SLA and the sweep through this, never with sleeps). Only NODE_ENV=test may set it.
 */
export default () => {
  let fixed: Date | null = null;
  return {
    now(): Date {
      return fixed ? new Date(fixed) : new Date();
    },
    set(at: Date | null): void {
      if (process.env.NODE_ENV !== 'test') throw new Error('the cases clock is set only in tests');
      fixed = at ? new Date(at) : null;
    },
  };
};
