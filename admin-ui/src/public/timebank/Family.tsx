import { useState } from 'react';
import type {
  GiftInput,
  MeView,
} from '../../../../plugins/time-bank/server/src/shared/contracts/time-bank';
import { Refusal, tb } from './api';
import { hoursOf } from './messages';
import { ConfirmSheet, Field, Problem, Shell, useFormErrors, useLang, useLoad } from './ui';

const OTHER = '__other__';

/** Hours typed by a person ("1.5", "1,5", "２") as whole minutes; NaN when not a number. */
export function minutesOfHours(text: string): number {
  const normal = text
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(',', '.')
    .trim();
  if (!/^\d+(\.\d+)?$/.test(normal)) return NaN;
  return Math.round(Number(normal) * 60);
}

/**
 * 家庭与捐赠: the family staff registered for me, giving hours to one of them (or to a member
 * whose code I was given: the server says if they are not registered family), and donating
 * hours; every refusal (not family, yearly limit, balance) under the field it concerns.
 */
export function Family() {
  const { t } = useLang();
  const [me, reload] = useLoad(() => tb<MeView>('/me'), []);
  return (
    <Shell title={t('family.title')} back>
      {me === null && <p className="tb-muted">{t('loading')}</p>}
      {me && 'refused' in me && <Problem refused={me.refused} />}
      {me && 'data' in me && !me.data.member && <Problem refused={new Refusal(404, undefined)} />}
      {me && 'data' in me && me.data.member && (
        <>
          <Links me={me.data} />
          <Give me={me.data} kind="family" onDone={reload} />
          <Give me={me.data} kind="donation" onDone={reload} />
        </>
      )}
    </Shell>
  );
}

function Links({ me }: { me: MeView }) {
  const { t } = useLang();
  const active = me.family.filter((f) => f.status === 'active');
  return (
    <div className="tb-card" data-testid="tb-family">
      <h2>{t('family.links')}</h2>
      {active.length === 0 ? (
        <p className="tb-muted">{t('family.none')}</p>
      ) : (
        <ul>
          {active.map((f) => (
            <li key={f.documentId} className="tb-item">
              <b>{f.relative.name}</b>{' '}
              <span className="tb-tag grey">{t(`family.relation.${f.relation}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="tb-muted tb-small">
        {t('family.my_code')}{' '}
        <span data-testid="tb-my-code" style={{ fontFamily: 'ui-monospace, monospace' }}>
          {me.member?.documentId}
        </span>
      </p>
    </div>
  );
}

function Give({ me, kind, onDone }: { me: MeView; kind: GiftInput['kind']; onDone: () => void }) {
  const { lang, t } = useLang();
  const family = me.family.filter((f) => f.status === 'active');
  const [to, setTo] = useState(
    kind === 'family' && family[0] ? family[0].relative.documentId : OTHER,
  );
  const [code, setCode] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const form = useFormErrors(['to', 'minutes', 'note']);
  const { errors } = form;
  const [asking, setAsking] = useState<GiftInput | null>(null);
  const [busy, setBusy] = useState(false);
  const [sheetError, setSheetError] = useState<Refusal | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const receiver = to === OTHER ? code.trim() : to;
  const receiverName =
    family.find((f) => f.relative.documentId === receiver)?.relative.name ?? receiver;

  const ask = () => {
    setDone(null);
    const local: Record<string, string> = {};
    const minutes = minutesOfHours(amount);
    if (!receiver) local.to = 'family.need_to';
    if (!(minutes > 0)) local.minutes = 'family.need_hours';
    if (!form.check(local)) return;
    setSheetError(null);
    setAsking({ kind, to: receiver, minutes, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  const give = async () => {
    if (!asking) return;
    setBusy(true);
    try {
      await tb('/gifts', asking);
      setDone(asking.minutes);
      setAsking(null);
      setAmount('');
      setNote('');
      form.clear();
      onDone();
    } catch (e) {
      const refusal = e instanceof Refusal ? e : new Refusal(0, undefined);
      const onForm = Object.keys(refusal.fields(lang)).some((k) =>
        ['to', 'minutes', 'note'].includes(k),
      );
      // A receiver who is no member at all (a mistyped code) is the server's 404: said on the field.
      if (refusal.status === 404) {
        form.check({ to: 'family.unknown' });
        setAsking(null);
      } else if (onForm) {
        form.refused(refusal);
        setAsking(null);
      } else setSheetError(refusal);
    } finally {
      setBusy(false);
    }
  };

  const prefix = kind === 'family' ? 'give' : 'donate';
  return (
    <div className="tb-card" data-testid={`tb-${prefix}`}>
      <h2>{kind === 'family' ? t('family.give') : t('family.donate')}</h2>
      {kind === 'donation' && (
        <p className="tb-muted" style={{ marginTop: 0 }}>
          {t('family.donate_intro')}
        </p>
      )}
      <div className="tb-muted">{t('family.available', { h: hoursOf(me.balance?.available) })}</div>
      {done !== null && (
        <div className="tb-ok" role="status" data-testid={`tb-${prefix}-done`}>
          {t(kind === 'family' ? 'family.given' : 'family.donated', { h: hoursOf(done) })}
        </div>
      )}
      <Field
        label={kind === 'family' ? t('family.to') : t('family.donate_to')}
        error={errors.to}
        name={`${prefix}-to`}
      >
        {kind === 'family' && (
          <select
            id={`tb-${prefix}-to`}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            style={{ marginBottom: to === OTHER ? 8 : 0 }}
          >
            {family.map((f) => (
              <option key={f.documentId} value={f.relative.documentId}>
                {f.relative.name}（{t(`family.relation.${f.relation}`)}）
              </option>
            ))}
            <option value={OTHER}>{t('family.other')}</option>
          </select>
        )}
        {to === OTHER && (
          <input
            id={kind === 'family' ? `tb-${prefix}-code` : `tb-${prefix}-to`}
            value={code}
            placeholder={t('family.code_hint')}
            autoComplete="off"
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('family.amount')} error={errors.minutes} name={`${prefix}-minutes`}>
        <input
          id={`tb-${prefix}-minutes`}
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
      </Field>
      <Field label={t('family.note')} error={errors.note} name={`${prefix}-note`}>
        <input
          id={`tb-${prefix}-note`}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
        />
      </Field>
      <button type="button" className="tb-btn" onClick={ask} data-testid={`tb-${prefix}-submit`}>
        {kind === 'family' ? t('family.send') : t('family.donate')}
      </button>
      {asking && (
        <ConfirmSheet
          text={
            kind === 'family'
              ? t('family.confirm_give', { h: hoursOf(asking.minutes), name: receiverName })
              : t('family.confirm_donate', { h: hoursOf(asking.minutes), name: receiverName })
          }
          action={kind === 'family' ? t('family.send') : t('family.donate')}
          onConfirm={() => void give()}
          onCancel={() => setAsking(null)}
          busy={busy}
          error={sheetError?.text(lang)}
        />
      )}
    </div>
  );
}
