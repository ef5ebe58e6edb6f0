import { useState } from 'react';
import type {
  MeView,
  RequestInput,
} from '../../../../plugins/time-bank/server/src/shared/contracts/time-bank';
import { Refusal, tb } from './api';
import { Field, Link, Problem, Shell, useLang, useLoad } from './ui';

/** "2026-12-01T09:00" in China time, for a datetime-local input, `days` from today. */
function chinaLocal(days: number, hour: number): string {
  const day = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}
/** A datetime-local value read as China time, as an instant. */
const instant = (local: string) => (local ? new Date(`${local}:00+08:00`).toISOString() : '');

const DURATIONS = [30, 60, 90, 120, 180, 240];

/**
 * 发布需求: a resident asks for help for themselves. Time is chosen in China time; the length in
 * hours (sent as minutes). The server's refusals show under their fields, in the page's language.
 */
export function PostRequest() {
  const { lang, t } = useLang();
  const [me] = useLoad(() => tb<MeView>('/me'), []);
  const [v, setV] = useState({
    title: '',
    category: '',
    description: '',
    windowStart: chinaLocal(1, 9),
    windowEnd: chinaLocal(1, 11),
    estimatedMinutes: 60,
    volunteersNeeded: 1,
    address: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV((now) => ({
      ...now,
      [k]: k === 'estimatedMinutes' || k === 'volunteersNeeded' ? Number(e.target.value) : e.target.value,
    }));

  const send = async () => {
    setMessage('');
    const local: Record<string, string> = {};
    if (!v.title.trim()) local.title = t('required');
    if (!v.category) local.category = t('post.choose');
    setErrors(local);
    if (Object.keys(local).length) {
      setMessage(t('fix'));
      return;
    }
    setBusy(true);
    try {
      const body: RequestInput = {
        title: v.title.trim(),
        category: v.category,
        description: v.description.trim() || undefined,
        windowStart: instant(v.windowStart),
        windowEnd: instant(v.windowEnd),
        estimatedMinutes: v.estimatedMinutes,
        volunteersNeeded: v.volunteersNeeded,
        address: v.address.trim() || undefined,
      };
      await tb('/requests', body);
      setDone(true);
      window.scrollTo(0, 0);
    } catch (e) {
      const refusal = e instanceof Refusal ? e : new Refusal(0, undefined);
      const fields = refusal.fields(lang);
      setErrors(fields);
      const known = new Set(Object.keys(v));
      const elsewhere = Object.entries(fields).filter(([k]) => !known.has(k.split('.')[0] ?? ''));
      setMessage(
        Object.keys(fields).length === 0
          ? refusal.text(lang)
          : elsewhere.length
            ? elsewhere.map(([, m]) => m).join(lang === 'zh' ? '；' : '; ')
            : t('fix'),
      );
      requestAnimationFrame(() =>
        document.querySelector('.tb-field.bad, .tb-alert')?.scrollIntoView({ block: 'center' }),
      );
    } finally {
      setBusy(false);
    }
  };

  if (me && 'refused' in me)
    return (
      <Shell title={t('post.title')} back>
        <Problem refused={me.refused} />
      </Shell>
    );
  if (me && 'data' in me && !me.data.member)
    return (
      <Shell title={t('post.title')} back>
        <Problem refused={new Refusal(404, undefined)} />
      </Shell>
    );
  const categories = me && 'data' in me ? me.data.categories : [];
  return (
    <Shell title={t('post.title')} back>
      {done ? (
        <div className="tb-card">
          <div className="tb-ok" role="status" data-testid="tb-posted">
            {t('post.done')}
          </div>
          <Link to="/t/services" className="tb-btn">
            {t('home.services')}
          </Link>
          <button
            type="button"
            className="tb-btn secondary"
            onClick={() => {
              setDone(false);
              setV((now) => ({ ...now, title: '', description: '' }));
            }}
          >
            {t('post.another')}
          </button>
        </div>
      ) : (
        <div className="tb-card">
          <p className="tb-muted" style={{ marginTop: 0 }}>
            {t('post.intro')}
          </p>
          {message && (
            <div className="tb-alert" role="alert">
              {message}
            </div>
          )}
          <Field label={t('post.what')} error={errors.title} name="title">
            <input id="tb-title" value={v.title} maxLength={100} onChange={set('title')} />
          </Field>
          <Field label={t('post.category')} error={errors.category} name="category">
            <select id="tb-category" value={v.category} onChange={set('category')}>
              <option value="">{t('post.choose')}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {lang === 'en' ? c.nameEn || c.nameZh : c.nameZh}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('post.description')} error={errors.description} name="description">
            <textarea id="tb-description" value={v.description} maxLength={1000} onChange={set('description')} />
          </Field>
          <Field label={t('post.windowStart')} error={errors.windowStart} name="windowStart">
            <input id="tb-windowStart" type="datetime-local" value={v.windowStart} onChange={set('windowStart')} />
          </Field>
          <Field label={t('post.windowEnd')} error={errors.windowEnd} name="windowEnd">
            <input id="tb-windowEnd" type="datetime-local" value={v.windowEnd} onChange={set('windowEnd')} />
          </Field>
          <Field label={t('post.estimated')} error={errors.estimatedMinutes} name="estimatedMinutes">
            <select id="tb-estimatedMinutes" value={v.estimatedMinutes} onChange={set('estimatedMinutes')}>
              {DURATIONS.map((m) => (
                <option key={m} value={m}>
                  {t('hours', { h: m / 60 })}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('post.volunteers')} error={errors.volunteersNeeded} name="volunteersNeeded">
            <select id="tb-volunteersNeeded" value={v.volunteersNeeded} onChange={set('volunteersNeeded')}>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('post.address')} error={errors.address} name="address">
            <input id="tb-address" value={v.address} maxLength={200} onChange={set('address')} />
          </Field>
          <button type="button" className="tb-btn" onClick={() => void send()} disabled={busy} data-testid="tb-post-submit">
            {busy ? t('sending') : t('post.submit')}
          </button>
        </div>
      )}
    </Shell>
  );
}
