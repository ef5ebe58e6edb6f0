import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { enMessages, zhMessages } from './app-messages';
import { raChinese } from './ra-zh';

/** Chinese first, English second; react-admin remembers the choice in its store. */
export const i18nProvider = polyglotI18nProvider(
  (locale) =>
    locale === 'en' ? { ...englishMessages, ...enMessages } : { ...raChinese, ...zhMessages },
  'zh-CN',
  [
    { locale: 'zh-CN', name: '中文' },
    { locale: 'en', name: 'English' },
  ],
);
