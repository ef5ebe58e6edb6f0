import { randomBytes } from 'crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new document id in Strapi 5's shape (24 lower-case alphanumerics, starting with a letter),
 * for rows written below the Document Service: the seed's bulk inserts and audit entries.
 */
export function newDocumentId(): string {
  const bytes = randomBytes(24);
  let id = ALPHABET[(bytes[0] as number) % 26] as string;
  for (let i = 1; i < 24; i += 1) id += ALPHABET[(bytes[i] as number) % 36];
  return id;
}
