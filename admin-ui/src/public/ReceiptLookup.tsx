import { useEffect, useState } from 'react';
import type { ApplicantView } from '../../../plugins/grants/server/src/domain/applicant';
import { normaliseReceiptCode } from '../../../plugins/forms/server/src/domain/receipt';
import type { ReceiptView } from '../../../plugins/cases/server/src/shared/contracts/cases';
import type { Lang } from '../forms/validation';
import { ApplicantPage, MyApplications, refusalText, say, when } from './ApplicantPage';
import { CaseReceipt } from './cases/CaseReceipt';
import { T } from './pageWords';

/**
 * A receipt code looked up (/f/receipt/<code>): a grant application's opens the applicant's page,
 * a case's its progress, any other submission's its status. Loaded only on this address, so a
 * form opened from a QR code carries none of it.
 */
export function ReceiptLookup({ code, lang }: { code: string; lang: Lang }) {
  const t = T[lang];
  const [input, setInput] = useState(code);
  const [result, setResult] = useState<Record<string, unknown> | null | 'missing'>(null);
  const [application, setApplication] = useState<ApplicantView | null>(null);
  const [caseView, setCaseView] = useState<ReceiptView | null>(null);
  const [refused, setRefused] = useState<string>('');
  useEffect(() => {
    if (!code) return;
    const key = encodeURIComponent(code);
    // A grant application's code opens the applicant's page; any other submission's, its status.
    // The submission is looked up first and the grants plugin asked only when its form takes
    // grant applications: asking grants for every code logged a 404 for each other receipt.
    void (async () => {
      // A case's receipt: one called in by staff or a grid worker has a code of its own (eight
      // characters), one filed through a form shares its submission's. Cases are asked only
      // for those, so no other receipt logs a 404 on the way.
      const caseReceipt = async (): Promise<boolean> => {
        const asCase = await fetch(`/api/cases/receipt/${key}`).catch(() => null);
        if (asCase?.ok) {
          setCaseView(((await asCase.json()) as { data: ReceiptView }).data);
          return true;
        }
        if (asCase?.status === 429) {
          setRefused(refusalText(await asCase.json().catch(() => ({})), lang));
          setResult('missing');
          return true;
        }
        return false;
      };
      if (!normaliseReceiptCode(code)) {
        if (await caseReceipt()) return;
        setRefused(say(lang, 'badCode'));
        setResult('missing');
        return;
      }
      const r = await fetch(`/api/forms/receipts/${key}`).catch(() => null);
      const body = r ? await r.json().catch(() => ({})) : {};
      if (!r?.ok) {
        if (r?.status === 429) setRefused(refusalText(body, lang));
        setResult('missing');
        return;
      }
      const found = body.data as Record<string, unknown>;
      const purpose = (found.form as { purpose?: string } | null)?.purpose;
      if (purpose === 'case-intake' && (await caseReceipt())) return;
      if (purpose === 'grant-application') {
        const grant = await fetch(`/api/grants/applicant/${key}`).catch(() => null);
        if (grant?.ok) {
          setApplication((await grant.json()).data as ApplicantView);
          return;
        }
        if (grant?.status === 429) {
          setRefused(refusalText(await grant.json().catch(() => ({})), lang));
          setResult('missing');
          return;
        }
      }
      setResult(found);
    })();
    // The language switch re-renders the answer; it does not look the code up again.
  }, [code]);
  if (application) return <ApplicantPage initial={application} lang={lang} />;
  if (caseView) return <CaseReceipt code={code} initial={caseView} lang={lang} />;
  const form =
    result && result !== 'missing'
      ? (result.form as { name: string; nameEn?: string } | null)
      : null;
  return (
    <div className="pp-card">
      <h1>{t.lookup}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          location.href = `/f/receipt/${encodeURIComponent(input.trim())}`;
        }}
        className="lf"
      >
        <label className="lf-label" htmlFor="code">
          {t.code}
        </label>
        <input id="code" type="text" value={input} onChange={(e) => setInput(e.target.value)} />
        <p>
          <button className="pp-primary" type="submit">
            {t.check}
          </button>
        </p>
      </form>
      {!code && <MyApplications lang={lang} />}
      {result === 'missing' && (
        <div className="pp-alert" role="alert">
          {refused || say(lang, 'notFound')}
        </div>
      )}
      {result && result !== 'missing' && (
        <dl data-testid="receipt">
          <dt>{t.code}</dt>
          <dd>{String(result.receiptCode)}</dd>
          {form && (
            <>
              <dt>{lang === 'zh' ? '表单' : 'Form'}</dt>
              <dd>{lang === 'en' && form.nameEn ? form.nameEn : form.name}</dd>
            </>
          )}
          <dt>{t.status}</dt>
          <dd>{t.statuses[String(result.status)] ?? String(result.status)}</dd>
          {result.statusNote ? (
            <>
              <dt>{say(lang, 'reply')}</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{String(result.statusNote)}</dd>
            </>
          ) : null}
          <dt>{t.submittedAt}</dt>
          <dd>{when(String(result.submittedAt), lang)}</dd>
        </dl>
      )}
    </div>
  );
}
