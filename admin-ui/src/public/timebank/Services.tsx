import { useState } from 'react';
import { checkInPeriod } from '../../../../plugins/time-bank/server/src/domain/services';
import type {
  RequestView,
  ServiceView,
} from '../../../../plugins/time-bank/server/src/shared/contracts/time-bank';
import { tb } from './api';
import { hoursOf, when } from './messages';
import { listOf } from './Nearby';
import { ConfirmSheet, Field, Problem, Shell, useConfirmed, useLang, useLoad } from './ui';

type Act = 'check-in' | 'check-out' | 'confirm' | 'dispute' | 'cancel';

/** The minutes the person served is asked to confirm: counted (rates, rounding) or as clocked. */
const shownMinutes = (s: ServiceView) => s.countedMinutes ?? s.rawMinutes ?? 0;

/**
 * The volunteer's check-in: open from an hour before the request's window to its end, as the
 * server enforces; before, the button waits and says when it opens; after, staff record the time.
 */
function CheckIn({
  s,
  onCheckIn,
}: {
  s: ServiceView;
  onCheckIn: (s: ServiceView, action: 'check-in') => void;
}) {
  const { lang, t } = useLang();
  const { opens, closes } = checkInPeriod(s.request ?? { windowStart: null, windowEnd: null });
  const now = Date.now();
  if (closes !== null && now > closes)
    return (
      <p className="tb-muted" data-testid="tb-check-in-closed">
        {t('services.check_in_closed')}
      </p>
    );
  const early = opens !== null && now < opens;
  return (
    <>
      {early && (
        <p className="tb-muted" data-testid="tb-check-in-opens">
          {t('services.check_in_opens', { at: when(new Date(opens).toISOString(), lang) })}
        </p>
      )}
      <button
        type="button"
        className="tb-btn"
        disabled={early}
        onClick={() => onCheckIn(s, 'check-in')}
        data-testid="tb-check-in"
      >
        {t('services.check_in')}
      </button>
    </>
  );
}

/**
 * 我的服务: the requests and offers I posted that are still live (cancelled with a reason), the
 * services I give (check in on arrival, check out on leaving) and the ones given to
 * me (confirm the minutes shown, which pays the volunteer, or dispute them with a reason); either
 * side may cancel before the work starts. Every click says first what it will do.
 */
