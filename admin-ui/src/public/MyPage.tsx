import { useEffect, useState } from 'react';
import type { MeResponse } from '../../../cms/server/src/shared/contracts/me';
import type { MyFormsResponse } from '../../../plugins/forms/server/src/shared/contracts/mine';
import { formatDate } from '../dates';
import type { Pair, Tree } from '../i18n/tree';
import { rolesMessages } from '../i18n/topics/roles';
import { RETURN_TO } from './timebank/api';
import { tt } from './timebank/messages';

/**
 * A resident's or volunteer's own page at /f/me, where the console sends them after they sign
 * in (they have no staff console): who they are, the published forms they may fill in, and their
 * own submissions with status and receipt code, each linking to the applicant's page
 * /f/receipt/<code>. Phone first, like the public form page; React only, no console chrome. The
 * sign-in is the console's (its token in localStorage, same origin).
 */
type Lang = 'zh' | 'en';
const TOKEN = 'linli.jwt';
const IDENTITY = 'linli.identity';
const SIGN_IN = '/console/#/login';

const OWN = ((rolesMessages.linli as Tree).roles as Tree).own as Tree;

/** A message of the roles topic (`own.*`), in the page's language, with %{name} filled in. */
function t(lang: Lang, key: string, values: Record<string, string> = {}): string {
  const found = key
    .split('.')
    .reduce<
      Pair | Tree | undefined
    >((node, part) => (node && !Array.isArray(node) ? (node as Tree)[part] : undefined), OWN);
  const text = Array.isArray(found) ? (found as Pair)[lang === 'zh' ? 0 : 1] : key;
  return text.replace(/%\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

const CSS = `
body { margin: 0; background: #f0f4f8; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #102a43; }
.mp { max-width: 640px; margin: 0 auto; padding: 16px 16px 48px; }
.mp-top { display: flex; justify-content: space-between; align-items: center; color: #2f6f4f; font-weight: 600; gap: 8px; }
.mp-top button { background: none; border: 1px solid #2f6f4f; color: #2f6f4f; border-radius: 16px; padding: 4px 12px; min-height: 36px; font-size: 15px; }
.mp-card { background: #fff; border-radius: 12px; padding: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-top: 12px; }
.mp h1 { font-size: 22px; margin: 4px 0; }
.mp h2 { font-size: 18px; margin: 0 0 8px; }
.mp-muted { color: #627d98; font-size: 14px; }
.mp ul { list-style: none; margin: 0; padding: 0; }
.mp li { border-top: 1px solid #e4e7eb; padding: 12px 0; }
.mp li:first-child { border-top: none; }
.mp a.mp-row { display: flex; justify-content: space-between; align-items: center; gap: 12px; text-decoration: none; color: inherit; min-height: 44px; }
.mp-go { color: #2f6f4f; font-weight: 600; white-space: nowrap; }
.mp-status { display: inline-block; white-space: nowrap; border-radius: 10px; padding: 2px 8px; font-size: 13px; background: #e3f0e8; color: #2f6f4f; }
.mp-status.rejected { background: #fdecea; color: #8a1c1c; }
.mp-status.withdrawn { background: #f1f1f1; color: #333; }
.mp-status.more_info { background: #fff4e0; color: #6b4100; }
.mp-code { font-family: ui-monospace, monospace; letter-spacing: 1px; }
.mp-alert { background: #fdecea; color: #8a1c1c; border-radius: 8px; padding: 10px 12px; margin-top: 12px; }
.mp-primary { display: block; text-align: center; line-height: 48px; border-radius: 10px; background: #2f6f4f; color: #fff; text-decoration: none; font-size: 18px; margin-top: 12px; }
`;

function initialLang(): Lang {
  const asked =
    new URLSearchParams(location.search).get('lang') ??
    localStorage.getItem('linli.locale') ??
    localStorage.getItem('RaStore.locale') ??
    'zh';
  return asked.replace(/"/g, '').startsWith('en') ? 'en' : 'zh';
}

type Load =
  | { state: 'loading' }
  | { state: 'signed-out' }
  | { state: 'failed' }
  | { state: 'ready'; me: MeResponse['data']; mine: MyFormsResponse['data'] };

async function load(): Promise<Load> {
  const token = localStorage.getItem(TOKEN);
  if (!token) return { state: 'signed-out' };
  const headers = { Authorization: `Bearer ${token}` };
  const [me, mine] = await Promise.all([
    fetch('/api/cms/me', { headers }),
    fetch('/api/forms/mine', { headers }),
  ]);
  if (me.status === 401 || mine.status === 401) return { state: 'signed-out' };
  if (!me.ok || !mine.ok) return { state: 'failed' };
  return {
    state: 'ready',
    me: ((await me.json()) as MeResponse).data,
    mine: ((await mine.json()) as MyFormsResponse).data,
  };
}

const STATUS_KEY: Record<string, string> = {
  received: 'received',
  'in-progress': 'in_progress',
  accepted: 'accepted',
  rejected: 'rejected',
  closed: 'closed',
};

/**
 * Where a submission stands: a grant application's own status when it has one (it is reviewed,
 * awarded or withdrawn while the submission itself stays received), a consultation topic's stage,
 * else the submission's.
 */
function statusText(lang: Lang, s: MyFormsResponse['data']['submissions'][number]): string {
  const own =
    s.purpose === 'grant-application'
      ? 'application_status'
      : s.purpose === 'consultation-request'
        ? 'topic_stage'
        : null;
  if (own && s.targetStatus) {
    const key = `${own}.${s.targetStatus}`;
    const text = t(lang, key);
    return text === key ? s.targetStatus : text;
  }
  return STATUS_KEY[s.status] ? t(lang, `status.${STATUS_KEY[s.status]}`) : s.status;
}

export function MyPage() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [page, setPage] = useState<Load>({ state: 'loading' });
  const setLang = (l: Lang) => {
    localStorage.setItem('linli.locale', l);
    // The console keeps its own choice; keep them together so the person meets one language.
    localStorage.setItem('RaStore.locale', JSON.stringify(l === 'zh' ? 'zh-CN' : 'en'));
    setLangState(l);
  };
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t(lang, 'title')} · 邻里`;
  }, [lang]);
  useEffect(() => {
    // A time-bank page (an activity's check-in QR code) sent the person to sign in: back there.
    const back = localStorage.getItem(RETURN_TO);
    if (back && localStorage.getItem(TOKEN)) {
      localStorage.removeItem(RETURN_TO);
      if (/^\/t(\/|\?|$)/.test(back)) {
        location.replace(back);
        return;
      }
    }
    load().then(setPage, () => setPage({ state: 'failed' }));
  }, []);

  const signOut = () => {
    localStorage.removeItem(TOKEN);
    localStorage.removeItem(IDENTITY);
    location.href = SIGN_IN;
  };
  const name = (f: { name: string; nameEn: string | null }) =>
    lang === 'en' && f.nameEn ? f.nameEn : f.name;

  return (
    <div className="mp">
      <style>{CSS}</style>
      <div className="mp-top">
        <span>邻里 Linli</span>
        <span style={{ display: 'flex', gap: 8 }}>
          <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t(lang, 'other_language')}
          </button>
          {page.state === 'ready' && (
            <button type="button" onClick={signOut} data-testid="sign-out">
              {t(lang, 'sign_out')}
            </button>
          )}
        </span>
      </div>
      {page.state === 'signed-out' && (
        <div className="mp-card">
          <p>{t(lang, 'signed_out')}</p>
          <a className="mp-primary" href={SIGN_IN}>
            {t(lang, 'sign_in')}
          </a>
        </div>
      )}
      {page.state === 'failed' && <div className="mp-alert">{t(lang, 'failed')}</div>}
      {page.state === 'ready' && (
        <>
          <div className="mp-card" data-testid="who">
            <h1>{t(lang, 'greeting', { name: page.me.username })}</h1>
            <div className="mp-muted">
              {page.me.role ? t(lang, `role.${page.me.role.type}`) : ''}
              {page.me.scope ? ` · ${t(lang, 'scope', { area: page.me.scope.name })}` : ''}
            </div>
          </div>
          <a className="mp-card mp-row" href={`/t?lang=${lang}`} data-testid="time-bank">
            <span>
              <h2 style={{ margin: 0 }}>{tt(lang, 'app')}</h2>
              <span className="mp-muted">{tt(lang, 'tagline')}</span>
            </span>
            <span className="mp-go">{tt(lang, 'open')} ›</span>
          </a>
          <div className="mp-card" data-testid="forms">
            <h2>{t(lang, 'forms')}</h2>
            {page.mine.forms.length === 0 ? (
              <p className="mp-muted">{t(lang, 'no_forms')}</p>
            ) : (
              <ul>
                {page.mine.forms.map((f) => (
                  <li key={f.slug}>
                    <a className="mp-row" href={`/f/${encodeURIComponent(f.slug)}?lang=${lang}`}>
                      <span>
                        <div>{name(f)}</div>
                        {f.closesAt && (
                          <div className="mp-muted">
                            {t(lang, 'closes', { date: formatDate(f.closesAt) })}
                          </div>
                        )}
                      </span>
                      <span className="mp-go">{t(lang, 'fill')} ›</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="mp-card" data-testid="submissions">
            <h2>{t(lang, 'submissions')}</h2>
            {page.mine.submissions.length === 0 ? (
              <p className="mp-muted">{t(lang, 'no_submissions')}</p>
            ) : (
              <ul>
                {page.mine.submissions.map((s) => (
                  <li key={s.receiptCode}>
                    <a
                      className="mp-row"
                      href={`/f/receipt/${encodeURIComponent(s.receiptCode)}?lang=${lang}`}
                    >
                      <span>
                        <div>{s.form ? name(s.form) : ''}</div>
                        <div className="mp-muted">
                          {t(lang, 'receipt')} <span className="mp-code">{s.receiptCode}</span> ·{' '}
                          {formatDate(s.submittedAt, true)}
                        </div>
                      </span>
                      <span className={`mp-status ${s.targetStatus ?? s.status}`}>
                        {statusText(lang, s)}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </div>
  );
}
