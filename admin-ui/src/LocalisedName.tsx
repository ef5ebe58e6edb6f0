import { useLocaleState, useRecordContext } from 'react-admin';
import { i18nProvider } from './i18n';

/**
 * A record's name in the console's language: the English one (`en`) in English where the record
 * has one, else the Chinese one (`zh`). Used as a column, a show field and a resource's
 * recordRepresentation (so reference fields and page titles follow the language too).
 */
export function LocalisedName({ zh, en }: { zh: string; en: string; label?: string }) {
  const record = useRecordContext<Record<string, unknown>>();
  const [locale] = useLocaleState();
  if (!record) return null;
  const english = record[en];
  const name =
    !locale.startsWith('zh') && typeof english === 'string' && english ? english : record[zh];
  return <>{typeof name === 'string' ? name : ''}</>;
}

/**
 * The same as a resource's recordRepresentation. A function, not the element above, because
 * react-admin puts only a string representation into page titles ("轮次 …"); the console re-renders
 * on a change of language, so reading the locale here keeps titles and references in step.
 */
export const localisedName =
  (zh: string, en: string) =>
  (record: Record<string, unknown>): string => {
    const english = record[en];
    const name =
      !i18nProvider.getLocale().startsWith('zh') && typeof english === 'string' && english
        ? english
        : record[zh];
    return typeof name === 'string' ? name : '';
  };
