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

/** A passbook number as people type it: "tb 000123", "ＴＢ000123" → "TB000123". */
export function passbookNoOf(text: string): string {
  return text
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s-]/g, '')
    .toUpperCase();
}

/**
 * 家庭与捐赠: the family staff registered for me, giving hours to one of them (or to a member
 * whose passbook number I was given: the server says if they are not registered family), and
 * donating hours to a community pool or to a neighbour by passbook number; every refusal (no
 * such passbook, not family, yearly limit, balance) under the field it concerns.
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
          {me.member?.passbookNo}
        </span>
      </p>
    </div>
  );
}

function Give({ me, kind, onDone }: { me: MeView; kind: GiftInput['kind']; onDone: () => void }) {
  const { lang, t } = useLang();
  const family = me.family.filter((f) => f.status === 'active');
  // Who may receive: registered family for a family gift, the community pools for a donation.
  const choices =
    kind === 'family'
      ? family.map((f) => ({
          documentId: f.relative.documentId,
          name: f.relative.name,
          label:
            lang === 'zh'
              ? `${f.relative.name}（${t(`family.relation.${f.relation}`)}）`
              : `${f.relative.name} (${t(`family.relation.${f.relation}`)})`,
        }))
      : [...me.pools]
          // The nearest pool first: one's own community's, then the places above it.
          .sort((a, b) => (b.areaPath ?? '').length - (a.areaPath ?? '').length)
          .map((p) => ({ documentId: p.documentId, name: p.name, label: p.name }));
  const [to, setTo] = useState(choices[0]?.documentId ?? OTHER);
  const [code, setCode] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const form = useFormErrors(['to', 'minutes', 'note']);
  const { errors } = form;
  const [asking, setAsking] = useState<GiftInput | null>(null);
  const [busy, setBusy] = useState(false);
  const [sheetError, setSheetError] = useState<Refusal | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const receiver = to === OTHER ? passbookNoOf(code) : to;
  const receiverName = choices.find((c) => c.documentId === receiver)?.name ?? receiver;

  const ask = () => {
    setDone(null);
    const local: Record<string, string> = {};
    const minutes = minutesOfHours(amount);
    if (!receiver) local.to = 'family.need_to';
    else if (to === OTHER && !/^TB\d+$/.test(receiver)) local.to = 'family.bad_number';
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
      // The server says an unknown passbook number on `to`; a 404 would say the same.
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
        {choices.length > 0 && (
          <select
            id={`tb-${prefix}-to`}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            style={{ marginBottom: to === OTHER ? 8 : 0 }}
          >
            {choices.map((c) => (
              <option key={c.documentId} value={c.documentId}>
                {c.label}
              </option>
            ))}
            <option value={OTHER}>
              {kind === 'family' ? t('family.other') : t('family.other_person')}
            </option>
          </select>
        )}
        {to === OTHER && (
          <input
            id={choices.length > 0 ? `tb-${prefix}-code` : `tb-${prefix}-to`}
            value={code}
            autoCapitalize="characters"
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
