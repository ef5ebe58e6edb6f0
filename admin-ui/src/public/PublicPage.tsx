import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import type { FormDefinition } from '../../../plugins/forms/server/src/domain/fields';
import { FORM_CSS, FormRenderer } from '../forms/FormRenderer';
import { restServices } from '../forms/services';
import { clientErrors, serverErrors, type Lang } from '../forms/validation';
import { T } from './pageWords';
import { refusalWords } from './refusal';

// A receipt's page (the applicant's page, a case's progress) loads only at /f/receipt/<code>.
const ReceiptLookup = lazy(() =>
  import('./ReceiptLookup').then((m) => ({ default: m.ReceiptLookup })),
);

/**
 * The public form page at /f/<slug> (and receipt lookup at /f/receipt/<code>): mobile first, no
 * console chrome, React only. Validates as the server does before sending, then shows the
 * server's own verdict field by field, and the receipt code after a successful submission.
 */
interface PublicForm {
  slug: string;
  name: string;
  nameEn?: string | null;
  description?: string | null;
  descriptionEn?: string | null;
  access: string;
  state: 'open' | 'not-yet-open' | 'closed' | 'archived' | 'unpublished' | 'not-accepting';
  /** why the form's target takes nothing now (a grant round not open), in both languages */
  stateMessage?: { zh: string; en?: string } | null;
  version: number | null;
  definition: FormDefinition | null;
}

const PAGE_CSS = `
body { margin: 0; background: #f0f4f8; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
.pp { max-width: 640px; margin: 0 auto; padding: 16px 16px 96px; }
.pp-card { background: #fff; border-radius: 12px; padding: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.pp h1 { font-size: 22px; margin: 4px 0 8px; }
.pp-top { display: flex; justify-content: space-between; align-items: center; color: #2f6f4f; font-weight: 600; }
.pp-lang { background: none; border: 1px solid #2f6f4f; color: #2f6f4f; border-radius: 16px; padding: 4px 12px; min-height: 32px; }
.pp-desc { color: #486581; white-space: pre-wrap; }
.pp-bar { position: fixed; left: 0; right: 0; bottom: 0; background: #fff; padding: 12px 16px calc(12px + env(safe-area-inset-bottom)); box-shadow: 0 -1px 4px rgba(0,0,0,.1); }
.pp-bar button, .pp-primary { display: block; width: 100%; max-width: 640px; margin: 0 auto; font-size: 18px; min-height: 48px; border: none; border-radius: 10px; background: #2f6f4f; color: #fff; }
.pp-alert { background: #fdecea; color: #8a1c1c; border-radius: 8px; padding: 10px 12px; margin-bottom: 12px; }
.pp-code { font-size: 28px; letter-spacing: 2px; font-weight: 700; text-align: center; margin: 12px 0; }
.pp dl { display: grid; grid-template-columns: auto 1fr; gap: 6px 12px; }
`;

/** On a phone the first problem may be far up the page: bring it into view. */
const scrollToFirstError = () =>
  requestAnimationFrame(() =>
    (document.querySelector('.lf-error') ?? document.querySelector('.pp-alert'))?.scrollIntoView({
      block: 'center',
    }),
  );

function useLang(): [Lang, (l: Lang) => void] {
  const initial = (
    new URLSearchParams(location.search).get('lang') ??
    localStorage.getItem('linli.locale') ??
    'zh'
  ).startsWith('en')
    ? 'en'
    : 'zh';
  const [lang, setLang] = useState<Lang>(initial);
  return [
    lang,
    (l) => {
      localStorage.setItem('linli.locale', l);
      document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
      setLang(l);
    },
  ];
}

export function PublicPage() {
  const [lang, setLang] = useLang();
  const parts = location.pathname.split('/').filter(Boolean); // ['f', slug] or ['f', 'receipt', code]
  const t = T[lang];
  return (
    <div className="pp">
      <style>{FORM_CSS + PAGE_CSS}</style>
      <div className="pp-top">
        <span>邻里 Linli</span>
        <button
          type="button"
          className="pp-lang"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        >
          {t.other}
        </button>
      </div>
      {parts[1] === 'receipt' ? (
        <Suspense fallback={<div className="pp-card">…</div>}>
          <ReceiptLookup code={parts[2] ?? ''} lang={lang} />
        </Suspense>
      ) : (
        <Fill slug={parts[1] ?? ''} lang={lang} />
      )}
    </div>
  );
}

