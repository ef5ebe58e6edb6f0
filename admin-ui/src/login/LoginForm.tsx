import { useState, type FormEvent } from 'react';

/**
 * The console's sign-in form, with no react-admin and no MUI: it is the whole of the login page,
 * which loads React and this file only (about a tenth of the console). The console itself is
 * fetched while the sign-in request is under way. Shown before the console has loaded (main.tsx)
 * and, with the same look, as react-admin's login page after a sign-out or an expired session
 * (App.tsx), so a person sees one sign-in page whichever way they reach it.
 */
export type LoginLang = 'zh' | 'en';

/** A refused sign-in, with what the server said in both languages where it said both. */
export class SignInRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly messageZh?: string,
  ) {
    super(message);
  }
}

const WORDS = {
  zh: {
    title: '邻里 · 社区治理工作台',
    username: '用户名',
    password: '密码',
    submit: '登录',
    sending: '正在登录…',
    wrong: '用户名或密码不正确',
    failed: '无法连接服务器，请稍后重试',
    other: '登录失败，请重试',
    tooMany: '登录尝试过于频繁，请稍后再试',
    language: 'English',
  },
  en: {
    title: 'Linli · community governance console',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    sending: 'Signing in…',
    wrong: 'Wrong username or password',
    failed: 'Cannot reach the server; please try again',
    other: 'Sign-in failed; please try again',
    tooMany: 'Too many sign-in attempts; please try again later',
    language: '中文',
  },
} as const;

/** The language react-admin keeps (RaStore.locale, a JSON string), or the public pages' choice. */
export function storedLoginLang(): LoginLang {
  const kept = localStorage.getItem('RaStore.locale') ?? localStorage.getItem('linli.locale') ?? '';
  return kept.replace(/"/g, '').startsWith('en') ? 'en' : 'zh';
}

/** Keeps the choice where react-admin and the public pages look for it. */
export function storeLoginLang(lang: LoginLang): void {
  localStorage.setItem('RaStore.locale', JSON.stringify(lang === 'en' ? 'en' : 'zh-CN'));
  localStorage.setItem('linli.locale', lang);
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
}

const CSS = `
body { margin: 0; }
.lg-page { min-height: 100vh; display: flex; align-items: center; justify-content: center;
  background: linear-gradient(135deg, #1f4e79 0%, #2f6f4f 100%); font-family: system-ui,
  -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 0; }
.lg-card { background: #fff; border-radius: 8px; box-shadow: 0 4px 24px rgba(0,0,0,.25);
  width: min(360px, calc(100vw - 32px)); padding: 28px 24px 24px; box-sizing: border-box; }
.lg-top { display: flex; justify-content: space-between; align-items: center; gap: 12px;
  margin-bottom: 20px; }
.lg-title { font-size: 18px; font-weight: 600; color: #1f2d3d; margin: 0; }
.lg-lang { background: none; border: 1px solid #c4c4c4; border-radius: 4px; padding: 4px 10px;
  font-size: 13px; color: #1f4e79; cursor: pointer; white-space: nowrap; flex-shrink: 0; }
.lg-field { margin-bottom: 16px; }
.lg-field label { display: block; font-size: 14px; color: #555; margin-bottom: 6px; }
.lg-field input { width: 100%; box-sizing: border-box; font-size: 16px; padding: 10px 12px;
  border: 1px solid #c4c4c4; border-radius: 4px; }
.lg-field input:focus { outline: 2px solid #1976d2; border-color: #1976d2; }
.lg-submit { width: 100%; font-size: 16px; padding: 10px; border: 0; border-radius: 4px;
  background: #1976d2; color: #fff; cursor: pointer; margin-top: 4px; }
.lg-submit:disabled { background: #90b4dc; cursor: wait; }
.lg-alert { background: #fdecea; color: #8a1c1c; border-radius: 4px; padding: 10px 12px;
  margin-bottom: 16px; font-size: 14px; }
`;

export function LoginForm({
  onSignIn,
  lang,
  onLang,
}: {
  /** Resolves once signed in; rejects with a SignInRefusal (or a network error) otherwise. */
  onSignIn: (username: string, password: string) => Promise<unknown>;
  lang: LoginLang;
  onLang: (lang: LoginLang) => void;
}) {
  const words = WORDS[lang];
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(username.trim(), password);
    } catch (refused) {
      setError(refused ?? new Error());
      setBusy(false);
    }
  };

  const message = (): string => {
    if (!(error instanceof SignInRefusal)) return words.failed;
    // users-permissions answers a wrong password, an unknown user or a blocked one with 400.
    if (error.status === 400 || error.status === 401) return words.wrong;
    // A locked account says for how long, in both languages; users-permissions' own per-address
    // limit answers in English only, so the page says it in its own words.
    if (error.status === 429)
      return (lang === 'zh' ? error.messageZh : error.messageZh && error.message) || words.tooMany;
    if (error.status === 403)
      return (lang === 'zh' && error.messageZh) || error.message || words.other;
    return words.other;
  };

  return (
    <div className="lg-page">
      <style>{CSS}</style>
      <form className="lg-card" onSubmit={(e) => void submit(e)} data-testid="login">
        <div className="lg-top">
          <h1 className="lg-title">{words.title}</h1>
          <button
            type="button"
            className="lg-lang"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            onClick={() => onLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {words.language}
          </button>
        </div>
        {error !== null && (
          <div className="lg-alert" role="alert" data-testid="login-error">
            {message()}
          </div>
        )}
        <div className="lg-field">
          <label htmlFor="lg-username">{words.username}</label>
          <input
            id="lg-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="lg-field">
          <label htmlFor="lg-password">{words.password}</label>
          <input
            id="lg-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="lg-submit" disabled={busy}>
          {busy ? words.sending : words.submit}
        </button>
      </form>
    </div>
  );
}
