import type { Core } from '@strapi/strapi';
import { CMS } from './uids';

type Row = Record<string, unknown>;

/**
 * Deep pages of the longest lists (issue 15: city-wide staff). PostgreSQL answers
 * `ORDER BY name, id LIMIT 25 OFFSET 24975` by reading all 25,000 rows before the page from the
 * table (26 ms for a city's people). SQLite skips them in the index alone while the order is the
 * index's own, but not when the list runs by name descending (Strapi's tie-break, the id, stays
 * ascending): it then sorts every skipped row whole (56 ms at a million people). Here the page
 * is found in two steps instead, on both databases:
 *
 * 1. the first row of the page, by the same filters and order, selecting only the columns of the
 *    list-order index (database/migrations/2026-12-01-003-list-order-indexes.ts), so the rows
 *    before it are skipped in the index (PostgreSQL: an index-only scan, 3 ms once the table is
 *    vacuumed);
 * 2. the page itself from that row on — `name >= b AND (name > b OR id >= its id)`, offset 0
 *    (`<=` and `<` where the list runs the other way) — which is an index range starting at the
 *    page (0.1 ms).
 *
 * The answer is the same rows in the same order: the order is the list's column (either way) then
 * the id, and the column is required (never null). Anything else (another order, a shallow page)
 * is left to the plain offset.
 */
const LIST_ORDERS: Record<string, string> = {
  [CMS.person]: 'name',
  [CMS.organisation]: 'name',
  [CMS.grid]: 'code',
};

/** Pages starting this deep or deeper are sought. */
const DEEP = 1000;

type Query = { where?: Row; orderBy?: unknown };

type Direction = 'asc' | 'desc';

/**
 * The list's order when it is its index's — `column` either way, then (if anything) `id` either
 * way — with the id ascending when not given, as Strapi adds it last as the tie-break; otherwise
 * null. PostgreSQL reads the index either way.
 */
function indexOrderOf(orderBy: unknown, column: string): [Direction, Direction] | null {
  const order = Array.isArray(orderBy) ? orderBy : orderBy ? [orderBy] : [];
  const direction = (entry: unknown, key: string): Direction | null => {
    if (typeof entry !== 'object' || entry === null || Object.keys(entry).length !== 1) return null;
    const value = String((entry as Row)[key]).toLowerCase();
    return value === 'asc' || value === 'desc' ? value : null;
  };
  if (order.length < 1 || order.length > 2) return null;
  const byColumn = direction(order[0], column);
  const byId = order.length === 1 ? 'asc' : direction(order[1], 'id');
  return byColumn && byId ? [byColumn, byId] : null;
}

/**
 * Rewrites a findMany's params (already narrowed to the viewer's scope) so that a deep page of
 * a list in its index order is read from its first row instead of past an offset.
 */
export async function seekDeepPage(strapi: Core.Strapi, uid: string, params: Row): Promise<void> {
  const column = LIST_ORDERS[uid];
  if (!column) return;
  // REST and GraphQL pass an offset (`start`, `limit`); a caller may pass `page`, `pageSize`.
  const paged = params.start === undefined && params.page !== undefined;
  const size = Number(paged ? params.pageSize : params.limit);
  const start = paged ? (Number(params.page) - 1) * size : Number(params.start ?? 0);
  if (!Number.isSafeInteger(start) || start < DEEP || !Number.isSafeInteger(size)) return;
  const query = (
    strapi.get('query-params') as { transform(uid: string, params: Row): Query }
  ).transform(uid, { filters: params.filters, sort: params.sort });
  const order = indexOrderOf(query.orderBy, column);
  if (!order) return;
  const [byColumn, byId] = order;
  const [first] = (await strapi.db.query(uid as never).findMany({
    where: query.where ?? {},
    select: ['id', column],
    orderBy: [{ [column]: byColumn }, { id: byId }],
    offset: start,
    limit: 1,
  })) as Row[];
  // Past the end, or a row without the column: the offset answers as it always did.
  if (!first || first[column] === null || first[column] === undefined) return;
  const from = first[column];
  // From that row on in the list's order: the column past it, or equal and the id from it on.
  const fromOn = (direction: Direction) => (direction === 'asc' ? '$gte' : '$lte');
  const past = byColumn === 'asc' ? '$gt' : '$lt';
  params.filters = {
    $and: [
      ...(params.filters ? [params.filters] : []),
      { [column]: { [fromOn(byColumn)]: from } },
      { $or: [{ [column]: { [past]: from } }, { id: { [fromOn(byId)]: first.id } }] },
    ],
  };
  if (paged) {
    delete params.page;
    delete params.pageSize;
  }
  params.start = 0;
  params.limit = size;
}
