import type { Core } from '@strapi/strapi';

/**
 * Strapi's GraphQL resolves a relation of each row in a list on its own: for 25 people and their
 * community, 25 calls of the entity manager's `load`, each a `findOne` with the relation populated
 * (about 11 ms of the console's 16 ms people list at city scale, issue 15). Here the calls made
 * in the same turn of the event loop for the same type, relation and query are answered by one
 * `findMany` over all their rows, populated exactly as `load` populates one (@strapi/database
 * 5.54.0, entity-manager `load`: `findOne({ select: ['id'], where: { id }, populate })`), and
 * each caller gets its own row's relation — what `load` would have answered.
 *
 * Only to-one relations are batched: a to-many relation's page (limit, offset) is per row, and
 * populating many rows at once would page them together. Nothing changes inside a transaction
 * (its reads must stay on its connection), for a list of fields, or for a row without an id.
 * Permissions, scopes and masking are untouched: GraphQL's resolver still checks and sanitizes the
 * query before, and the answer after, as it did.
 */

type Load = (uid: string, entity: { id?: unknown }, fields: unknown, populate?: unknown) => unknown;

interface EntityManager {
  load: Load;
  findMany(uid: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]>;
}

interface Waiting {
  ids: Set<unknown>;
  callers: { id: unknown; resolve(value: unknown): void; reject(error: unknown): void }[];
}

export function batchRelationLoads(strapi: Core.Strapi): void {
  const db = strapi.db as unknown as {
    entityManager: EntityManager;
    metadata: {
      get(uid: string): { attributes: Record<string, { type?: string; relation?: string }> };
    };
    inTransaction(): boolean;
  };
  const manager = db.entityManager;
  const load = manager.load.bind(manager);
  const waiting = new Map<string, Waiting>();

  const toOne = (uid: string, field: string): boolean => {
    const attribute = db.metadata.get(uid)?.attributes[field];
    return (
      attribute?.type === 'relation' &&
      typeof attribute.relation === 'string' &&
      !attribute.relation.endsWith('Many') &&
      !attribute.relation.startsWith('morph')
    );
  };

  async function answer(uid: string, field: string, populate: unknown, batch: Waiting) {
    try {
      const rows = await manager.findMany(uid, {
        select: ['id'],
        where: { id: { $in: [...batch.ids] } },
        populate: { [field]: populate },
      });
      const byId = new Map(rows.map((row) => [String(row.id), row]));
      for (const caller of batch.callers) {
        const row = byId.get(String(caller.id));
        caller.resolve(row ? row[field] : null);
      }
    } catch (error) {
      for (const caller of batch.callers) caller.reject(error);
    }
  }

  /**
   * The populate to use for many rows at once, or null when it cannot be shared: GraphQL's
   * resolver pages every relation (limit 25), which for one row's to-one relation changes
   * nothing but, populating many rows in one query, would keep the first 25 rows' relations
   * only. A to-one relation has at most one row per parent, so any limit of one or more and no
   * offset leave each row's answer as it was; anything else is loaded row by row.
   */
  const shared = (populate: unknown): unknown => {
    if (populate === undefined || populate === null || populate === true) return true;
    if (typeof populate !== 'object') return null;
    const { limit, offset, start, ...rest } = populate as Record<string, unknown>;
    const noSkip = [offset, start].every((v) => v === undefined || v === null || Number(v) === 0);
    const keepsOne = limit === undefined || limit === null || Number(limit) >= 1;
    if (!noSkip || !keepsOne) return null;
    return Object.keys(rest).length > 0 ? rest : true;
  };

  manager.load = (uid, entity, fields, populate) => {
    const together = shared(populate);
    if (
      typeof fields !== 'string' ||
      entity?.id === undefined ||
      entity.id === null ||
      together === null ||
      db.inTransaction() ||
      !toOne(uid, fields)
    )
      return load(uid, entity, fields, populate);
    let key: string;
    try {
      key = `${uid}\u0000${fields}\u0000${JSON.stringify(together)}`;
    } catch {
      return load(uid, entity, fields, populate);
    }
    return new Promise((resolve, reject) => {
      let batch = waiting.get(key);
      if (!batch) {
        const started: Waiting = { ids: new Set(), callers: [] };
        batch = started;
        waiting.set(key, started);
        setImmediate(() => {
          waiting.delete(key);
          void answer(uid, fields, together, started);
        });
      }
      batch.ids.add(entity.id);
      batch.callers.push({ id: entity.id, resolve, reject });
    });
  };
}
