import { useMemo, useState, type FormEvent } from 'react';
import type { CodeReceipt } from '../../../../plugins/consultation/server/src/shared/contracts/consultation';
import { Refusal } from '../timebank/api';
import { ConfirmSheet, Field, LangContext, initialLang, useConfirmed } from '../timebank/ui';
import { codeOf, con } from './api';
import type { Lang } from './messages';
import { CShell, useWords } from './ui';

/**
 * /v: the code ballot page the paper notice's QR points at. No account: the 10-character code
 * is the ballot paper (used once); choose, confirm, read the receipt.
 */
export function CodeBallotApp() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const language = useMemo(
    () => ({
      lang,
      setLang: (l: Lang) => {
        localStorage.setItem('linli.locale', l);
        setLangState(l);
      },
    }),
    [lang],
  );
  return (
    <LangContext.Provider value={language}>
      <CodeBallot />
    </LangContext.Provider>
  );
}

function CodeBallot() {
  const { lang, t } = useWords();
  const [code, setCode] = useState(() =>
    codeOf(new URLSearchParams(location.search).get('code') ?? ''),
  );
  const [choice, setChoice] = useState<string | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<CodeReceipt | null>(null);
  const cast = useConfirmed(
    async (c: string) =>
      setReceipt(await con<CodeReceipt>('/ballot-code', { code, choice: c }, { signedIn: false })),
    () => undefined,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (code.replace(/-/g, '').length !== 10) found.code = 'code.bad_format';
    if (!choice) found.choice = 'code.choose_first';
    setLocal(found);
    if (Object.keys(found).length === 0 && choice) cast.ask(choice);
  };
  if (receipt)
    return (
      <CShell title={t('code.receipt')}>
        <div className="tb-card" data-testid="v-receipt">
          <div className="tb-ok" role="status">
            {t('code.receipt')}
          </div>
          <p>
            {t('code.receipt_vote', { title: receipt.vote.title, number: receipt.vote.number })}
          </p>
          <p>{t('code.receipt_elector', { label: receipt.elector })}</p>
          <p data-testid="v-receipt-choice">
            {t('code.receipt_choice', { choice: t(`choice.${receipt.choice}`) })}
          </p>
          <button
            type="button"
            className="tb-btn secondary"
            onClick={() => {
              setReceipt(null);
              setCode('');
              setChoice(null);
            }}
          >
            {t('code.again')}
          </button>
        </div>
      </CShell>
    );
  // A refusal naming the code is shown on the code field, after the sheet closes.
  const refusedCode = cast.error instanceof Refusal ? cast.error.fields(lang).code : undefined;
  return (
    <CShell title={t('code.title')}>
      <form className="tb-card" onSubmit={submit} data-testid="v-form">
        <p className="tb-muted">{t('code.hint')}</p>
        <div className="c-code">
          <Field label={t('code.code')} name="code" error={local.code ? t(local.code) : undefined}>
            <input
              id="tb-code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder="XXXXX-XXXXX"
              value={code}
              onChange={(e) => setCode(codeOf(e.target.value))}
            />
          </Field>
        </div>
        <Field
          label={t('code.choose')}
          name="choice"
          error={local.choice ? t(local.choice) : undefined}
        >
          <div className="c-choices">
            {(['yes', 'no', 'abstain'] as const).map((c) => (
              <button
                key={c}
                type="button"
                className="c-choice"
                aria-pressed={choice === c}
                onClick={() => setChoice(c)}
                data-testid={`v-choice-${c}`}
              >
                {t(`choice.${c}`)}
              </button>
            ))}
          </div>
        </Field>
        <p>
          <button className="tb-btn" type="submit" data-testid="v-submit">
            {t('code.submit')}
          </button>
        </p>
        {refusedCode && cast.asked === null && (
          <div className="tb-alert" role="alert">
            {refusedCode}
          </div>
        )}
      </form>
      {cast.asked !== null && (
        <ConfirmSheet
          text={t('code.confirm', { code, choice: t(`choice.${cast.asked}`) })}
          action={t('code.submit')}
          onConfirm={() => void cast.confirm()}
          onCancel={cast.cancel}
          busy={cast.busy}
          error={cast.errorText}
        />
      )}
    </CShell>
  );
}
