import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import englishMessages from 'ra-language-english';
import { enMessages, zhMessages } from './app-messages';
import { raChinese } from './ra-zh';

type Messages = { [key: string]: string | Messages };

/**
 * A relation shown by its document id (`<ReferenceField source="community.documentId">`) is
 * labelled by react-admin from the key `resources.<r>.fields.community.documentId`; missing, it
 * humanises the source into "Community document". Each relation field's own label stands for it
 * (flat keys: Polyglot takes dotted keys as they are, beside the nested ones).
 */
function relationLabels(messages: Messages): Record<string, string> {
  const out: Record<string, string> = {};
  const resources = messages.resources;
  if (!resources || typeof resources === 'string') return out;
  for (const [resource, node] of Object.entries(resources)) {
    const fields = typeof node === 'object' ? node.fields : undefined;
    if (!fields || typeof fields === 'string') continue;
    for (const [field, label] of Object.entries(fields)) {
      if (typeof label === 'string')
        out[`resources.${resource}.fields.${field}.documentId`] = label;
    }
  }
  return out;
}

const zh = { ...raChinese, ...zhMessages } as Messages;
const en = { ...englishMessages, ...enMessages } as Messages;
const ZH = { ...zh, ...relationLabels(zh) } as TranslationMessages;
const EN = { ...en, ...relationLabels(en) } as TranslationMessages;

/** Chinese first, English second; react-admin remembers the choice in its store. */
export const i18nProvider = polyglotI18nProvider((locale) => (locale === 'en' ? EN : ZH), 'zh-CN', [
  { locale: 'zh-CN', name: '中文' },
  { locale: 'en', name: 'English' },
]);
