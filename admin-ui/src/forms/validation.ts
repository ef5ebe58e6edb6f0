import { isValidCreditCode } from '../../../cms/server/src/domain/credit-code';
import { isValidIdNumber } from '../../../cms/server/src/domain/id-number';
import type { FormDefinition } from '../../../plugins/forms/server/src/domain/fields';
import { validateSubmission } from '../../../plugins/forms/server/src/domain/validate';

export type Lang = 'zh' | 'en';

/** The server's own rule book, with the cms plugin's check characters: same answers, same verdict. */
export function clientErrors(
  definition: FormDefinition,
  answers: Record<string, unknown>,
  lang: Lang,
): Record<string, string> {
  const { issues } = validateSubmission(definition, answers, {
    isValidCreditCode,
    isValidIdNumber,
  });
  return Object.fromEntries(issues.map((i) => [i.path, lang === 'zh' ? i.messageZh : i.message]));
}

/** A Strapi 400's field errors as path → message, in the language asked for. */
export function serverErrors(body: unknown, lang: Lang): Record<string, string> {
  const items = (body as { error?: { details?: { errors?: unknown[] } } })?.error?.details?.errors;
  if (!Array.isArray(items)) return {};
  return Object.fromEntries(
    items.map((e) => {
      const item = e as {
        path?: string[];
        message?: string;
        messageZh?: string;
        messageEn?: string;
      };
      const text =
        lang === 'zh' ? (item.messageZh ?? item.message) : (item.messageEn ?? item.message);
      const key = (item.path ?? []).join('.');
      // A person reads the message under the field's label, never the field's internal key.
      let shown = text ?? '';
      for (const prefix of [`${key}：`, `${key}: `])
        if (key && shown.startsWith(prefix)) shown = shown.slice(prefix.length);
      return [key, shown];
    }),
  );
}
