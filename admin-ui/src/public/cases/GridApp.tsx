import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import { TOKEN } from '../timebank/api';
import { LangContext, Link, initialLang } from '../timebank/ui';
import { fetchMe, signOut, type Me } from './api';
import { CallIn } from './CallIn';
import type { Lang } from './messages';
import { CaseDetailPage, MyCases } from './MyCases';
import { GShell, MeContext, useWords } from './ui';
import { PhoneSignIn } from '../PhoneSignIn';

type Who = { state: 'loading' } | { state: 'signed-out' } | { state: 'in'; me: Me };

/**
 * 网格呼叫, the grid worker's phone page under /g (served by the public form page, as /t is):
 * sign in, call a case in from the street (type, category, place, photos), follow one's own
 * cases. Read-only past the call-in: the case is worked in the console.
 */
export function GridApp() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [path, setPath] = useState(location.pathname);
  const [who, setWho] = useState<Who>({ state: 'loading' });
  useEffect(() => {
    const moved = () => setPath(location.pathname);
    window.addEventListener('popstate', moved);
    return () => window.removeEventListener('popstate', moved);
  }, []);
  const load = useCallback(() => {
    if (!localStorage.getItem(TOKEN)) {
      setWho({ state: 'signed-out' });
      return;
    }
    fetchMe().then(
      (me) => setWho({ state: 'in', me }),
      () => setWho({ state: 'signed-out' }),
    );
  }, []);
  useEffect(load, [load]);
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
  const parts = path.split('/').filter(Boolean);
  let page: ReactElement;
  if (who.state === 'loading') page = <Loading />;
  else if (who.state === 'signed-out') page = <SignIn onIn={load} />;
  else if (parts.length === 1)
    page = (
      <Home
        me={who.me}
        onOut={() => {
          signOut();
          setWho({ state: 'signed-out' });
        }}
      />
    );
  else if (parts[1] === 'call' && parts.length === 2) page = <CallIn key={path} />;
  else if (parts[1] === 'mine' && parts.length === 2) page = <MyCases />;
  else if (parts[1] === 'case' && parts[2]) page = <CaseDetailPage key={path} id={parts[2]} />;
  else page = <Missing />;
  return (
    <LangContext.Provider value={language}>
      <MeContext.Provider value={who.state === 'in' ? who.me : null}>{page}</MeContext.Provider>
    </LangContext.Provider>
  );
}

function Loading() {
  const { t } = useWords();
  return (
    <GShell title={t('app')}>
      <p className="tb-muted">{t('loading')}</p>
    </GShell>
  );
}

function Missing() {
  const { t } = useWords();
  return (
    <GShell title={t('app')} back>
      <div className="tb-alert">{t('not_found')}</div>
    </GShell>
  );
}

function SignIn({ onIn }: { onIn: () => void }) {
  const { lang, t } = useWords();
  return (
    <PhoneSignIn
      onIn={onIn}
      lang={lang}
      prefix="g"
      testId="g-sign-in"
      shell={(form) => <GShell title={t('sign_in.title')}>{form}</GShell>}
      t={t}
    />
  );
}

function Home({ me, onOut }: { me: Me; onOut: () => void }) {
  const { t } = useWords();
  return (
    <GShell title={t('grid.home')}>
      <div className="tb-card tb-line" data-testid="g-who">
        <div>
          <div>{me.username}</div>
          <div className="tb-muted">
            {me.role?.name ?? ''}
            {me.scope ? ` · ${me.scope.name}` : ''}
          </div>
        </div>
        <button
          type="button"
          className="tb-chip"
          onClick={onOut}
          data-testid="g-sign-out"
          style={{ flexShrink: 0 }}
        >
          {t('grid.sign_out')}
        </button>
      </div>
      <div className="tb-grid">
        <Link to="/g/call" className="tb-tile" testId="g-go-call">
          <span className="tb-icon" aria-hidden="true">
            呼
          </span>
          {t('grid.call')}
        </Link>
        <Link to="/g/mine" className="tb-tile" testId="g-go-mine">
          <span className="tb-icon" aria-hidden="true">
            我
          </span>
          {t('grid.mine')}
        </Link>
      </div>
    </GShell>
  );
}
