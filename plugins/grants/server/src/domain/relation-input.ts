/**
 * The document a relation input names, as REST, GraphQL and the admin panel send it: a
 * documentId, `{ documentId }`, a list, `{ set: [...] }`, `{ connect: [...] }` or a disconnect.
 * `null` when the input clears the relation, `undefined` when it does not say.
 */
export function namedDocument(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return namedDocument(value[0]);
  if (typeof value === 'object') {
    const v = value as {
      documentId?: unknown;
      set?: unknown;
      connect?: unknown;
      disconnect?: unknown;
    };
    if (typeof v.documentId === 'string') return v.documentId;
    if (Array.isArray(v.set)) return namedDocument(v.set[0]) ?? null;
    if (Array.isArray(v.connect) && v.connect.length) return namedDocument(v.connect[0]);
    if (Array.isArray(v.disconnect) && v.disconnect.length) return null;
  }
  return undefined;
}

/** A record as the write rules read it: its fields, its to-one relations as `{ documentId }`. */
export type Row = Record<string, unknown>;

/** The documentId of a to-one relation the record holds, if any. */
export const heldDocument = (row: Row | null | undefined, field: string): string | undefined => {
  const related = row?.[field] as { documentId?: unknown } | null | undefined;
  return typeof related?.documentId === 'string' ? related.documentId : undefined;
};

/** The related document after a write: the one the input names, else the one held. */
export const documentAfter = (
  current: Row | null | undefined,
  data: Row,
  field: string,
): string | null | undefined =>
  field in data ? namedDocument(data[field]) : heldDocument(current, field);