function Fill({ slug, lang }: { slug: string; lang: Lang }) {
  const t = T[lang];
  const [form, setForm] = useState<PublicForm | null | 'missing'>(null);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);
  const token = localStorage.getItem('linli.jwt');
  const services = useMemo(() => restServices(slug, token, lang), [slug, token, lang]);

  useEffect(() => {
    fetch(`/api/forms/public/${encodeURIComponent(slug)}`)
      .then(async (r) => (r.ok ? setForm((await r.json()).data as PublicForm) : setForm('missing')))
      .catch(() => setForm('missing'));
  }, [slug]);
  useEffect(() => {
    if (form && form !== 'missing')
      document.title = `${lang === 'en' && form.nameEn ? form.nameEn : form.name} · 邻里`;
  }, [form, lang]);

  if (form === null) return <div className="pp-card">…</div>;
  if (form === 'missing') return <div className="pp-card">{t.notFound}</div>;
  const title = lang === 'en' && form.nameEn ? form.nameEn : form.name;
  const description = lang === 'en' && form.descriptionEn ? form.descriptionEn : form.description;
  if (form.state !== 'open' || !form.definition) {
    return (
      <div className="pp-card">
        <h1>{title}</h1>
        <div className="pp-alert" role="alert">
          {form.stateMessage
            ? (lang === 'en' && form.stateMessage.en) || form.stateMessage.zh
            : (t.states[form.state as keyof typeof t.states] ?? t.notFound)}
        </div>
      </div>
    );
  }
  const definition = form.definition;
  if (form.access !== 'anyone' && !token) {
    return (
      <div className="pp-card">
        <h1>{title}</h1>
        <div className="pp-alert">{t.signIn}</div>
        <a
          className="pp-primary"
          style={{ textAlign: 'center', lineHeight: '48px', textDecoration: 'none' }}
          href="/console/"
        >
          {lang === 'zh' ? '登录' : 'Sign in'}
        </a>
      </div>
    );
  }
  if (receipt) {
    return (
      <div className="pp-card">
        <h1>{t.done}</h1>
        <p>{t.keep}</p>
        <div className="pp-code" data-testid="receipt-code">
          {receipt}
        </div>
        <a
          className="pp-primary"
          style={{ textAlign: 'center', lineHeight: '48px', textDecoration: 'none' }}
          href={`/f/receipt/${receipt}`}
        >
          {t.check}
        </a>
        <p style={{ textAlign: 'center' }}>
          <button
            type="button"
            className="lf-btn"
            onClick={() => {
              setReceipt(null);
              setAnswers({});
              setTried(false);
            }}
          >
            {t.again}
          </button>
        </p>
      </div>
    );
  }

  const change = (next: Record<string, unknown>) => {
    setAnswers(next);
    if (tried) setErrors(clientErrors(definition, next, lang));
  };
  const send = async () => {
    setTried(true);
    setMessage('');
    const local = clientErrors(definition, answers, lang);
    setErrors(local);
    if (Object.keys(local).length) {
      setMessage(t.fix);
      scrollToFirstError();
      return;
    }
    setSending(true);
    try {
      const res = await fetch(`/api/forms/${encodeURIComponent(slug)}/submissions?lang=${lang}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ version: form.version, data: answers, language: lang }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.status === 201) {
        setReceipt(body.data.receiptCode);
        window.scrollTo(0, 0);
      } else {
        const onFields = serverErrors(body, lang);
        // An answer on a field of the form shows under it (with the field's label above); the
        // banner says only what belongs to no field (the round is closed, too many tries …).
        const keys = new Set(definition.fields.map((f) => f.key));
        const elsewhere = Object.entries(onFields).filter(
          ([path]) => !keys.has(path.split('.')[0] ?? ''),
        );
        setErrors(onFields);
        setMessage(
          res.status === 401
            ? t.signIn
            : elsewhere.length
              ? elsewhere.map(([, m]) => m).join('；')
              : Object.keys(onFields).length
                ? t.fix
                : refusalWords(body, lang, t.failed),
        );
        scrollToFirstError();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <div className="pp-card">
        <h1>{title}</h1>
        {description && <p className="pp-desc">{description}</p>}
        {message && (
          <div className="pp-alert" role="alert">
            {message}
          </div>
        )}
        <FormRenderer
          definition={definition}
          value={answers}
          onChange={change}
          lang={lang}
          errors={errors}
          services={services}
        />
      </div>
      <div className="pp-bar">
        <button type="button" onClick={send} disabled={sending}>
          {sending ? t.sending : t.submit}
        </button>
      </div>
    </>
  );
}
