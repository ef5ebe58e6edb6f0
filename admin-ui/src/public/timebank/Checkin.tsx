import { useState } from 'react';
import type { CheckinResult } from '../../../../plugins/time-bank/server/src/shared/contracts/time-bank';
import { Refusal, signIn, tb, TOKEN } from './api';
import { hoursOf, when } from './messages';
import { Field, Link, Shell, useLang } from './ui';

/**
 * 扫码签到, /t/checkin?code=…: the QR code at an activity's venue opens this page; one tap checks
 * the signed-in member in, a second (on leaving) checks them out. The code is not sent on
 * opening the page, so reloading it never checks anyone out by accident.
 */
export function Checkin() {
  const { lang, t } = useLang();
  const [code, setCode] = useState(new URLSearchParams(location.search).get('code') ?? '');
  const [answer, setAnswer] = useState<CheckinResult | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const signedIn = !!localStorage.getItem(TOKEN);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      // The time shown is the server's (the one the hours are counted from), not the phone's.
      setAnswer(await tb<CheckinResult>('/checkin', { code: code.trim() }));
    } catch (e) {
      setAnswer(null);
      setError(e instanceof Refusal ? e : new Refusal(0, undefined));
    } finally {
      setBusy(false);
    }
  };
  const title = answer?.activity ?? '';
  const out = answer?.status === 'checked_out';
  const codeError = error?.fields(lang).code;
  return (
    <Shell title={t('checkin.title')} back>
      {!signedIn ? (
        <div className="tb-card" data-testid="tb-signed-out">
          <p>{t('signed_out')}</p>
          <button type="button" className="tb-btn" onClick={signIn}>
            {t('sign_in')}
          </button>
        </div>
      ) : (
        <div className="tb-card">
          {answer && (
            <div className="tb-ok" role="status" data-testid="tb-checkin-result">
              <div style={{ fontSize: 20, fontWeight: 600 }}>
                {out ? t('checkin.checked_out', { title }) : t('checkin.checked_in', { title })}
              </div>
              <div data-testid="tb-checkin-at">
                {t('checkin.at', { at: when(answer.at, lang) })}
              </div>
              {out && answer.minutes != null && (
                <div>{t('checkin.minutes', { h: hoursOf(answer.minutes) })}</div>
              )}
              {!out && <div>{t('checkin.again')}</div>}
            </div>
          )}
          {!code && !answer && <p className="tb-muted">{t('checkin.no_code')}</p>}
          <Field label={t('checkin.code')} error={codeError} name="code">
            <input
              id="tb-code"
              value={code}
              autoComplete="off"
              onChange={(e) => setCode(e.target.value)}
            />
          </Field>
          {error && !codeError && (
            <div className="tb-alert" role="alert">
              {error.status === 404 ? t('not_member') : error.text(lang)}
              {error.status === 404 && (
                <>
                  {' '}
                  <Link to="/t">{t('join.title')} ›</Link>
                </>
              )}
            </div>
          )}
          <button
            type="button"
            className="tb-btn"
            disabled={busy || !code.trim()}
            onClick={() => void send()}
            data-testid="tb-checkin"
          >
            {busy ? t('sending') : t('checkin.submit')}
          </button>
        </div>
      )}
    </Shell>
  );
}
