import type { Core } from '@strapi/strapi';

/**
 * Large counts kept for a few seconds (issue 15: city-wide lists). Every page of a list also
 * counts every row the viewer may see — for city-wide staff, 361,275 people, about 15 ms on
 * SQLite, more than the page itself. A count of at least `LARGE` rows is kept per content type
 * and exact query (the viewer's scope is in its filters) for `LINLI_COUNT_CACHE_SECONDS` (10 by
 * default; 0 turns it off), and dropped at once when this process writes a record of the type
 * (Document Service or query engine). A write by another process, or by raw SQL, shows in the
 * total within those seconds: a total of hundreds of thousands may be a few rows behind, while
 * every smaller count — a community's, a filtered list's, every test's — is always exact.
 */
const LARGE = 10_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  count: number;
  generation: number;
  expires: number;
}

export function countCache(strapi: Core.Strapi) {
  const seconds = Number(process.env.LINLI_COUNT_CACHE_SECONDS ?? 10);
  const ttlMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
  const entries = new Map<string, Entry>();
  /** Per content type: bumped on every write of one of its records. */
  const generations = new Map<string, number>();
  const generationOf = (uid: string) => generations.get(uid) ?? 0;

  return {
    /** Listens to the query engine's writes (which the Document Service's go through too). */
    start(): void {
      strapi.db.lifecycles.subscribe((event: { action: string; model: { uid: string } }) => {
        if (/^after(Create|Update|Delete)/.test(event.action)) this.changed(event.model.uid);
      });
    },

    changed(uid: string): void {
      generations.set(uid, generationOf(uid) + 1);
    },

    /** The count for this query: kept when large, else asked of `count()` every time. */
    async count(uid: string, query: unknown, count: () => Promise<unknown>): Promise<unknown> {
      if (!ttlMs) return count();
      const key = `${uid}\u0000${JSON.stringify(query)}`;
      const kept = entries.get(key);
      const now = Date.now();
      if (kept && kept.generation === generationOf(uid) && kept.expires > now) return kept.count;
      const generation = generationOf(uid);
      const answer = await count();
      if (typeof answer === 'number' && answer >= LARGE && generation === generationOf(uid)) {
        if (entries.size >= MAX_ENTRIES) entries.clear();
        entries.set(key, { count: answer, generation, expires: now + ttlMs });
      }
      return answer;
    },
  };
}
