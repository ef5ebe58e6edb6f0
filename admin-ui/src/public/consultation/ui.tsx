import { useCallback, useContext, useEffect, type ReactNode } from 'react';
import { CSS, LangContext, Link } from '../timebank/ui';
import { ct } from './messages';

/** The consultation pages' language (the time bank's context, so its sheets speak the same). */
export function useWords() {
  const { lang, setLang } = useContext(LangContext);
  const t = useCallback(
    (key: string, values?: Record<string, string | number>) => ct(lang, key, values),
    [lang],
  );
  return { lang, setLang, t };
}

const EXTRA_CSS = `
.c-row { display: block; text-decoration: none; color: inherit; }
.c-title { font-weight: 600; font-size: 18px; }
.c-code input { font-family: ui-monospace, monospace; font-size: 24px; letter-spacing: 2px; text-transform: uppercase; text-align: center; }
.c-choices { display: grid; grid-template-columns: 1fr; gap: 10px; margin-top: 8px; }
.c-choice { min-height: 56px; border-radius: 12px; border: 2px solid #9fb3c8; background: #fff; font-size: 19px; font-family: inherit; }
.c-choice[aria-pressed="true"] { border-color: #2f6f4f; background: #e3f0e8; color: #1f4d36; font-weight: 700; }
.c-rank { display: flex; align-items: center; gap: 8px; border-top: 1px solid #e4e7eb; padding: 10px 0; }
.c-rank:first-child { border-top: none; }
.c-rank .c-pos { width: 28px; height: 28px; border-radius: 14px; background: #2f6f4f; color: #fff; display: flex; align-items: center; justify-content: center; font-weight: 700; flex: none; }
.c-rank .c-name { flex: 1; min-width: 0; word-break: break-word; }
.c-rank button { min-height: 44px; min-width: 56px; border-radius: 10px; border: 1px solid #9fb3c8; background: #fff; font-size: 15px; font-family: inherit; }
.c-steps { list-style: none; padding: 0; margin: 0; border-left: 2px solid #cbd2d9; }
.c-steps li { position: relative; padding: 0 0 14px 14px; }
.c-steps li::before { content: ''; position: absolute; left: -6px; top: 6px; width: 10px; height: 10px; border-radius: 50%; background: #2f6f4f; }
.c-bar { height: 10px; border-radius: 5px; background: #e4e7eb; overflow: hidden; margin-top: 6px; }
.c-bar > span { display: block; height: 100%; background: #2f6f4f; }
.c-stars { display: flex; gap: 6px; }
.c-stars button { flex: 1; min-width: 0; padding: 0; min-height: 48px; border-radius: 10px; border: 1px solid #d69e2e; background: #fff; color: #d69e2e; font-size: 20px; }
`;

/** The frame of every consultation phone page. */
export function CShell({
  title,
  back,
  home = '/c',
  children,
}: {
  title?: string;
  back?: boolean;
  home?: string;
  children: ReactNode;
}) {
  const { lang, setLang, t } = useWords();
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${title ?? t('app')} · 邻里`;
  }, [lang, title, t]);
  return (
    <div className="tb">
      <style>{CSS + EXTRA_CSS}</style>
      <div className="tb-top">
        {back ? (
          <Link to={home} testId="c-back">
            {t('back')}
          </Link>
        ) : (
          <span>{t('brand')}</span>
        )}
        <button
          type="button"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="c-lang"
        >
          {t('other_language')}
        </button>
      </div>
      {title && <h1>{title}</h1>}
      {children}
    </div>
  );
}
