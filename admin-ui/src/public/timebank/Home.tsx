import { useState } from 'react';
import type { MeView } from '../../../../plugins/time-bank/server/src/shared/contracts/time-bank';
import { tb } from './api';
import { hoursOf } from './messages';
import { Field, Link, Problem, Shell, useFormErrors, useLang, useLoad } from './ui';

// Each door's badge is one character of its name: clear at any size, in any font (emoji are
// missing from many phones' and servers' fonts).
/** The home page's tiles; each icon a character of the tile's name, in the page's language. */
const TILES: { to: string; key: string; icon: { zh: string; en: string } }[] = [
  { to: '/t/nearby', key: 'nearby', icon: { zh: '需', en: 'N' } },
  { to: '/t/services', key: 'services', icon: { zh: '服', en: 'S' } },
  { to: '/t/post', key: 'post', icon: { zh: '求', en: 'H' } },
  { to: '/t/passbook', key: 'passbook', icon: { zh: '折', en: 'P' } },
  { to: '/t/catalogue', key: 'catalogue', icon: { zh: '兑', en: 'R' } },
  { to: '/t/family', key: 'family', icon: { zh: '家', en: 'F' } },
  { to: '/t/activities', key: 'activities', icon: { zh: '活', en: 'A' } },
  { to: '/t/checkin', key: 'checkin', icon: { zh: '签', en: 'C' } },
];

/**
 * 我的时间银行: a member's balance in hours, star level and the way to the next, what expires
 * soon and what redemptions hold, and the doors to every other page; joining when not a member.
 */
export function Home() {
  const { t } = useLang();
  const [me, reload] = useLoad(() => tb<MeView>('/me'), []);
  return (
    <Shell title={t('home_link')}>
      {me === null && <p className="tb-muted">{t('loading')}</p>}
      {me && 'refused' in me && <Problem refused={me.refused} />}
      {me && 'data' in me && !me.data.member && <Join me={me.data} onJoined={reload} />}
      {me && 'data' in me && me.data.member && <Member me={me.data} />}
    </Shell>
  );
}

function Member({ me }: { me: MeView }) {
  const { lang, t } = useLang();
  const b = me.balance;
  const member = me.member!;
  return (
    <>
      <div className="tb-card" data-testid="tb-balance">
        <div className="tb-muted">{t('home.balance')}</div>
        <div className="tb-balance">
          <span data-testid="tb-available">{hoursOf(b?.available)}</span>
          <small>{t('hours', { h: '' }).trim()}</small>
        </div>
        {b && (
          <>
            <div style={{ marginTop: 6 }}>
              <span className="tb-stars" aria-hidden="true">
                {'★'.repeat(Math.max(0, Math.min(b.level, 5)))}
              </span>{' '}
              <span data-testid="tb-level">
                {b.level > 0 ? t('home.stars', { n: b.level }) : t('home.no_star')}
              </span>
            </div>
            <div className="tb-muted">
              {b.toNextLevel === null
                ? t('home.top')
                : t('home.to_next', { h: hoursOf(b.toNextLevel) })}
            </div>
            <div className="tb-muted">{t('home.earned', { h: hoursOf(b.earned) })}</div>
            {b.expiringSoon > 0 && (
              <div className="tb-note warn" data-testid="tb-expiring">
                {t('home.expiring', { h: hoursOf(b.expiringSoon) })}
              </div>
            )}
            {b.reserved > 0 && (
              <div className="tb-note" data-testid="tb-reserved">
                {t('home.reserved', { h: hoursOf(b.reserved) })}
              </div>
            )}
          </>
        )}
        <div className="tb-muted tb-small" style={{ marginTop: 8 }}>
          {member.name}
          {member.area ? ` · ${member.area.name}` : ''} ·{' '}
          {t('home.passbook_no', { no: member.passbookNo })}
        </div>
      </div>
      <div className="tb-grid">
        {TILES.map((tile) => (
          <Link key={tile.to} to={tile.to} className="tb-tile" testId={`tb-go-${tile.key}`}>
            <span className="tb-icon" aria-hidden="true">
              {tile.icon[lang]}
            </span>
            {t(`home.${tile.key}`)}
          </Link>
        ))}
      </div>
    </>
  );
}

function Join({ me, onJoined }: { me: MeView; onJoined: () => void }) {
  const { lang, t } = useLang();
  const [area, setArea] = useState(
    me.communities.length === 1 ? me.communities[0]!.documentId : '',
  );
  const [categories, setCategories] = useState<string[]>([]);
  const form = useFormErrors(['area', 'categories']);
  const { errors, message } = form;
  const [busy, setBusy] = useState(false);
  const toggle = (code: string) =>
    setCategories((now) => (now.includes(code) ? now.filter((c) => c !== code) : [...now, code]));
  const join = async () => {
    if (!form.check(area ? {} : { area: 'join.choose_community' })) return;
    setBusy(true);
    try {
      await tb('/me/join', { area, categories });
      onJoined();
    } catch (e) {
      form.refused(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tb-card" data-testid="tb-join">
      <h2>{t('join.title')}</h2>
      <p className="tb-muted">{t('join.intro')}</p>
      {me.communities.length === 0 ? (
        <div className="tb-alert">{t('join.none')}</div>
      ) : (
        <>
          <Field label={t('join.community')} error={errors.area} name="area">
            <select id="tb-area" value={area} onChange={(e) => setArea(e.target.value)}>
              <option value="">{t('join.choose_community')}</option>
              {me.communities.map((c) => (
                <option key={c.documentId} value={c.documentId}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <div className={`tb-field${errors.categories ? ' bad' : ''}`}>
            <span className="tb-label">{t('join.categories')}</span>
            <div className="tb-chips">
              {me.categories.map((c) => (
                <button
                  key={c.code}
                  type="button"
                  className="tb-chip"
                  aria-pressed={categories.includes(c.code)}
                  onClick={() => toggle(c.code)}
                >
                  {lang === 'en' ? c.nameEn || c.nameZh : c.nameZh}
                </button>
              ))}
            </div>
            {errors.categories && <div className="tb-error">{errors.categories}</div>}
          </div>
          {message && (
            <div className="tb-alert" role="alert">
              {message}
            </div>
          )}
          <button
            type="button"
            className="tb-btn"
            onClick={join}
            disabled={busy}
            data-testid="tb-join-submit"
          >
            {busy ? t('sending') : t('join.submit')}
          </button>
        </>
      )}
    </div>
  );
}
