import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
  type ReactNode,
  type MouseEvent,
} from 'react';
import { Refusal, signIn } from './api';
import { tt, type Lang } from './messages';

/** The page's language and its switch, shared by every time-bank page. */
export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({
  lang: 'zh',
  setLang: () => undefined,
});

export function useLang() {
  const { lang, setLang } = useContext(LangContext);
  const t = useCallback(
    (key: string, values?: Record<string, string | number>) => tt(lang, key, values),
    [lang],
  );
  return { lang, setLang, t };
}

/** As /f/me: ?lang=, else the choice kept by the public pages or the console, else Chinese. */
export function initialLang(): Lang {
  const asked =
    new URLSearchParams(location.search).get('lang') ??
    localStorage.getItem('linli.locale') ??
    localStorage.getItem('RaStore.locale') ??
    'zh';
  return asked.replace(/"/g, '').startsWith('en') ? 'en' : 'zh';
}

/** In-page navigation between the time bank's pages (no reload; Back works). */
export function go(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export function Link({
  to,
  className,
  children,
  testId,
}: {
  to: string;
  className?: string;
  children: ReactNode;
  testId?: string;
}) {
  const click = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    go(to);
  };
  return (
    <a href={to} className={className} onClick={click} data-testid={testId}>
      {children}
    </a>
  );
}

export const CSS = `
body { margin: 0; background: #f0f4f8; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #102a43; font-size: 17px; }
.tb { max-width: 640px; margin: 0 auto; padding: 12px 16px 48px; }
.tb-top { display: flex; justify-content: space-between; align-items: center; gap: 8px; color: #2f6f4f; font-weight: 600; min-height: 44px; }
.tb-top a { color: #2f6f4f; text-decoration: none; font-size: 17px; padding: 8px 0; }
.tb-top button { background: none; border: 1px solid #2f6f4f; color: #2f6f4f; border-radius: 18px; padding: 4px 14px; min-height: 40px; font-size: 15px; }
.tb h1 { font-size: 24px; margin: 8px 0 4px; }
.tb h2 { font-size: 19px; margin: 0 0 8px; }
.tb-card { background: #fff; border-radius: 14px; padding: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-top: 12px; }
.tb-muted { color: #627d98; font-size: 15px; }
.tb-small { font-size: 14px; }
.tb ul { list-style: none; margin: 0; padding: 0; }
.tb li.tb-item { border-top: 1px solid #e4e7eb; padding: 14px 0; }
.tb li.tb-item:first-child { border-top: none; padding-top: 0; }
.tb-balance { font-size: 44px; font-weight: 700; color: #2f6f4f; line-height: 1.1; }
.tb-balance small { font-size: 20px; font-weight: 600; margin-left: 4px; }
.tb-stars { color: #d69e2e; font-size: 22px; letter-spacing: 2px; }
.tb-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-top: 12px; }
.tb-tile { display: flex; flex-direction: column; justify-content: center; align-items: center; gap: 6px; min-height: 96px; background: #fff; border-radius: 14px; box-shadow: 0 1px 3px rgba(0,0,0,.08); text-decoration: none; color: #102a43; font-size: 18px; font-weight: 600; text-align: center; padding: 8px; }
.tb-tile span.tb-icon { display: flex; align-items: center; justify-content: center; width: 44px; height: 44px; border-radius: 22px; background: #e3f0e8; color: #2f6f4f; font-size: 22px; font-weight: 700; }
.tb-note { border-radius: 8px; padding: 6px 10px; margin-top: 8px; font-size: 15px; background: #f1f4f7; color: #334e68; }
.tb-note.warn { background: #fff4e0; color: #6b4100; }
.tb-btn { display: block; width: 100%; min-height: 52px; border: none; border-radius: 12px; background: #2f6f4f; color: #fff; font-size: 19px; font-weight: 600; margin-top: 12px; text-align: center; text-decoration: none; line-height: 52px; padding: 0 12px; box-sizing: border-box; font-family: inherit; }
.tb-btn:disabled { background: #9fb3a8; }
.tb-btn.secondary { background: #fff; color: #2f6f4f; border: 2px solid #2f6f4f; line-height: 48px; }
.tb-btn.danger { background: #fff; color: #a61b1b; border: 2px solid #a61b1b; line-height: 48px; }
.tb-row { display: flex; gap: 10px; }
.tb-row > * { flex: 1; }
.tb-alert { background: #fdecea; color: #8a1c1c; border-radius: 10px; padding: 12px 14px; margin-top: 12px; }
.tb-ok { background: #e3f0e8; color: #1f4d36; border-radius: 10px; padding: 12px 14px; margin-top: 12px; }
.tb-tag { display: inline-block; white-space: nowrap; border-radius: 10px; padding: 2px 10px; font-size: 14px; background: #e3f0e8; color: #2f6f4f; margin-right: 6px; }
.tb-tag.warn { background: #fff4e0; color: #6b4100; }
.tb-tag.grey { background: #f1f1f1; color: #444; }
.tb-tag.bad { background: #fdecea; color: #8a1c1c; }
.tb-field { margin-top: 14px; }
.tb-field label, .tb-field .tb-label { display: block; font-weight: 600; margin-bottom: 6px; }
.tb-field input, .tb-field select, .tb-field textarea { width: 100%; box-sizing: border-box; font-size: 18px; min-height: 50px; border: 1px solid #9fb3c8; border-radius: 10px; padding: 8px 12px; background: #fff; font-family: inherit; color: inherit; }
.tb-field textarea { min-height: 96px; }
.tb-field.bad input, .tb-field.bad select, .tb-field.bad textarea { border: 2px solid #c62828; }
.tb-error { color: #c62828; margin-top: 6px; font-size: 15px; }
.tb-chips { display: flex; flex-wrap: wrap; gap: 8px; }
.tb-chip { min-height: 44px; padding: 0 16px; border-radius: 22px; border: 1px solid #9fb3c8; background: #fff; font-size: 17px; font-family: inherit; color: inherit; }
.tb-chip[aria-pressed="true"] { background: #2f6f4f; border-color: #2f6f4f; color: #fff; }
.tb-line { display: flex; justify-content: space-between; align-items: flex-start; gap: 12px; }
.tb-plus { color: #2f6f4f; font-weight: 700; font-size: 19px; white-space: nowrap; }
.tb-minus { color: #a61b1b; font-weight: 700; font-size: 19px; white-space: nowrap; }
.tb-sheet-back { position: fixed; inset: 0; background: rgba(16,42,67,.45); display: flex; align-items: flex-end; justify-content: center; z-index: 10; }
.tb-sheet { background: #fff; width: 100%; max-width: 640px; border-radius: 16px 16px 0 0; padding: 20px 16px calc(20px + env(safe-area-inset-bottom)); box-sizing: border-box; }
.tb-sheet p { font-size: 18px; line-height: 1.5; margin: 0 0 4px; }
`;

/** The frame of every page: brand or a way back, the language switch, the page's title. */
export function Shell({
  title,
  back,
  children,
}: {
  title?: string;
  back?: boolean;
  children: ReactNode;
}) {
  const { lang, setLang, t } = useLang();
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${title ?? t('app')} · 邻里`;
  }, [lang, title, t]);
  return (
    <div className="tb">
      <style>{CSS}</style>
      <div className="tb-top">
        {back ? (
          <Link to="/t" testId="tb-back">
            {t('back')}
          </Link>
        ) : (
          <a href={`/f/me?lang=${lang}`}>{t('brand')}</a>
        )}
        <button
          type="button"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="tb-lang"
        >
          {t('other_language')}
        </button>
      </div>
      {title && <h1>{title}</h1>}
      {children}
    </div>
  );
}

/** A load from the API: null while loading; a refusal shown by `Problem`. */
export type Loaded<T> = { data: T } | { refused: Refusal } | null;

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data }),
      (e: unknown) =>
        live && setState({ refused: e instanceof Refusal ? e : new Refusal(0, undefined) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return [state, () => setTick((n) => n + 1)];
}

/** What a page shows when its load failed: a way to sign in, or the refusal in words. */
export function Problem({ refused }: { refused: Refusal }) {
  const { lang, t } = useLang();
  if (refused.status === 401 || !localStorage.getItem('linli.jwt'))
    return (
      <div className="tb-card" data-testid="tb-signed-out">
        <p>{t('signed_out')}</p>
        <button type="button" className="tb-btn" onClick={signIn}>
          {t('sign_in')}
        </button>
      </div>
    );
  // The member-only pages answer 404 to a signed-in person who has not joined.
  if (refused.status === 404)
    return (
      <div className="tb-card" data-testid="tb-not-member">
        <p>{t('not_member')}</p>
        <p className="tb-muted">{t('join_first')}</p>
        <Link to="/t" className="tb-btn">
          {t('join.title')}
        </Link>
      </div>
    );
  return (
    <div className="tb-alert" role="alert">
      {refused.text(lang)}
    </div>
  );
}

/** A labelled field with its error under it. */
export function Field({
  label,
  error,
  children,
  name,
}: {
  label: string;
  error?: string;
  children: ReactNode;
  name: string;
}) {
  return (
    <div className={`tb-field${error ? ' bad' : ''}`} data-field={name}>
      <label htmlFor={`tb-${name}`}>{label}</label>
      {children}
      {error && (
        <div className="tb-error" role="alert" data-testid={`error-${name}`}>
          {error}
        </div>
      )}
    </div>
  );
}

/**
 * The confirmation every hours-moving or irreversible click goes through: says what will happen,
 * then does it; a refusal stays on the sheet (or on the field the caller shows it on).
 */
export function ConfirmSheet({
  text,
  action,
  onConfirm,
  onCancel,
  children,
  danger,
  busy,
  error,
}: {
  text: string;
  action: string;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
  danger?: boolean;
  busy?: boolean;
  error?: string;
}) {
  const { t } = useLang();
  return (
    <div className="tb-sheet-back" onClick={busy ? undefined : onCancel}>
      <div
        className="tb-sheet"
        role="dialog"
        aria-modal="true"
        data-testid="tb-confirm"
        onClick={(e) => e.stopPropagation()}
      >
        <p>{text}</p>
        {children}
        {error && (
          <div className="tb-alert" role="alert" data-testid="tb-confirm-error">
            {error}
          </div>
        )}
        <div className="tb-row">
          <button type="button" className="tb-btn secondary" onClick={onCancel} disabled={busy}>
            {t('cancel')}
          </button>
          <button
            type="button"
            className={`tb-btn${danger ? ' danger' : ''}`}
            disabled={busy}
            data-testid="tb-confirm-yes"
            onClick={onConfirm}
          >
            {busy ? t('sending') : action}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * One action behind a confirmation: `ask()` opens the sheet; confirming runs the call, closes
 * on success (then `done`), keeps the sheet open with the refusal otherwise.
 */
export function useConfirmed<A>(run: (arg: A) => Promise<unknown>, done: () => void) {
  const { lang } = useLang();
  const [asked, setAsked] = useState<A | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refusal | null>(null);
  return {
    asked,
    busy,
    error,
    errorText: error ? error.text(lang) : undefined,
    ask: (arg: A) => {
      setError(null);
      setAsked(arg);
    },
    cancel: () => {
      setAsked(null);
      setError(null);
    },
    confirm: async () => {
      if (asked === null) return;
      setBusy(true);
      setError(null);
      try {
        await run(asked);
        setAsked(null);
        done();
      } catch (e) {
        setError(e instanceof Refusal ? e : new Refusal(0, undefined));
      } finally {
        setBusy(false);
      }
    },
  };
}

/**
 * A form's errors, kept as what was found (message keys for the browser's own checks, the
 * server's refusal as it came) and said in the page's language at each render, so switching
 * language re-words them. `known` names the form's fields: a refusal on any other field is said
 * in the banner.
 */
export function useFormErrors(known: readonly string[]) {
  const { lang, t } = useLang();
  const [local, setLocal] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const server = refusal?.fields(lang) ?? {};
  const errors: Record<string, string> = { ...server };
  for (const [field, key] of Object.entries(local)) errors[field] = t(key);
  const elsewhere = Object.entries(server).filter(([k]) => !known.includes(k.split('.')[0] ?? ''));
  const message = Object.keys(local).length
    ? t('fix')
    : refusal
      ? Object.keys(server).length === 0
        ? refusal.text(lang)
        : elsewhere.length
          ? elsewhere.map(([, m]) => m).join(lang === 'zh' ? '；' : '; ')
          : t('fix')
      : '';
  return {
    errors,
    message,
    /** The browser's own findings (field → message key); true when there are none. */
    check(found: Record<string, string>): boolean {
      setRefusal(null);
      setLocal(found);
      return Object.keys(found).length === 0;
    },
    refused(e: unknown) {
      setLocal({});
      setRefusal(e instanceof Refusal ? e : new Refusal(0, undefined));
      requestAnimationFrame(() =>
        document.querySelector('.tb-field.bad, .tb-alert')?.scrollIntoView({ block: 'center' }),
      );
    },
    clear() {
      setLocal({});
      setRefusal(null);
    },
  };
}
