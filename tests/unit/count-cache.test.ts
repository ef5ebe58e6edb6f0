// Large counts kept for seconds (cms/server/src/count-cache.ts): what is kept, and what drops it.
import type { Core } from '@strapi/strapi';
import { countCache } from '../../cms/server/src/count-cache';

type Listener = (event: { action: string; model: { uid: string } }) => void;

/** The one thing the cache asks of Strapi: to hear of the query engine's writes. */
function withLifecycles() {
  const listeners: Listener[] = [];
  const strapi = {
    db: { lifecycles: { subscribe: (listener: Listener) => listeners.push(listener) } },
  } as unknown as Core.Strapi;
  const write = (action: string, uid: string) =>
    listeners.forEach((listener) => listener({ action, model: { uid } }));
  return { strapi, write };
}

describe('the count cache', () => {
  const PEOPLE = 'plugin::cms.person';
  const query = { filters: { areaPath: { $startsWith: '/510100/' } } };

  it('keeps a large count per query, and asks again for a small one', async () => {
    const { strapi } = withLifecycles();
    const cache = countCache(strapi);
    cache.start();
    let asked = 0;
    const large = async () => ((asked += 1), 361_275);
    expect(await cache.count(PEOPLE, query, large)).toBe(361_275);
    expect(await cache.count(PEOPLE, query, large)).toBe(361_275);
    expect(asked).toBe(1);
    // Another scope is another query.
    await cache.count(PEOPLE, { filters: { areaPath: { $startsWith: '/510100/510200/' } } }, large);
    expect(asked).toBe(2);
    let small = 0;
    const few = async () => ((small += 1), 9_999);
    const community = { filters: { areaPath: { $startsWith: '/510100/510200/510200001/' } } };
    for (let i = 0; i < 3; i += 1) expect(await cache.count(PEOPLE, community, few)).toBe(9_999);
    expect(small).toBe(3);
  });

  it('drops a type’s counts when one of its records is written, not another type’s', async () => {
    const { strapi, write } = withLifecycles();
    const cache = countCache(strapi);
    cache.start();
    let total = 20_000;
    let asked = 0;
    const count = async () => ((asked += 1), total);
    await cache.count(PEOPLE, query, count);
    write('afterCreate', 'plugin::cms.grid');
    expect(await cache.count(PEOPLE, query, count)).toBe(20_000);
    expect(asked).toBe(1);
    total = 20_001;
    write('afterCreate', PEOPLE);
    expect(await cache.count(PEOPLE, query, count)).toBe(20_001);
    write('afterDeleteMany', PEOPLE);
    total = 20_000;
    expect(await cache.count(PEOPLE, query, count)).toBe(20_000);
    expect(asked).toBe(3);
  });

  it('keeps nothing counted while a write happened, and nothing with the cache turned off', async () => {
    const { strapi, write } = withLifecycles();
    const cache = countCache(strapi);
    cache.start();
    let asked = 0;
    const racing = async () => {
      asked += 1;
      write('afterUpdate', PEOPLE);
      return 50_000;
    };
    await cache.count(PEOPLE, query, racing);
    await cache.count(PEOPLE, query, racing);
    expect(asked).toBe(2);

    const before = process.env.LINLI_COUNT_CACHE_SECONDS;
    process.env.LINLI_COUNT_CACHE_SECONDS = '0';
    try {
      const off = countCache(withLifecycles().strapi);
      let n = 0;
      const count = async () => ((n += 1), 50_000);
      await off.count(PEOPLE, query, count);
      await off.count(PEOPLE, query, count);
      expect(n).toBe(2);
    } finally {
      if (before === undefined) delete process.env.LINLI_COUNT_CACHE_SECONDS;
      else process.env.LINLI_COUNT_CACHE_SECONDS = before;
    }
  });
});
