import { useEffect, useState } from 'react';
import type {
  ApplicantEvent,
  ApplicantSummary,
  ApplicantView,
} from '../../../plugins/grants/server/src/domain/applicant';
import { fenToYuan } from '../../../plugins/forms/server/src/domain/money';
import { applicantMessages } from '../i18n/topics/applicant';
import type { Pair, Tree } from '../i18n/tree';
import { serverErrors, type Lang } from '../forms/validation';
import { refusalWords } from './refusal';

/**
 * The applicant's own page (/f/receipt/<code> when the code is a grant application's): the real
 * status and its history, the question staff asked with a way to answer it (text and files),
 * the reason of a rejection, the award with its tranches and what has been paid, the reports
 * due, and a confirmed withdrawal. Phone-first; Chinese first, English on the switch.
 */

const PAGE = ((applicantMessages.linli as Tree).applicant as Tree).page as Tree;

/** A message of this page by dotted key, in the page's language. */
export function say(lang: Lang, key: string, values: Record<string, string | number> = {}) {
  let node: Tree | Pair | undefined = PAGE;
  for (const part of key.split('.'))
    node = node && !Array.isArray(node) ? (node as Tree)[part] : undefined;
  const text = Array.isArray(node) ? (node as Pair)[lang === 'zh' ? 0 : 1] : key;
  return text.replace(/%\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** ¥1,234.00 for an amount in fen. */
export const yuanOf = (fen: number) => `¥${fenToYuan(fen).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/** A time or date as a person in China reads it (dates stay dates). */
export function when(at: string | null, lang: Lang): string {
  if (!at) return '';
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  if (/^\d{4}-\d{2}-\d{2}$/.test(at))
    return new Date(`${at}T00:00:00+08:00`).toLocaleDateString(locale, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    });
  return new Date(at).toLocaleString(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The text of a refusal in the page's language (refusal.ts), this page's words when it says none. */
export const refusalText = (body: unknown, lang: Lang): string =>
  refusalWords(body, lang, say(lang, 'failed'));

export const APPLICANT_CSS = `
.ap-status { border-radius: 10px; padding: 12px; margin: 12px 0; background: #e8f1ec; color: #1f4d36; }
.ap-status strong { font-size: 20px; display: block; margin-bottom: 4px; }
.ap-status.more_info { background: #fff4e0; color: #6b4100; }
.ap-status.rejected, .ap-status.withdrawn { background: #f1f1f1; color: #333; }
.ap-box { border-left: 4px solid #d08a00; background: #fffaf0; padding: 8px 12px; margin: 8px 0; white-space: pre-wrap; }
.ap-box.reason { border-color: #888; background: #f7f7f7; }
.ap-section { margin-top: 20px; }
.ap-section h2 { font-size: 17px; margin: 0 0 8px; }
.ap-money { font-size: 24px; font-weight: 700; }
.ap-row { display: flex; justify-content: space-between; gap: 8px; padding: 8px 0; border-bottom: 1px solid #eef2f6; }
.ap-row small { color: #627d98; display: block; }
.ap-tag { font-size: 13px; border-radius: 10px; padding: 2px 8px; background: #eef2f6; white-space: nowrap; align-self: center; }
.ap-tag.paid { background: #e8f1ec; color: #1f4d36; }
.ap-history { list-style: none; padding: 0; margin: 0; border-left: 2px solid #cbd2d9; }
.ap-history li { position: relative; padding: 0 0 12px 14px; }
.ap-history li::before { content: ''; position: absolute; left: -6px; top: 5px; width: 10px; height: 10px; border-radius: 50%; background: #2f6f4f; }
.ap-history time { color: #627d98; font-size: 13px; display: block; }
.ap-history p { margin: 4px 0 0; white-space: pre-wrap; }
.ap-secondary { display: block; width: 100%; min-height: 44px; margin-top: 20px; border-radius: 10px; border: 1px solid #b42318; background: #fff; color: #b42318; font-size: 16px; }
.ap-dialog { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: flex-end; justify-content: center; z-index: 10; }
.ap-dialog > div { background: #fff; width: 100%; max-width: 640px; border-radius: 14px 14px 0 0; padding: 20px 16px calc(20px + env(safe-area-inset-bottom)); }
.ap-dialog h2 { margin: 0 0 8px; font-size: 19px; }
.ap-buttons { display: flex; gap: 12px; margin-top: 16px; }
.ap-buttons button { flex: 1; min-height: 48px; border-radius: 10px; font-size: 16px; border: 1px solid #9fb3c8; background: #fff; }
.ap-buttons button.danger { background: #b42318; border-color: #b42318; color: #fff; }
.ap-file { display: inline-flex; align-items: center; min-height: 44px; padding: 0 16px; border: 1px dashed #2f6f4f; border-radius: 10px; color: #2f6f4f; margin: 4px 0 12px; }
.ap-file-input { position: absolute; width: 1px; height: 1px; opacity: 0; }
.ap-ok { background: #e8f1ec; color: #1f4d36; border-radius: 8px; padding: 10px 12px; margin: 12px 0; }
`;

/** A paperclip drawn, not an emoji: phones and headless browsers without an emoji font show a box. */
function Clip() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      aria-hidden="true"
      style={{ marginRight: 4, verticalAlign: '-2px' }}
    >
      <path
        fill="currentColor"
        d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z"
      />
    </svg>
  );
}

interface LaterFile {
  id: number;
  name: string;
  size: number;
}

function post(url: string, body?: unknown, lang: Lang = 'zh') {
  return fetch(`${url}?lang=${lang}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
}

/** The answer to a request for more information: text and files, errors under their fields. */
function Answer({
  code,
  lang,
  onDone,
}: {
  code: string;
  lang: Lang;
  onDone: (view: ApplicantView) => void;
}) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<LaterFile[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState<'upload' | 'send' | null>(null);

  const upload = async (file: File) => {
    setBusy('upload');
    setErrors((e) => ({ ...e, files: '' }));
    try {
      const form = new FormData();
      form.append('file', file);
      const res = await fetch(
        `/api/forms/receipts/${encodeURIComponent(code)}/files?lang=${lang}`,
        {
          method: 'POST',
          body: form,
        },
      );
      const body = await res.json().catch(() => ({}));
      if (res.ok) setFiles((f) => [...f, body.data as LaterFile]);
      else
        setErrors((e) => ({
          ...e,
          files: serverErrors(body, lang).files ?? refusalText(body, lang),
        }));
    } finally {
      setBusy(null);
    }
  };
  const send = async () => {
    setBusy('send');
    setMessage('');
    try {
      const res = await post(
        `/api/grants/applicant/${encodeURIComponent(code)}/answer`,
        { text, files: files.map((f) => f.id) },
        lang,
      );
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        onDone(body.data as ApplicantView);
        return;
      }
      const onFields = serverErrors(body, lang);
      const shown = Object.fromEntries(
        Object.entries(onFields).filter(([k]) => k === 'text' || k === 'files'),
      );
      setErrors(shown);
      const rest = Object.entries(onFields).filter(([k]) => !(k in shown));
      setMessage(
        rest.length
          ? rest.map(([, m]) => m).join('；')
          : Object.keys(shown).length
            ? say(lang, 'fix')
            : refusalText(body, lang),
      );
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="lf" data-testid="answer">
      {message && (
        <div className="pp-alert" role="alert">
          {message}
        </div>
      )}
      <div className={`lf-field${errors.text ? ' lf-error' : ''}`} data-field="text">
        <label className="lf-label" htmlFor="ap-text">
          {say(lang, 'answer')}
          <span className="lf-req">*</span>
        </label>
        <textarea id="ap-text" rows={5} value={text} onChange={(e) => setText(e.target.value)} />
        {errors.text && (
          <div className="lf-msg" role="alert">
            {errors.text}
          </div>
        )}
      </div>
      <div className={`lf-field${errors.files ? ' lf-error' : ''}`} data-field="files">
        <label className="lf-label" htmlFor="ap-files">
          {say(lang, 'files')}
        </label>
        <div className="lf-help">{say(lang, 'filesHelp')}</div>
        {files.map((f) => (
          <div key={f.id} className="lf-choice">
            <Clip />
            {f.name}
            <button
              type="button"
              className="lf-btn"
              onClick={() => setFiles(files.filter((x) => x.id !== f.id))}
            >
              {say(lang, 'remove')}
            </button>
          </div>
        ))}
        {/* The browser's own file button speaks the browser's language: a label of ours instead. */}
        <label className="ap-file" htmlFor="ap-files" aria-hidden="true">
          {say(lang, 'addFile')}
        </label>
        <input
          id="ap-files"
          className="ap-file-input"
          type="file"
          disabled={busy !== null || files.length >= 5}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void upload(file);
          }}
        />
        {busy === 'upload' && <div className="lf-help">{say(lang, 'uploading')}</div>}
        {errors.files && (
          <div className="lf-msg" role="alert">
            {errors.files}
          </div>
        )}
      </div>
      <button
        type="button"
        className="pp-primary"
        disabled={busy !== null}
        onClick={() => void send()}
      >
        {busy === 'send' ? say(lang, 'sending') : say(lang, 'send')}
      </button>
    </div>
  );
}

/** Withdrawal, confirmed in a dialog that says what follows; a refusal shows inside it. */
function Withdraw({
  code,
  lang,
  onDone,
}: {
  code: string;
  lang: Lang;
  onDone: (view: ApplicantView) => void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const confirm = async () => {
    setBusy(true);
    setError('');
    try {
      const res = await post(
        `/api/grants/applicant/${encodeURIComponent(code)}/withdraw`,
        {},
        lang,
      );
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        setOpen(false);
        onDone(body.data as ApplicantView);
      } else {
        const fields = Object.values(serverErrors(body, lang));
        setError(fields.length ? fields.join('；') : refusalText(body, lang));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="ap-secondary" onClick={() => setOpen(true)}>
        {say(lang, 'withdraw')}
      </button>
      {open && (
        <div
          className="ap-dialog"
          role="dialog"
          aria-modal="true"
          aria-labelledby="ap-withdraw-title"
        >
          <div>
            <h2 id="ap-withdraw-title">{say(lang, 'withdrawTitle')}</h2>
            <p>{say(lang, 'withdrawText')}</p>
            {error && (
              <div className="pp-alert" role="alert">
                {error}
              </div>
            )}
            <div className="ap-buttons">
              <button type="button" onClick={() => setOpen(false)} disabled={busy}>
                {say(lang, 'cancel')}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => void confirm()}
                disabled={busy}
              >
                {say(lang, 'confirmWithdraw')}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

function EventLine({ event, lang }: { event: ApplicantEvent; lang: Lang }) {
  const title =
    say(lang, `events.${event.event}`) +
    (event.report ? ` · ${say(lang, `reports.${event.report}`)}` : '') +
    (event.amount !== undefined ? ` ${yuanOf(event.amount)}` : '');
  return (
    <li>
      <time>{when(event.at, lang)}</time>
      <strong>{title}</strong>
      {event.note && <p>{event.note}</p>}
      {event.text && <p>{event.text}</p>}
      {event.files?.map((f) => (
        <p key={f.url}>
          <Clip />
          <a href={f.url} target="_blank" rel="noreferrer">
            {f.name}
          </a>
        </p>
      ))}
    </li>
  );
}

/** The application as its applicant sees it. */
export function ApplicantPage({ initial, lang }: { initial: ApplicantView; lang: Lang }) {
  const [view, setView] = useState(initial);
  const [sent, setSent] = useState(false);
  const roundTitle = lang === 'en' && view.round.titleEn ? view.round.titleEn : view.round.title;
  const award = view.award;
  return (
    <div className="pp-card" data-testid="applicant">
      <style>{APPLICANT_CSS}</style>
      <h1>{say(lang, 'title')}</h1>
      <dl>
        <dt>{say(lang, 'round')}</dt>
        <dd>{roundTitle}</dd>
        <dt>{say(lang, 'project')}</dt>
        <dd>{view.projectTitle}</dd>
        <dt>{say(lang, 'organisation')}</dt>
        <dd>{view.organisationName}</dd>
        <dt>{say(lang, 'requested')}</dt>
        <dd>{yuanOf(view.requested)}</dd>
      </dl>
      <div className={`ap-status ${view.status}`} data-testid="status" data-status={view.status}>
        <strong>{say(lang, `statuses.${view.status}`)}</strong>
        {say(lang, `explain.${view.status}`)}
      </div>
      {sent && <div className="ap-ok">{say(lang, 'sent')}</div>}
      {view.question && (
        <>
          <div className="lf-label">{say(lang, 'question')}</div>
          <div className="ap-box" data-testid="question">
            {view.question}
          </div>
        </>
      )}
      {view.reason && (
        <>
          <div className="lf-label">{say(lang, 'reason')}</div>
          <div className="ap-box reason" data-testid="reason">
            {view.reason}
          </div>
        </>
      )}
      {view.canAnswer && (
        <Answer
          code={view.receiptCode}
          lang={lang}
          onDone={(next) => {
            setView(next);
            setSent(true);
            window.scrollTo(0, 0);
          }}
        />
      )}
      {award && (
        <section className="ap-section" data-testid="award">
          <h2>{say(lang, 'award')}</h2>
          <div className="ap-row">
            <span>{say(lang, 'awarded')}</span>
            <span className="ap-money">{yuanOf(award.amount)}</span>
          </div>
          <div className="ap-row">
            <span>{say(lang, 'paid')}</span>
            <strong>{yuanOf(award.paid)}</strong>
          </div>
          <h2 className="ap-section">{say(lang, 'tranches')}</h2>
          {award.tranches.map((t) => (
            <div className="ap-row" key={t.number} data-testid="tranche">
              <div>
                <strong>
                  {t.label || say(lang, 'tranche', { n: t.number })} · {yuanOf(t.amount)}
                </strong>
                <small>
                  {t.status === 'paid' && t.paidAt
                    ? `${say(lang, 'paidOn')} ${when(t.paidAt, lang)}`
                    : t.dueOn
                      ? `${say(lang, 'due')} ${when(t.dueOn, lang)}`
                      : ''}
                </small>
              </div>
              <span className={`ap-tag ${t.status}`}>
                {say(lang, `trancheStatuses.${t.status}`)}
              </span>
            </div>
          ))}
          <h2 className="ap-section">{say(lang, 'reportsDue')}</h2>
          {award.reportsDue.length ? (
            award.reportsDue.map((r) => (
              <div className="ap-row" key={r} data-testid="report-due">
                {say(lang, `reports.${r}`)}
              </div>
            ))
          ) : (
            <div className="lf-help">{say(lang, 'noReportsDue')}</div>
          )}
          {award.reports.map((r, i) => (
            <div className="ap-row" key={i}>
              <div>
                {say(lang, `reports.${r.kind}`)}
                <small>{when(r.submittedOn, lang)}</small>
                {r.note && <small>{r.note}</small>}
              </div>
              <span className="ap-tag">{say(lang, `reportStatuses.${r.status}`)}</span>
            </div>
          ))}
        </section>
      )}
      <section className="ap-section">
        <h2>{say(lang, 'history')}</h2>
        <ol className="ap-history" data-testid="history">
          {view.history.map((event, i) => (
            <EventLine key={i} event={event} lang={lang} />
          ))}
        </ol>
      </section>
      {view.canWithdraw && <Withdraw code={view.receiptCode} lang={lang} onDone={setView} />}
    </div>
  );
}

/**
 * A signed-in applicant's own applications (at /f/receipt without a code), each opening its
 * page; nothing when not signed in or when they have none.
 */
export function MyApplications({ lang }: { lang: Lang }) {
  const [rows, setRows] = useState<ApplicantSummary[]>([]);
  useEffect(() => {
    const token = localStorage.getItem('linli.jwt');
    if (!token) return;
    fetch('/api/grants/my-applications', { headers: { Authorization: `Bearer ${token}` } })
      .then(async (r) => (r.ok ? setRows((await r.json()).data as ApplicantSummary[]) : undefined))
      .catch(() => undefined);
  }, []);
  if (!rows.length) return null;
  return (
    <section className="ap-section" data-testid="my-applications">
      <style>{APPLICANT_CSS}</style>
      <h2>{say(lang, 'mine')}</h2>
      {rows.map((r) => (
        <a
          key={r.receiptCode}
          className="ap-row"
          style={{ color: 'inherit', textDecoration: 'none' }}
          href={`/f/receipt/${r.receiptCode}`}
        >
          <div>
            <strong>{r.projectTitle}</strong>
            <small>
              {lang === 'en' && r.round.titleEn ? r.round.titleEn : r.round.title} ·{' '}
              {when(r.submittedAt, lang)}
            </small>
          </div>
          <span className="ap-tag">{say(lang, `statuses.${r.status}`)}</span>
        </a>
      ))}
    </section>
  );
}
