import { withoutFieldKey } from '../fieldKey';
import type { Lang } from '../forms/validation';

/**
 * The text of a refusal, in the page's language and without the internal field key: Strapi puts
 * a validation refusal's words in `details.errors[]` (each with `messageZh`), other refusals'
 * in `details.messageZh` beside the English `message`; `failed` when it says nothing usable.
 * Its own module: the public form page needs it without the applicant's page.
 */
export function refusalWords(body: unknown, lang: Lang, failed: string): string {
  const error = (
    body as {
      error?: {
        message?: string;
        details?: {
          messageZh?: unknown;
          messageEn?: unknown;
          errors?: { message?: string; messageZh?: string; path?: (string | number)[] }[];
        };
      };
    }
  )?.error;
  const details = error?.details ?? {};
  const items = Array.isArray(details.errors) ? details.errors : [];
  if (items.length) {
    const texts = items
      .map((item) =>
        withoutFieldKey(
          String((lang === 'zh' ? item.messageZh : item.message) ?? item.message ?? ''),
          item.path,
        ),
      )
      .filter(Boolean);
    if (texts.length) return texts.join(lang === 'zh' ? '；' : '; ');
  }
  if (lang === 'zh' && typeof details.messageZh === 'string') return details.messageZh;
  if (lang === 'en' && typeof details.messageEn === 'string') return details.messageEn;
  if (lang === 'zh') return failed;
  return error?.message ?? failed;
}
