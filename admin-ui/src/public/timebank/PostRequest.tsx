import { useState } from 'react';
import type {
  MeView,
  RequestInput,
} from '../../../../plugins/time-bank/server/src/shared/contracts/time-bank';
import { Refusal, tb } from './api';
import type { Lang } from './messages';
import { Field, Link, Problem, Shell, useFormErrors, useLang, useLoad } from './ui';

/** The China day `days` from today, "2026-12-01". */
const chinaDay = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
/** A China day and time of day as an instant. */
const instant = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();

/** The next two weeks, and the hours of a day from 07:00 to 21:00 by half-hours. */
const DAYS = Array.from({ length: 14 }, (_, i) => chinaDay(i));
const TIMES = Array.from({ length: 29 }, (_, i) => {
  const m = 7 * 60 + i * 30;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
});

const DURATIONS = [30, 60, 90, 120, 180, 240];
const FIELDS = [
  'title',
  'category',
  'description',
  'day',
  'windowStart',
  'windowEnd',
  'estimatedMinutes',
  'volunteersNeeded',
  'address',
];

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
    day: DAYS[1]!,
    windowStart: '09:00',
    windowEnd: '11:00',
    estimatedMinutes: 60,
    volunteersNeeded: 1,
    address: '',
  });
  const form = useFormErrors(FIELDS);
  const { errors, message } = form;
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV((now) => ({
      ...now,
      [k]:
        k === 'estimatedMinutes' || k === 'volunteersNeeded'
          ? Number(e.target.value)
          : e.target.value,
    }));

  const send = async () => {
    const local: Record<string, string> = {};
    if (!v.title.trim()) local.title = 'required';
    if (!v.category) local.category = 'post.choose';
    if (!form.check(local)) return;
    setBusy(true);
    try {
      const body: RequestInput = {
        title: v.title.trim(),
        category: v.category,
        description: v.description.trim() || undefined,
        windowStart: instant(v.day, v.windowStart),
        windowEnd: instant(v.day, v.windowEnd),
        estimatedMinutes: v.estimatedMinutes,
        volunteersNeeded: v.volunteersNeeded,
        address: v.address.trim() || undefined,
      };
      await tb('/requests', body);
      setDone(true);
      window.scrollTo(0, 0);
    } catch (e) {
      form.refused(e);
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
            <textarea
              id="tb-description"
              value={v.description}
              maxLength={1000}
              onChange={set('description')}
            />
          </Field>
          <Field label={t('post.day')} error={errors.day} name="day">
            <select id="tb-day" value={v.day} onChange={set('day')}>
              {DAYS.map((d, i) => (
                <option key={d} value={d}>
                  {dayLabel(d, i, lang, t)}
                </option>
              ))}
            </select>
          </Field>
          <div className="tb-row">
            <Field label={t('post.windowStart')} error={errors.windowStart} name="windowStart">
              <select id="tb-windowStart" value={v.windowStart} onChange={set('windowStart')}>
                {TIMES.map((time) => (
                  <option key={time} value={time}>
                    {time}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('post.windowEnd')} error={errors.windowEnd} name="windowEnd">
              <select id="tb-windowEnd" value={v.windowEnd} onChange={set('windowEnd')}>
                {TIMES.map((time) => (
                  <option key={time} value={time}>
                    {time}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field
            label={t('post.estimated')}
            error={errors.estimatedMinutes}
            name="estimatedMinutes"
          >
            <select
              id="tb-estimatedMinutes"
              value={v.estimatedMinutes}
              onChange={set('estimatedMinutes')}
            >
              {DURATIONS.map((m) => (
                <option key={m} value={m}>
                  {t('hours', { h: m / 60 })}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('post.volunteers')}
            error={errors.volunteersNeeded}
            name="volunteersNeeded"
          >
            <select
              id="tb-volunteersNeeded"
              value={v.volunteersNeeded}
              onChange={set('volunteersNeeded')}
            >
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
          <button
            type="button"
            className="tb-btn"
            onClick={() => void send()}
            disabled={busy}
            data-testid="tb-post-submit"
          >
            {busy ? t('sending') : t('post.submit')}
          </button>
        </div>
      )}
    </Shell>
  );
}

/** 今天 / 明天 / 12月3日 周四 (Thu 3 Dec). */
function dayLabel(day: string, index: number, lang: Lang, t: (key: string) => string): string {
  const date = new Date(`${day}T12:00:00+08:00`).toLocaleDateString(
    lang === 'zh' ? 'zh-CN' : 'en-GB',
    {
      timeZone: 'Asia/Shanghai',
      month: 'short',
      day: 'numeric',
      weekday: 'short',
    },
  );
  if (index === 0) return `${t('post.today')} · ${date}`;
  if (index === 1) return `${t('post.tomorrow')} · ${date}`;
  return date;
}
