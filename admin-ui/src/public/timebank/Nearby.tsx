import { useState } from 'react';
import type { RequestView } from '../../../../plugins/time-bank/server/src/shared/contracts/time-bank';
import { tb } from './api';
import { hoursOf, when } from './messages';
import { ConfirmSheet, Link, Problem, Shell, useConfirmed, useLang, useLoad } from './ui';

/** The answer may be the list itself or `{ requests }`; either way, the list. */
export const listOf = <T,>(data: unknown, key: string): T[] =>
  Array.isArray(data)
    ? (data as T[])
    : Array.isArray((data as Record<string, unknown> | null)?.[key])
      ? ((data as Record<string, unknown>)[key] as T[])
      : [];

/**
 * 身边的需求: open requests, nearest first (the server puts the viewer's micro-grid first), each
 * with its nearness, window, estimate and places left; taking one goes through a confirmation
 * that says where and when, and a refusal (full, window past) stays on it in words.
 */
export function Nearby() {
  const { lang, t } = useLang();
  const [list, reload] = useLoad(() => tb<unknown>('/me/nearby'), []);
  const [taken, setTaken] = useState<string | null>(null);
  const take = useConfirmed(
    (r: RequestView) => tb(`/requests/${r.documentId}/accept`, {}),
    () => {
      setTaken(take.asked?.documentId ?? null);
      reload();
    },
  );
  const requests = list && 'data' in list ? listOf<RequestView>(list.data, 'requests') : [];
  const category = (r: RequestView) =>
    r.category ? (lang === 'en' ? r.category.nameEn || r.category.nameZh : r.category.nameZh) : '';
  return (
    <Shell title={t('nearby.title')} back>
      {list === null && <p className="tb-muted">{t('loading')}</p>}
      {list && 'refused' in list && <Problem refused={list.refused} />}
      {taken && (
        <div className="tb-ok" role="status" data-testid="tb-taken">
          {t('nearby.taken')} <Link to="/t/services">{t('home.services')} ›</Link>
        </div>
      )}
      {list && 'data' in list && requests.length === 0 && (
        <div className="tb-card tb-muted">{t('nearby.empty')}</div>
      )}
      {requests.map((r) => (
        <div className="tb-card" key={r.documentId} data-testid="tb-request">
          <div>
            {r.nearness && (
              <span className={`tb-tag${r.nearness === 'micro-grid' ? '' : ' grey'}`}>
                {t(`nearness.${r.nearness}`)}
              </span>
            )}
            {category(r) && <span className="tb-tag grey">{category(r)}</span>}
          </div>
          <h2 style={{ marginTop: 8 }}>{r.title}</h2>
          {r.description && <p style={{ margin: '0 0 6px' }}>{r.description}</p>}
          <div className="tb-muted">
            {t('nearby.when', { from: when(r.windowStart, lang), to: when(r.windowEnd, lang) })}
          </div>
          {r.address && (
            <div className="tb-muted">{t('nearby.address', { address: r.address })}</div>
          )}
          <div className="tb-muted">
            {t('nearby.estimate', { h: hoursOf(r.estimatedMinutes) })} ·{' '}
            {t('nearby.people', { n: r.volunteersNeeded, taken: r.taken })}
          </div>
          {r.member && <div className="tb-muted">{t('nearby.by', { name: r.member.name })}</div>}
          <button
            type="button"
            className="tb-btn"
            disabled={r.status !== 'open'}
            onClick={() => take.ask(r)}
            data-testid="tb-take"
          >
            {r.status === 'open' ? t('nearby.take') : t('nearby.full')}
          </button>
        </div>
      ))}
      {take.asked && (
        <ConfirmSheet
          text={t('nearby.confirm_take', {
            title: take.asked.title,
            from: when(take.asked.windowStart, lang),
            to: when(take.asked.windowEnd, lang),
          })}
          action={t('nearby.take')}
          onConfirm={() => void take.confirm()}
          onCancel={take.cancel}
          busy={take.busy}
          error={take.errorText}
        />
      )}
    </Shell>
  );
}
