import { useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { signInWithPassword } from './cases/api';
import { Refusal } from './timebank/api';
import type { Lang } from './timebank/messages';

/**
 * The console's own sign-in (POST /api/auth/local) on a phone page, without leaving it: the
 * grid worker's /g and the residents' /c. The page's shell and words are the caller's (its `t`
 * knows sign_in.username, .password, .submit, .wrong, sending and failed); `prefix` names the
 * inputs (`${prefix}-username`) and `testId` the form (`${testId}-submit`, `${testId}-error`).
 */
export function PhoneSignIn({
  onIn,
  shell,
  t,
  prefix,
  testId,
  lang,
}: {
  onIn: () => void;
  lang: Lang;
  shell: (children: ReactNode) => ReactElement;
  t: (key: string) => string;
  prefix: string;
  testId: string;
}) {
  const words = {
    username: t('sign_in.username'),
    password: t('sign_in.password'),
    submit: t('sign_in.submit'),
    sending: t('sending'),
    wrong: t('sign_in.wrong'),
    failed: t('failed'),
  };
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signInWithPassword(username.trim(), password);
      onIn();
    } catch (err) {
      setError(err instanceof Refusal ? err : new Refusal(0, undefined));
    } finally {
      setBusy(false);
    }
  };
  return shell(
    <form className="tb-card" onSubmit={(e) => void submit(e)} data-testid={testId}>
      {error && (
        <div className="tb-alert" role="alert" data-testid={`${testId}-error`}>
          {error.status === 400 || error.status === 401
            ? words.wrong
            : error.status
              ? error.text(lang)
              : words.failed}
        </div>
      )}
      <div className="tb-field">
        <label htmlFor={`${prefix}-username`}>{words.username}</label>
        <input
          id={`${prefix}-username`}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
      </div>
      <div className="tb-field">
        <label htmlFor={`${prefix}-password`}>{words.password}</label>
        <input
          id={`${prefix}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </div>
      <p>
        <button type="submit" className="tb-btn" disabled={busy} data-testid={`${testId}-submit`}>
          {busy ? words.sending : words.submit}
        </button>
      </p>
    </form>,
  );
}
