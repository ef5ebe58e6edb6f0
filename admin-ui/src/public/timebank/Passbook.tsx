import { useEffect, useState } from 'react';
import type { PassbookPage } from '../../../../plugins/time-bank/server/src/shared/contracts/time-bank';
import { Refusal, tb } from './api';
import { hoursOf, when } from './messages';
import { Problem, Shell, useLang } from './ui';

/** 存折: newest first, each line what it was, in or out, and the balance after it; keyset pages. */
export function Passbook() {
  const { lang, t } = useLang();
  const [pages, setPages] = useState<PassbookPage[]>([]);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const more = async (before: string | null) => {
    setBusy(true);
    try {
      const page = await tb<PassbookPage>(
        `/me/passbook${before ? `?before=${encodeURIComponent(before)}` : ''}`,
      );
      setPages((now) => (before ? [...now, page] : [page]));
    } catch (e) {
      setRefused(e instanceof Refusal ? e : new Refusal(0, undefined));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void more(null);
  }, []);
  const first = pages[0];
  const lines = pages.flatMap((p) => p.lines);
  const next = pages[pages.length - 1]?.next ?? null;
  return (
    <Shell title={t('passbook.title')} back>
      {refused && <Problem refused={refused} />}
      {!first && !refused && <p className="tb-muted">{t('loading')}</p>}
      {first && (
        <>
          <div className="tb-card">
            <div className="tb-muted">
              {first.member.name} · {t('home.passbook_no', { no: first.member.passbookNo })}
            </div>
            <div className="tb-balance" data-testid="tb-passbook-balance">
              {hoursOf(first.balance.available)}
              <small>{t('hours', { h: '' }).trim()}</small>
            </div>
          </div>
          <div className="tb-card">
            {lines.length === 0 ? (
              <p className="tb-muted">{t('passbook.empty')}</p>
            ) : (
              <ul data-testid="tb-passbook">
                {lines.map((line) => (
                  <li key={line.transferId} className="tb-item">
                    <div className="tb-line">
                      <div>
                        <div>{lang === 'en' ? line.description.en : line.description.zh}</div>
                        <div className="tb-muted tb-small">
                          {when(line.at, lang)}
                          {line.counterparty ? ` · ${line.counterparty}` : ''}
                        </div>
                      </div>
                      <div style={{ textAlign: 'right', whiteSpace: 'nowrap', flexShrink: 0 }}>
                        <div className={line.minutes >= 0 ? 'tb-plus' : 'tb-minus'}>
                          {line.minutes >= 0 ? t('passbook.deposit') : t('passbook.withdrawal')}{' '}
                          {line.minutes >= 0 ? '+' : '−'}
                          {hoursOf(Math.abs(line.minutes))}
                        </div>
                        <div className="tb-muted tb-small">
                          {t('passbook.balance_after', { h: hoursOf(line.balanceAfter) })}
                        </div>
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {next ? (
              <button
                type="button"
                className="tb-btn secondary"
                disabled={busy}
                onClick={() => void more(next)}
              >
                {busy ? t('loading') : t('more')}
              </button>
            ) : (
              lines.length > 0 && <p className="tb-muted tb-small">{t('passbook.end')}</p>
            )}
          </div>
        </>
      )}
    </Shell>
  );
}
