import { errors } from '@strapi/utils';
import { DomainError } from './domain/errors';

/* eslint-disable @typescript-eslint/no-explicit-any -- database driver errors are untyped */

/**
 * The one place where cms errors become HTTP: domain errors → 400 ValidationError naming each
 * field (in English, with the Chinese message beside it); a UNIQUE violation that slipped past
 * Strapi's own check (two concurrent creates) → 400 on the field it concerns.
 */
export function toHttpError(error: unknown, uniqueFields: Record<string, string> = {}): unknown {
  if (error instanceof DomainError) {
    return new errors.ValidationError(error.message, {
      errors: error.issues.map((i) => ({
        path: i.path.split('.'),
        message: i.message,
        name: 'ValidationError',
        code: i.code,
        messageZh: i.messageZh,
      })),
    });
  }
  const e = error as any;
  const text = `${e?.message ?? ''} ${e?.detail ?? ''} ${e?.constraint ?? ''}`;
  if (e?.code === '23505' || /UNIQUE constraint failed/i.test(text)) {
    const column = Object.keys(uniqueFields).find((c) => text.includes(c));
    const field = column ? (uniqueFields[column] as string) : 'id';
    return new errors.ValidationError(`${field} must be unique`, {
      errors: [
        {
          path: [field],
          message: `${field}: this value is already used`,
          name: 'ValidationError',
          code: 'unique',
          messageZh: `${field}：该值已被使用`,
        },
      ],
    });
  }
  return error;
}