export function Services() {
  const { lang, t } = useLang();
  const [list, reload] = useLoad(() => tb<unknown>('/me/services'), []);
  const [reason, setReason] = useState('');
  const act = useConfirmed(
    ({ s, action }: { s: ServiceView; action: Act }) =>
      tb(
        `/services/${s.documentId}/${action}`,
        action === 'dispute' || action === 'cancel' ? { reason } : {},
      ),
    reload,
  );
  const services = list && 'data' in list ? listOf<ServiceView>(list.data, 'services') : [];
  // What still needs someone's click comes first, in full; what is over, in a short list.
  const active = services.filter((s) => s.state !== 'confirmed' && s.state !== 'cancelled');
  const finished = services.filter((s) => s.state === 'confirmed' || s.state === 'cancelled');
  const [shown, setShown] = useState(10);
  const ask = (s: ServiceView, action: Act) => {
    setReason('');
    act.ask({ s, action });
  };
  const needsReason = act.asked?.action === 'dispute' || act.asked?.action === 'cancel';
  const reasonError = act.error?.fields(lang).reason;
  const sheetText = () => {
    if (!act.asked) return '';
    const { s, action } = act.asked;
    switch (action) {
      case 'check-in':
        return t('services.confirm_check_in');
      case 'check-out':
        return t('services.confirm_check_out');
      case 'confirm':
        return t('services.confirm_confirm', {
          name: s.volunteer?.name ?? '',
          h: hoursOf(shownMinutes(s)),
        });
      case 'dispute':
        return t('services.dispute_prompt');
      default:
        return t('services.cancel_prompt');
    }
  };
  const actionLabel: Record<Act, string> = {
    'check-in': t('services.check_in'),
    'check-out': t('services.check_out'),
    confirm: t('services.confirm'),
    dispute: t('services.dispute'),
    cancel: t('services.cancel'),
  };
  return (
    <Shell title={t('services.title')} back>
      {list === null && <p className="tb-muted">{t('loading')}</p>}
      {list && 'refused' in list && <Problem refused={list.refused} />}
      <MyRequests onCancelled={reload} />
      {list && 'data' in list && services.length === 0 && (
        <div className="tb-card tb-muted">{t('services.empty')}</div>
      )}
      {active.map((s) => {
        const asVolunteer = s.mine?.asVolunteer ?? false;
        const asRecipient = s.mine?.asRecipient ?? false;
        const open = s.state === 'accepted';
        return (
          <div className="tb-card" key={s.documentId} data-testid="tb-service" data-state={s.state}>
            <div>
              <span className={`tb-tag${stateTone(s.state)}`}>{t(`state.${s.state}`)}</span>
              <span className="tb-tag grey">
                {asVolunteer ? t('services.as_volunteer') : t('services.as_recipient')}
              </span>
            </div>
            <h2 style={{ marginTop: 8 }}>{s.request?.title ?? s.number}</h2>
            {s.request && (
              <div className="tb-muted">
                {t('nearby.when', {
                  from: when(s.request.windowStart, lang),
                  to: when(s.request.windowEnd, lang),
                })}
              </div>
            )}
            <div className="tb-muted">
              {asVolunteer
                ? t('services.recipient', { name: s.recipient?.name ?? '' })
                : t('services.volunteer', { name: s.volunteer?.name ?? '' })}
            </div>
            {s.checkedInAt && (
              <div className="tb-muted">
                {t('services.checked_in_at', { at: when(s.checkedInAt, lang) })}
                {s.checkedOutAt &&
                  ` · ${t('services.checked_out_at', { at: when(s.checkedOutAt, lang) })}`}
              </div>
            )}
            {(s.state === 'checked_out' || s.state === 'disputed') && (
              <div data-testid="tb-duration">
                {t('services.duration', { h: hoursOf(shownMinutes(s)) })}
              </div>
            )}
            {s.disputeReason && (
              <div className="tb-muted">
                {t('services.dispute_reason', { reason: s.disputeReason })}
              </div>
            )}
            {asVolunteer && s.state === 'accepted' && <CheckIn s={s} onCheckIn={ask} />}
            {asVolunteer && s.state === 'checked_in' && (
              <button
                type="button"
                className="tb-btn"
                onClick={() => ask(s, 'check-out')}
                data-testid="tb-check-out"
              >
                {t('services.check_out')}
              </button>
            )}
            {asRecipient && s.state === 'checked_out' && (
              <div className="tb-row">
                <button
                  type="button"
                  className="tb-btn secondary"
                  onClick={() => ask(s, 'dispute')}
                  data-testid="tb-dispute"
                >
                  {t('services.dispute')}
                </button>
                <button
                  type="button"
                  className="tb-btn"
                  onClick={() => ask(s, 'confirm')}
                  data-testid="tb-confirm-service"
                >
                  {t('services.confirm')}
                </button>
              </div>
            )}
            {open && (
              <button
                type="button"
                className="tb-btn danger"
                onClick={() => ask(s, 'cancel')}
                data-testid="tb-cancel-service"
              >
                {t('services.cancel')}
              </button>
            )}
          </div>
        );
      })}
      {finished.length > 0 && (
        <div className="tb-card" data-testid="tb-finished">
          <h2>{t('services.finished')}</h2>
          <ul>
            {finished.slice(0, shown).map((s) => (
              <li
                key={s.documentId}
                className="tb-item"
                data-testid="tb-service"
                data-state={s.state}
              >
                <div className="tb-line">
                  <div>
                    <div>{s.request?.title ?? s.number}</div>
                    <div className="tb-muted tb-small">
                      {s.mine?.asVolunteer
                        ? t('services.recipient', { name: s.recipient?.name ?? '' })
                        : t('services.volunteer', { name: s.volunteer?.name ?? '' })}
                      {' · '}
                      {when(s.confirmedAt ?? s.checkedOutAt ?? s.acceptedAt, lang)}
                    </div>
                  </div>
                  {s.state === 'confirmed' && s.mine?.asVolunteer ? (
                    <span className="tb-plus" data-testid="tb-credited">
                      +{t('hours', { h: hoursOf(s.creditedMinutes ?? shownMinutes(s)) })}
                    </span>
                  ) : s.state === 'confirmed' && s.paidByPool ? (
                    // Elder care a community pool pays: the person served paid nothing.
                    <span
                      className="tb-muted tb-small"
                      style={{ whiteSpace: 'nowrap' }}
                      data-testid="tb-credited"
                    >
                      {t('services.paid_by_pool')}
                    </span>
                  ) : s.state === 'confirmed' ? (
                    <span className="tb-minus" data-testid="tb-credited">
                      −{t('hours', { h: hoursOf(s.creditedMinutes ?? shownMinutes(s)) })}
                    </span>
                  ) : (
                    <span className="tb-tag grey">{t('state.cancelled')}</span>
                  )}
                </div>
              </li>
            ))}
          </ul>
          {finished.length > shown && (
            <button
              type="button"
              className="tb-btn secondary"
              onClick={() => setShown((n) => n + 20)}
            >
              {t('more')}
            </button>
          )}
        </div>
      )}
      {act.asked && (
        <ConfirmSheet
          text={sheetText()}
          action={actionLabel[act.asked.action]}
          danger={act.asked.action === 'cancel'}
          onConfirm={() => void act.confirm()}
          onCancel={act.cancel}
          busy={act.busy}
          error={reasonError ? undefined : act.errorText}
        >
          {needsReason && (
            <Field label={t('services.reason')} error={reasonError} name="reason">
              <textarea
                id="tb-reason"
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
              />
            </Field>
          )}
        </ConfirmSheet>
      )}
    </Shell>
  );
}

