import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Refusal } from '../timebank/api';
import { CSS, LangContext, Link } from '../timebank/ui';
import { signOut, type Me } from './api';
import { ct } from './messages';

/** The grid page's language (the time bank's context, so its form pieces speak the same) and words. */
export function useWords() {
  const { lang, setLang } = useContext(LangContext);
  const t = useCallback(
    (key: string, values?: Record<string, string | number>) => ct(lang, key, values),
    [lang],
  );
  return { lang, setLang, t };
}

/** The signed-in person, for the pages under /g. */
export const MeContext = createContext<Me | null>(null);

/** What the grid page adds to the time bank's look: status colours and the case rows. */
const GRID_CSS = `
.tb-tag.open { background: #e3ecfa; color: #1d4f91; }
.tb-tag.waiting { background: #fff4e0; color: #6b4100; }
.tb-tag.resolved { background: #e3f0e8; color: #1f4d36; }
.tb-tag.closed { background: #f1f1f1; color: #444; }
.g-row { display: block; text-decoration: none; color: inherit; min-height: 48px; }
.g-code { font-family: ui-monospace, monospace; font-size: 26px; letter-spacing: 2px; font-weight: 700; text-align: center; margin: 8px 0; }
.g-photos { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.g-photo { position: relative; width: 96px; }
.g-photo img { width: 96px; height: 96px; object-fit: cover; border-radius: 10px; display: block; background: #e4e7eb; }
.g-photo button { width: 100%; min-height: 36px; margin-top: 4px; border-radius: 8px; border: 1px solid #9fb3c8; background: #fff; font-family: inherit; font-size: 14px; }
.tb-field label.g-file { margin: 8px 0 0; display: flex; align-items: center; justify-content: center; min-height: 52px; border: 2px dashed #2f6f4f; border-radius: 12px; color: #2f6f4f; font-weight: 600; font-size: 17px; cursor: pointer; }
/* Out of sight but reachable (its label opens it); the fields' input rule would size it. */
.tb-field input.g-file-input { position: absolute; width: 1px; height: 1px; min-height: 0; padding: 0; border: 0; opacity: 0; overflow: hidden; clip-path: inset(50%); }
.g-dl { display: grid; grid-template-columns: auto 1fr; gap: 6px 12px; margin: 0; }
.g-dl dt { color: #627d98; }
.g-dl dd { margin: 0; white-space: pre-wrap; word-break: break-word; }
.g-steps { list-style: none; padding: 0; margin: 0; border-left: 2px solid #cbd2d9; }
.g-steps li { position: relative; padding: 0 0 14px 14px; }
.g-steps li::before { content: ''; position: absolute; left: -6px; top: 6px; width: 10px; height: 10px; border-radius: 50%; background: #2f6f4f; }
.g-steps p { margin: 4px 0 0; white-space: pre-wrap; }
`;

/** The frame of every grid page: brand or the way back to /g, the language switch, the title. */
export function GShell({
  title,
  back,
  children,
}: {
  title?: string;
  back?: boolean;
  children: ReactNode;
}) {
  const { lang, setLang, t } = useWords();
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${title ?? t('app')} · 邻里`;
  }, [lang, title, t]);
  return (
    <div className="tb">
      <style>{CSS + GRID_CSS}</style>
      <div className="tb-top">
        {back ? (
          <Link to="/g" testId="g-back">
            {t('back')}
          </Link>
        ) : (
          <span>{t('brand')}</span>
        )}
        <button
          type="button"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="g-lang"
        >
          {t('other_language')}
        </button>
      </div>
      {title && <h1>{title}</h1>}
      {children}
    </div>
  );
}

/**
 * A form's errors, as the time bank's pages keep them (the browser's own findings as message
 * keys, the server's refusal as it came), said in the page's language at each render in these
 * pages' words. A refusal on a field the form does not show is said in the banner.
 */
export function useFormErrors(known: readonly string[]) {
  const { lang, t } = useWords();
  const [local, setLocal] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const server = refusal?.fields(lang) ?? {};
  const errors: Record<string, string> = {};
  for (const [path, text] of Object.entries(server)) {
    const field = path.split('.')[0] ?? '';
    if (!(field in errors)) errors[field] = text;
  }
  for (const [field, key] of Object.entries(local)) errors[field] = t(key);
  const elsewhere = Object.entries(server).filter(([k]) => !known.includes(k.split('.')[0] ?? ''));
  const message = Object.keys(local).length
    ? t('fix')
    : refusal
      ? Object.keys(server).length === 0
        ? refusal.status === 401
          ? t('signed_out')
          : refusal.text(lang)
        : elsewhere.length
          ? elsewhere.map(([, m]) => m).join(lang === 'zh' ? '；' : '; ')
          : t('fix')
      : '';
  const scroll = () =>
    requestAnimationFrame(() =>
      document.querySelector('.tb-field.bad, .tb-alert')?.scrollIntoView({ block: 'center' }),
    );
  return {
    errors,
    message,
    /** The browser's own findings (field → message key); true when there are none. */
    check(found: Record<string, string>): boolean {
      setRefusal(null);
      setLocal(found);
      if (Object.keys(found).length) scroll();
      return Object.keys(found).length === 0;
    },
    refused(e: unknown) {
      setLocal({});
      setRefusal(e instanceof Refusal ? e : new Refusal(0, undefined));
      scroll();
    },
  };
}

/**
 * A load refused: an expired or revoked sign-in offers the sign-in again (the token is dropped,
 * and /g asks for it); anything else in words.
 */
export function Refused({ refused }: { refused: Refusal }) {
  const { lang, t } = useWords();
  if (refused.status === 401)
    return (
      <div className="tb-card" data-testid="g-signed-out">
        <p>{t('signed_out')}</p>
        <button
          type="button"
          className="tb-btn"
          onClick={() => {
            signOut();
            location.reload();
          }}
        >
          {t('sign_in.submit')}
        </button>
      </div>
    );
  return (
    <div className="tb-alert" role="alert">
      {refused.text(lang)}
    </div>
  );
}
