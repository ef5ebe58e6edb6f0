import { useLocaleState } from 'react-admin';

/**
 * Chinese takes full-width brackets and colons with no space; English half-width ones with a
 * space before the bracket and after the colon. Text built around a translated word uses these,
 * so "（当前版本）" does not appear in an English sentence.
 */
export const punctuation = (zh: boolean) => ({
  paren: (text: string) => (zh ? `（${text}）` : ` (${text})`),
  colon: (text: string) => (zh ? `：${text}` : `: ${text}`),
});

export function usePunctuation() {
  const [locale] = useLocaleState();
  return punctuation(locale !== 'en');
}
