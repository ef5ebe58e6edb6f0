import type { Core } from '@strapi/strapi';

let timer: NodeJS.Timeout | null = null;
const EVERY = 6 * 3600_000;

/**
 * Expiry runs every six hours in each process (and once a minute after start). Running it in
 * several processes at once is safe: each lot is expired under its row lock with a transfer keyed
 * by the lot. Tests call the service directly (`hours.expireDue(day)`), so the timer stays off
 * under NODE_ENV=test.
 */
export function startExpirySweep(strapi: Core.Strapi): void {
  if (process.env.NODE_ENV === 'test' || timer) return;
  const run = () =>
    strapi
      .plugin('time-bank')
      .service('hours')
      .expireDue()
      .then((r: { lots: number; minutes: number }) => {
        if (r.lots) strapi.log.info(`Time bank: expired ${r.minutes} minutes in ${r.lots} lots.`);
      })
      .catch((error: unknown) =>
        strapi.log.error(`Time bank expiry sweep failed: ${String(error)}`),
      );
  timer = setTimeout(function tick() {
    void run();
    timer = setTimeout(tick, EVERY).unref();
  }, 60_000).unref();
}

export function stopExpirySweep(): void {
  if (timer) clearTimeout(timer);
  timer = null;
}
