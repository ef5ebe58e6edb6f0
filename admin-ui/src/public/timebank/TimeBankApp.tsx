import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { TOKEN, signIn } from './api';
import { Activities } from './Activities';
import { Catalogue } from './Catalogue';
import { Checkin } from './Checkin';
import { Family } from './Family';
import { Home } from './Home';
import type { Lang } from './messages';
import { Nearby } from './Nearby';
import { Passbook } from './Passbook';
import { PostRequest } from './PostRequest';
import { Services } from './Services';
import { LangContext, Shell, initialLang, useLang } from './ui';

const PAGES: Record<string, () => ReactElement> = {
  '': Home,
  passbook: Passbook,
  nearby: Nearby,
  services: Services,
  post: PostRequest,
  checkin: Checkin,
  catalogue: Catalogue,
  family: Family,
  activities: Activities,
};

/**
 * The time bank's phone pages under /t/ (served by the same page as /f/…): a signed-in resident's
 * or volunteer's own account, work and gifts. Pages change in place (history kept, Back works);
 * the language switch is shared with /f/me and the console.
 */
export function TimeBankApp() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const moved = () => setPath(location.pathname);
    window.addEventListener('popstate', moved);
    return () => window.removeEventListener('popstate', moved);
  }, []);
  const language = useMemo(
    () => ({
      lang,
      setLang: (l: Lang) => {
        localStorage.setItem('linli.locale', l);
        localStorage.setItem('RaStore.locale', JSON.stringify(l === 'zh' ? 'zh-CN' : 'en'));
        setLangState(l);
      },
    }),
    [lang],
  );
  const name = path.split('/').filter(Boolean)[1] ?? '';
  const Page = PAGES[name] ?? Missing;
  // The check-in page speaks for itself when signed out (it keeps the code to come back to).
  const signedOut = !localStorage.getItem(TOKEN) && name !== 'checkin';
  return (
    <LangContext.Provider value={language}>
      {signedOut ? <SignedOut /> : <Page key={path} />}
    </LangContext.Provider>
  );
}

function SignedOut() {
  const { t } = useLang();
  return (
    <Shell title={t('home_link')}>
      <div className="tb-card" data-testid="tb-signed-out">
        <p>{t('signed_out')}</p>
        <button type="button" className="tb-btn" onClick={signIn}>
          {t('sign_in')}
        </button>
      </div>
    </Shell>
  );
}

function Missing() {
  const { t } = useLang();
  return (
    <Shell title={t('app')} back>
      <div className="tb-alert">{t('not_found')}</div>
    </Shell>
  );
}