/**
 * 我发布的需求: my requests (and offers) still open or taken, each with 取消, which asks for the
 * reason on its field; volunteers who took it are told by the server (their service cancelled).
 */
function MyRequests({ onCancelled }: { onCancelled: () => void }) {
  const { lang, t } = useLang();
  const [list, reload] = useLoad(() => tb<RequestView[]>('/me/requests'), []);
  const [reason, setReason] = useState('');
  const act = useConfirmed(
    (r: RequestView) => tb(`/requests/${r.documentId}/cancel`, { reason }),
    () => {
      reload();
      onCancelled();
    },
  );
  const requests = list && 'data' in list ? listOf<RequestView>(list.data, 'requests') : [];
  const reasonError = act.error?.fields(lang).reason;
  if (requests.length === 0 && !act.asked) return null;
  return (
    <div className="tb-card" data-testid="tb-my-requests">
      <h2>{t('services.my_requests')}</h2>
      <ul>
        {requests.map((r) => (
          <li key={r.documentId} className="tb-item" data-testid="tb-my-request">
            <div>
              <span className={`tb-tag${r.status === 'full' ? '' : ' warn'}`}>
                {t(`services.request_${r.status === 'full' ? 'full' : 'open'}`)}
              </span>
              {r.side === 'offer' && <span className="tb-tag grey">{t('services.offer')}</span>}
            </div>
            <div style={{ fontWeight: 600, marginTop: 6 }}>{r.title}</div>
            <div className="tb-muted">
              {t('nearby.when', { from: when(r.windowStart, lang), to: when(r.windowEnd, lang) })}
            </div>
            <div className="tb-muted">
              {t('nearby.people', { n: r.volunteersNeeded, taken: r.taken })}
            </div>
            <button
              type="button"
              className="tb-btn danger"
              onClick={() => {
                setReason('');
                act.ask(r);
              }}
              data-testid="tb-cancel-request"
            >
              {t('services.cancel_request')}
            </button>
          </li>
        ))}
      </ul>
      {act.asked && (
        <ConfirmSheet
          text={t(
            act.asked.taken > 0
              ? 'services.cancel_request_taken'
              : 'services.cancel_request_prompt',
            {
              title: act.asked.title,
            },
          )}
          action={t('services.cancel_request')}
          danger
          onConfirm={() => void act.confirm()}
          onCancel={act.cancel}
          busy={act.busy}
          error={reasonError ? undefined : act.errorText}
        >
          <Field label={t('services.reason')} error={reasonError} name="reason">
            <textarea
              id="tb-reason"
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
          </Field>
        </ConfirmSheet>
      )}
    </div>
  );
}

function stateTone(state: ServiceView['state']): string {
  if (state === 'checked_out') return ' warn';
  if (state === 'disputed') return ' bad';
  if (state === 'cancelled') return ' grey';
  return '';
}
