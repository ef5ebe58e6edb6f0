/**
 * Strapi 5 accepts a to-one relation in several shapes: a document id, `{ documentId }`,
 * `{ id }`, `{ set: [...] }`, `{ connect: [...], disconnect: [...] }` or null. This reads what
 * a write will leave the relation pointing at, without touching the database.
 */
export type RelationRef = { documentId: string } | { id: number };

export type ToOneChange = { changed: false } | { changed: true; target: RelationRef | null };

const toRef = (value: unknown): RelationRef | null | undefined => {
  if (value === null) return null;
  if (typeof value === 'string') return { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (typeof value === 'object' && value !== null) {
    const v = value as { documentId?: unknown; id?: unknown };
    if (typeof v.documentId === 'string') return { documentId: v.documentId };
    if (typeof v.id === 'number') return { id: v.id };
    if (typeof v.id === 'string')
      return /^\d+$/.test(v.id) ? { id: Number(v.id) } : { documentId: v.id };
  }
  return undefined;
};

export function readToOne(input: unknown): ToOneChange | { invalid: true } {
  if (input === undefined) return { changed: false };
  if (input === null) return { changed: true, target: null };
  if (typeof input === 'string' || typeof input === 'number') {
    return { changed: true, target: toRef(input) as RelationRef };
  }
  if (Array.isArray(input)) {
    if (input.length === 0) return { changed: true, target: null };
    const ref = toRef(input[input.length - 1]);
    return ref === undefined ? { invalid: true } : { changed: true, target: ref };
  }
  if (typeof input === 'object') {
    const v = input as { set?: unknown; connect?: unknown; disconnect?: unknown };
    if ('set' in v) return readToOne(Array.isArray(v.set) ? v.set : [v.set]);
    const connect = Array.isArray(v.connect) ? v.connect : v.connect ? [v.connect] : [];
    const disconnect = Array.isArray(v.disconnect)
      ? v.disconnect
      : v.disconnect
        ? [v.disconnect]
        : [];
    if (connect.length > 0) {
      const ref = toRef(connect[connect.length - 1]);
      return ref === undefined ? { invalid: true } : { changed: true, target: ref };
    }
    if (disconnect.length > 0) return { changed: true, target: null };
    if ('connect' in v || 'disconnect' in v) return { changed: false };
    const ref = toRef(input);
    return ref === undefined ? { invalid: true } : { changed: true, target: ref };
  }
  return { invalid: true };
}
