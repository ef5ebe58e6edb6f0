import { useState } from 'react';
import type { ActivityView } from '../../../../plugins/time-bank/server/src/shared/contracts/time-bank';
import { Refusal, tb } from './api';
import { when } from './messages';
import { ConfirmSheet, Problem, Shell, useLang, useLoad } from './ui';

/**
 * 社区活动: activities open near me, soonest first, each with its time (China time), place,
 * sign-ups against places, and either 我要报名 (through a confirmation) or where I stand
 * (已报名 / 已签到 / 已签退 / 已记入). A refusal (活动名额已满…) stays on the activity's card.
 */
export function Activities() {
  const { lang, t } = useLang();
  const [list, reload] = useLoad(() => tb<ActivityView[]>('/me/activities'), []);
  const [asked, setAsked] = useState<ActivityView | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState<Record<string, Refusal>>({});
  const [done, setDone] = useState<string | null>(null);
  const activities = list && 'data' in list && Array.isArray(list.data) ? list.data : [];
  const category = (a: ActivityView) =>
    a.category ? (lang === 'en' ? a.category.nameEn || a.category.nameZh : a.category.nameZh) : '';
  const signUp = async () => {
    if (!asked) return;
    const id = asked.documentId;
    setBusy(true);
    setRefusals((now) => {
      const rest = { ...now };
      delete rest[id];
      return rest;
    });
    try {
      await tb(`/activities/${id}/signup`, {});
      setDone(id);
      reload();
    } catch (e) {
      setRefusals((now) => ({
        ...now,
        [id]: e instanceof Refusal ? e : new Refusal(0, undefined),
      }));
    } finally {
      setBusy(false);
      setAsked(null);
    }
  };
  return (
    <Shell title={t('activities.title')} back>
      {list === null && <p className="tb-muted">{t('loading')}</p>}
      {list && 'refused' in list && <Problem refused={list.refused} />}
      {list && 'data' in list && activities.length === 0 && (
        <div className="tb-card tb-muted">{t('activities.empty')}</div>
      )}
      {activities.map((a) => {
        const full = a.capacity != null && a.signedUp >= a.capacity;
        const refused = refusals[a.documentId];
        return (
          <div className="tb-card" key={a.documentId} data-testid="tb-activity">
            {category(a) && <span className="tb-tag grey">{category(a)}</span>}
            <h2 style={{ marginTop: 8 }}>{a.title}</h2>
            {a.description && <p style={{ margin: '0 0 6px' }}>{a.description}</p>}
            <div className="tb-muted">
              {t('activities.when', { from: when(a.startsAt, lang), to: when(a.endsAt, lang) })}
            </div>
            {(a.place || a.community) && (
              <div className="tb-muted">
                {t('activities.place', {
                  place: [a.place, a.community].filter(Boolean).join(' · '),
                })}
              </div>
            )}
            <div className="tb-muted" data-testid="tb-activity-count">
              {a.capacity != null
                ? t('activities.signed_up', { n: a.signedUp, cap: a.capacity })
                : t('activities.signed_up_open', { n: a.signedUp })}
            </div>
            {done === a.documentId && a.myStatus && (
              <div className="tb-ok" role="status">
                {t('activities.done')}
              </div>
            )}
            {refused && (
              <div className="tb-alert" role="alert" data-testid="tb-activity-error">
                {refused.text(lang)}
              </div>
            )}
            {a.myStatus ? (
              <div style={{ marginTop: 12 }}>
                <span className="tb-tag" data-testid="tb-activity-mine">
                  {t(`activities.mine.${a.myStatus}`)}
                </span>
              </div>
            ) : (
              <button
                type="button"
                className="tb-btn"
                disabled={full}
                onClick={() => setAsked(a)}
                data-testid="tb-activity-signup"
              >
                {full ? t('activities.full') : t('activities.signup')}
              </button>
            )}
          </div>
        );
      })}
      {asked && (
        <ConfirmSheet
          text={t('activities.confirm', {
            title: asked.title,
            from: when(asked.startsAt, lang),
            to: when(asked.endsAt, lang),
          })}
          action={t('activities.signup')}
          onConfirm={() => void signUp()}
          onCancel={() => setAsked(null)}
          busy={busy}
        />
      )}
    </Shell>
  );
}
