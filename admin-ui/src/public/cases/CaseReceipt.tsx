import { useState } from 'react';
import type { ReceiptView } from '../../../../plugins/cases/server/src/shared/contracts/cases';
import { Refusal } from '../timebank/api';
import { cases } from './api';
import { chinaTime, ct, loc, type Lang } from './messages';

/** The status colours by kind, and the rating's big buttons (the receipt page's pp-/lf- look). */
export const CASE_RECEIPT_CSS = `
.cr-status { display: inline-block; border-radius: 12px; padding: 4px 12px; font-weight: 600; }
.cr-status.open { background: #e3ecfa; color: #1d4f91; }
.cr-status.waiting { background: #fff4e0; color: #6b4100; }
.cr-status.resolved { background: #e3f0e8; color: #1f4d36; }
.cr-status.closed { background: #f1f1f1; color: #333; }
.cr-section { margin-top: 20px; }
.cr-section h2 { font-size: 18px; margin: 0 0 8px; }
.cr-reply { border-left: 4px solid #2f6f4f; background: #f4f9f6; padding: 8px 12px; white-space: pre-wrap; }
.cr-muted { color: #627d98; font-size: 14px; }
.cr-steps { list-style: none; padding: 0; margin: 0; border-left: 2px solid #cbd2d9; }
.cr-steps li { position: relative; padding: 0 0 14px 14px; }
.cr-steps li::before { content: ''; position: absolute; left: -6px; top: 5px; width: 10px; height: 10px; border-radius: 50%; background: #2f6f4f; }
.cr-steps time { color: #627d98; font-size: 13px; display: block; }
.cr-steps p { margin: 4px 0 0; white-space: pre-wrap; }
.cr-rates { display: flex; flex-direction: column; gap: 8px; }
.cr-rate { display: flex; align-items: center; gap: 12px; min-height: 48px; padding: 0 14px; border: 1px solid #9fb3c8; border-radius: 10px; background: #fff; font-size: 17px; font-family: inherit; color: inherit; text-align: left; }
.cr-rate b { color: #d69e2e; min-width: 6em; letter-spacing: 1px; }
.cr-rate[aria-checked="true"] { border: 2px solid #2f6f4f; background: #e3f0e8; }
.cr-ok { background: #e3f0e8; color: #1f4d36; border-radius: 8px; padding: 10px 12px; margin: 12px 0; }
.cr-secondary { display: block; width: 100%; min-height: 48px; margin-top: 16px; border-radius: 10px; border: 1px solid #b42318; background: #fff; color: #b42318; font-size: 17px; font-family: inherit; }
.cr-dialog { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: flex-end; justify-content: center; z-index: 10; }
.cr-dialog > div { background: #fff; width: 100%; max-width: 640px; border-radius: 14px 14px 0 0; padding: 20px 16px calc(20px + env(safe-area-inset-bottom)); box-sizing: border-box; }
.cr-buttons { display: flex; gap: 12px; margin-top: 16px; }
.cr-buttons button { flex: 1; min-height: 48px; border-radius: 10px; font-size: 16px; border: 1px solid #9fb3c8; background: #fff; font-family: inherit; }
.cr-buttons button.danger { background: #b42318; border-color: #b42318; color: #fff; }
`;

const STARS = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

/**
 * A form's errors kept as found — the page's own checks as message keys, the server's refusal
 * as it came — and worded at each render, so the language switch re-words them. A refusal on a
 * field the form does not show goes to the banner.
 */
function useErrors(lang: Lang, fields: readonly string[]) {
  const [local, setLocal] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const errors: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, text] of Object.entries(refusal?.fields(lang) ?? {})) {
    const field = path.split('.')[0] ?? '';
    if (fields.includes(field)) errors[field] ??= text;
    else rest.push(text);
  }
  for (const [field, key] of Object.entries(local)) errors[field] = ct(lang, key);
  const banner = rest.length
    ? rest.join(lang === 'zh' ? '；' : '; ')
    : refusal && Object.keys(errors).length === 0
      ? refusal.text(lang)
      : '';
  return {
    errors,
    banner,
    /** The page's own findings (field → message key); true when there are none. */
    check(found: Record<string, string>) {
      setRefusal(null);
      setLocal(found);
      return Object.keys(found).length === 0;
    },
    refused(e: unknown) {
      setLocal({});
      setRefusal(e instanceof Refusal ? e : new Refusal(0, undefined));
    },
  };
}

