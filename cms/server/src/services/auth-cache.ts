import type { Core } from '@strapi/strapi';
import { Client, type ClientConfig } from 'pg';

/**
 * Who a signed-in user is and what their role may do, kept between requests (issue 15): without
 * it every request reads the user and their role, the role's permissions, builds the permission
 * engine's ability and reads the user's scope again — several queries and milliseconds of CPU
 * before any work.
 *
 * An entry is dropped when anything it was made from changes, in every process: a change to a
 * user, a role, a permission or an area (a scope's path) bumps this process's generation at once
 * and, on PostgreSQL, tells the other processes on the same database through `NOTIFY
 * linli_auth_changed` (each listens on a connection of its own). Entries also expire after
 * `LINLI_AUTH_CACHE_SECONDS` (10 by default; 0 turns the cache off) — the bound on a change made
 * behind Strapi's back (raw SQL), or made while a process's listening connection was down.
 */

const CHANNEL = 'linli_auth_changed';
const MAX_ENTRIES = 20_000;
const WATCHED = [
  'plugin::users-permissions.user',
  'plugin::users-permissions.role',
  'plugin::users-permissions.permission',
  'plugin::cms.area',
  // API tokens (the admin's): a revoked or changed token stops working on the next request.
  'admin::api-token',
  'admin::api-token-permission',
];

interface Entry {
  value: unknown;
  generation: number;
  expires: number;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const seconds = Number(process.env.LINLI_AUTH_CACHE_SECONDS ?? 10);
  const ttlMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
  const entries = new Map<string, Entry>();
  let generation = 0;
  let listener: Client | null = null;
  let notifyQueued = false;
  let stopped = false;

  const postgres = () => strapi.db.dialect.client === 'postgres';

  /** Drops every entry in this process. */
  function dropAll(): void {
    generation += 1;
    entries.clear();
  }

  /** Tells the other processes, at most once per tick however many rows a change touched. */
  function notifyOthers(): void {
    if (!postgres() || notifyQueued || stopped) return;
    notifyQueued = true;
    setImmediate(() => {
      notifyQueued = false;
      strapi.db.connection
        .raw('SELECT pg_notify(?, ?)', [CHANNEL, String(process.pid)])
        .catch((error: Error) =>
          strapi.log.warn(`Could not tell other processes of a change of users: ${error.message}`),
        );
    });
  }

  async function listen(): Promise<void> {
    const config = strapi.config.get('database.connection.connection') as ClientConfig;
    const client = new Client(config);
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload !== String(process.pid)) dropAll();
    });
    client.on('error', (error) => {
      // Until it is back, entries still expire by age; drop them now, then listen again.
      strapi.log.warn(`The listener for changes of users stopped: ${error.message}`);
      dropAll();
      listener = null;
      if (!stopped) setTimeout(() => void listen().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  }

  return {
    /** The value kept under `key`, unless a change or its age has dropped it. */
    get<T>(key: string): T | undefined {
      if (!ttlMs) return undefined;
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.generation !== generation || entry.expires <= Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value as T;
    },

    set(key: string, value: unknown): void {
      if (!ttlMs) return;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(key, { value, generation, expires: Date.now() + ttlMs });
    },

    /**
     * `make()`'s value, kept under `key` (when `keep` says so); made afresh when missing. A
     * change while it is being made leaves it out of the cache (it may have been read before).
     */
    async remember<T>(
      key: string,
      make: () => Promise<T>,
      keep: (value: T) => boolean = () => true,
    ): Promise<T> {
      const kept = this.get<T>(key);
      if (kept !== undefined) return kept;
      const before = generation;
      const value = await make();
      if (generation === before && keep(value)) this.set(key, value);
      return value;
    },

    /** A user, role, permission or area changed: drop every entry here and in other processes. */
    invalidate(): void {
      dropAll();
      notifyOthers();
    },

    /** Bootstrap: watch the models entries are made from; on PostgreSQL, listen to others. */
    async start(): Promise<void> {
      strapi.db.lifecycles.subscribe({
        models: WATCHED,
        afterCreate: () => this.invalidate(),
        afterCreateMany: () => this.invalidate(),
        afterUpdate: () => this.invalidate(),
        afterUpdateMany: () => this.invalidate(),
        afterDelete: () => this.invalidate(),
        afterDeleteMany: () => this.invalidate(),
      });
      if (postgres() && ttlMs) {
        // Without the listener a process still starts: other processes' changes then reach it
        // when its entries age out (LINLI_AUTH_CACHE_SECONDS).
        await listen().catch((error: Error) =>
          strapi.log.warn(`Not listening for other processes' changes of users: ${error.message}`),
        );
      }
    },

    async stop(): Promise<void> {
      stopped = true;
      const client = listener;
      listener = null;
      if (client) await client.end().catch(() => undefined);
    },
  };
};