/**
 * The resident's own case (/f/receipt/<code> when the code is a case's): where it stands, when
 * it is due, the reply, the public steps; a 1–5 rating when the case may be rated, and a
 * confirmed reopen with a reason while the window is open. Refusals show on their field.
 */
export function CaseReceipt({
  code,
  initial,
  lang,
}: {
  code: string;
  initial: ReceiptView;
  lang: Lang;
}) {
  const [view, setView] = useState(initial);
  const [done, setDone] = useState<'rated' | 'reopened' | null>(null);
  const t = (key: string, values?: Record<string, string | number>) => ct(lang, key, values);
  return (
    <div className="pp-card" data-testid="case-receipt">
      <style>{CASE_RECEIPT_CSS}</style>
      <h1>{t('receipt.title')}</h1>
      <dl>
        <dt>{t('receipt.number')}</dt>
        <dd data-testid="case-number">{view.number}</dd>
        <dt>{t('receipt.type')}</dt>
        <dd>{loc(lang, view.typeName)}</dd>
        <dt>{t('receipt.subject')}</dt>
        <dd>{view.title}</dd>
        <dt>{t('receipt.status')}</dt>
        <dd>
          <span
            className={`cr-status ${view.stateKind}`}
            data-testid="case-status"
            data-kind={view.stateKind}
          >
            {loc(lang, view.stateLabel)}
          </span>
        </dd>
        {view.dueAt && (
          <>
            <dt>{t('receipt.due')}</dt>
            <dd data-testid="case-due">{chinaTime(view.dueAt, lang)}</dd>
          </>
        )}
      </dl>
      {done && (
        <div className="cr-ok" role="status" data-testid="case-done">
          {t(done === 'rated' ? 'receipt.rate_done' : 'receipt.reopen_done')}
        </div>
      )}
      <section className="cr-section">
        <h2>{t('receipt.reply')}</h2>
        {view.reply ? (
          <>
            <div className="cr-reply" data-testid="case-reply">
              {view.reply}
            </div>
            {view.repliedAt && (
              <div className="cr-muted">
                {t('receipt.replied_at', { at: chinaTime(view.repliedAt, lang) })}
              </div>
            )}
          </>
        ) : (
          <div className="cr-muted">{t('receipt.no_reply')}</div>
        )}
      </section>
      {view.satisfaction !== null && !view.mayRate && (
        <p data-testid="case-rated">
          {t('receipt.rated', {
            rating: `${STARS(view.satisfaction)} ${t(`receipt.rating.${view.satisfaction}`)}`,
          })}
        </p>
      )}
      {view.mayRate && (
        <Rate
          code={code}
          lang={lang}
          onDone={(next) => {
            setView(next);
            setDone('rated');
          }}
        />
      )}
      {view.mayReopen && (
        <Reopen
          code={code}
          lang={lang}
          until={view.reopenUntil}
          onDone={(next) => {
            setView(next);
            setDone('reopened');
            window.scrollTo(0, 0);
          }}
        />
      )}
      <section className="cr-section">
        <h2>{t('receipt.steps')}</h2>
        {view.steps.length === 0 ? (
          <div className="cr-muted">{t('receipt.no_steps')}</div>
        ) : (
          <ol className="cr-steps" data-testid="case-steps">
            {view.steps.map((step, i) => (
              <li key={i}>
                <time dateTime={step.at}>{chinaTime(step.at, lang)}</time>
                <strong>{loc(lang, step.label)}</strong>
                {step.note && <p>{step.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function Rate({
  code,
  lang,
  onDone,
}: {
  code: string;
  lang: Lang;
  onDone: (view: ReceiptView) => void;
}) {
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const { errors, banner, check, refused } = useErrors(lang, ['satisfaction', 'note']);
  const [busy, setBusy] = useState(false);
  const t = (key: string) => ct(lang, key);
  const send = async () => {
    if (!check(satisfaction === null ? { satisfaction: 'receipt.choose_rating' } : {})) return;
    setBusy(true);
    try {
      const next = await cases<ReceiptView>(
        `/receipt/${encodeURIComponent(code)}/rate`,
        { satisfaction, ...(note.trim() ? { note: note.trim() } : {}) },
        { signedIn: false },
      );
      onDone(next);
    } catch (e) {
      refused(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="cr-section lf" data-testid="case-rate">
      <h2>{t('receipt.rate_title')}</h2>
      {banner && (
        <div className="pp-alert" role="alert">
          {banner}
        </div>
      )}
      <div
        className={`lf-field${errors.satisfaction ? ' lf-error' : ''}`}
        data-field="satisfaction"
      >
        <div className="lf-label" id="cr-satisfaction">
          {t('receipt.satisfaction')}
        </div>
        <div className="cr-rates" role="radiogroup" aria-labelledby="cr-satisfaction">
          {[5, 4, 3, 2, 1].map((n) => (
            <button
              key={n}
              type="button"
              role="radio"
              className="cr-rate"
              aria-checked={satisfaction === n}
              data-testid={`rate-${n}`}
              onClick={() => setSatisfaction(n)}
            >
              <b aria-hidden="true">{STARS(n)}</b>
              {n} {t(`receipt.rating.${n}`)}
            </button>
          ))}
        </div>
        {errors.satisfaction && (
          <div className="lf-msg" role="alert">
            {errors.satisfaction}
          </div>
        )}
      </div>
      <div className={`lf-field${errors.note ? ' lf-error' : ''}`} data-field="note">
        <label className="lf-label" htmlFor="cr-note">
          {t('receipt.rate_note')}
        </label>
        <textarea id="cr-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        {errors.note && (
          <div className="lf-msg" role="alert">
            {errors.note}
          </div>
        )}
      </div>
      <button
        type="button"
        className="pp-primary"
        disabled={busy}
        data-testid="rate-submit"
        onClick={() => void send()}
      >
        {busy ? t('sending') : t('receipt.rate_submit')}
      </button>
    </section>
  );
}

function Reopen({
  code,
  lang,
  until,
  onDone,
}: {
  code: string;
  lang: Lang;
  until: string | null;
  onDone: (view: ReceiptView) => void;
}) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const { errors, banner, check, refused } = useErrors(lang, ['reason']);
  const error = errors.reason;
  const [busy, setBusy] = useState(false);
  const t = (key: string, values?: Record<string, string | number>) => ct(lang, key, values);
  const ask = () => {
    if (check(reason.trim() ? {} : { reason: 'receipt.reopen_need_reason' })) setConfirming(true);
  };
  const confirm = async () => {
    setBusy(true);
    check({});
    try {
      const next = await cases<ReceiptView>(
        `/receipt/${encodeURIComponent(code)}/reopen`,
        { reason: reason.trim() },
        { signedIn: false },
      );
      setConfirming(false);
      setOpen(false);
      onDone(next);
    } catch (e) {
      refused(e);
      // A refusal of the reason shows under it; anything else stays on the sheet.
      if (e instanceof Refusal && e.fields(lang).reason) setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <>
        <button
          type="button"
          className="cr-secondary"
          data-testid="reopen-open"
          onClick={() => setOpen(true)}
        >
          {t('receipt.reopen')}
        </button>
        {until && (
          <div className="cr-muted" data-testid="reopen-until">
            {t('receipt.reopen_until', { at: chinaTime(until, lang) })}
          </div>
        )}
      </>
    );
  return (
    <section className="cr-section lf" data-testid="case-reopen">
      <h2>{t('receipt.reopen')}</h2>
      {until && (
        <div className="cr-muted" data-testid="reopen-until">
          {t('receipt.reopen_until', { at: chinaTime(until, lang) })}
        </div>
      )}
      {banner && !confirming && (
        <div className="pp-alert" role="alert">
          {banner}
        </div>
      )}
      <div className={`lf-field${error ? ' lf-error' : ''}`} data-field="reason">
        <label className="lf-label" htmlFor="cr-reason">
          {t('receipt.reopen_reason')}
          <span className="lf-req">*</span>
        </label>
        <textarea
          id="cr-reason"
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {error && (
          <div className="lf-msg" role="alert">
            {error}
          </div>
        )}
      </div>
      <div className="cr-buttons">
        <button type="button" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
        <button type="button" className="danger" data-testid="reopen-submit" onClick={ask}>
          {t('receipt.reopen_submit')}
        </button>
      </div>
      {confirming && (
        <div
          className="cr-dialog"
          role="dialog"
          aria-modal="true"
          data-testid="reopen-confirm"
          onClick={busy ? undefined : () => setConfirming(false)}
        >
          <div onClick={(e) => e.stopPropagation()}>
            <p>{t('receipt.reopen_confirm')}</p>
            {banner && (
              <div className="pp-alert" role="alert">
                {banner}
              </div>
            )}
            <div className="cr-buttons">
              <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
              <button
                type="button"
                className="danger"
                disabled={busy}
                data-testid="reopen-yes"
                onClick={() => void confirm()}
              >
                {busy ? t('sending') : t('receipt.reopen_yes')}
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
