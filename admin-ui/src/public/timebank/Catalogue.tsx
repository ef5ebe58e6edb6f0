import { useState } from 'react';
import type {
  BalanceView,
  MeView,
  RedemptionView,
} from '../../../../plugins/time-bank/server/src/shared/contracts/time-bank';
import { tb } from './api';
import { hoursOf } from './messages';
import { listOf } from './Nearby';
import { ConfirmSheet, Field, Problem, Shell, useConfirmed, useLang, useLoad } from './ui';

/** A catalogue item as GET /me/catalogue lists it. */
interface Item {
  documentId: string;
  nameZh: string;
  nameEn?: string | null;
  kind?: 'service' | 'goods';
  description?: string | null;
  priceMinutes: number;
  stock?: number | null;
}

interface CatalogueAnswer {
  items?: Item[];
  redemptions?: RedemptionView[];
  balance?: BalanceView | null;
}

/**
 * 爱心兑换: what hours buy here (price in hours, stock left), redeeming with a confirmation that
 * says the hours are held until collected, and my redemptions, which I may cancel while held.
 */
export function Catalogue() {
  const { lang, t } = useLang();
  const [page, reload] = useLoad(async () => {
    const [catalogue, me] = await Promise.all([tb<unknown>('/me/catalogue'), tb<MeView>('/me')]);
    const answer = (Array.isArray(catalogue) ? { items: catalogue } : catalogue) as CatalogueAnswer;
    return {
      items: listOf<Item>(answer, 'items'),
      redemptions: listOf<RedemptionView>(answer, 'redemptions'),
      balance: answer.balance ?? me.balance,
    };
  }, []);
  const [quantity, setQuantity] = useState(1);
  const redeem = useConfirmed(
    (item: Item) => tb(`/catalogue-items/${item.documentId}/redeem`, { quantity }),
    reload,
  );
  const cancel = useConfirmed(
    (r: RedemptionView) => tb(`/redemptions/${r.documentId}/cancel`, {}),
    reload,
  );
  const name = (i: { nameZh: string; nameEn?: string | null } | null | undefined) =>
    i ? (lang === 'en' && i.nameEn ? i.nameEn : i.nameZh) : '';
  const data = page && 'data' in page ? page.data : null;
  const quantityError = redeem.error?.fields(lang).quantity;
  return (
    <Shell title={t('catalogue.title')} back>
      {page === null && <p className="tb-muted">{t('loading')}</p>}
      {page && 'refused' in page && <Problem refused={page.refused} />}
      {data?.balance && (
        <div className="tb-card">
          <span className="tb-muted">{t('home.balance')} </span>
          <b data-testid="tb-available">{t('hours', { h: hoursOf(data.balance.available) })}</b>
          {data.balance.reserved > 0 && (
            <div className="tb-muted">
              {t('home.reserved', { h: hoursOf(data.balance.reserved) })}
            </div>
          )}
          {!data.balance.mayRedeem && <div className="tb-tag warn">{t('catalogue.may_not')}</div>}
        </div>
      )}
      {data && data.items.length === 0 && (
        <div className="tb-card tb-muted">{t('catalogue.empty')}</div>
      )}
      {data?.items.map((item) => {
        const none = item.stock !== null && item.stock !== undefined && item.stock <= 0;
        return (
          <div className="tb-card" key={item.documentId} data-testid="tb-item">
            <div className="tb-line">
              <h2>{name(item)}</h2>
              <span className="tb-plus">
                {t('catalogue.price', { h: hoursOf(item.priceMinutes) })}
              </span>
            </div>
            {item.description && <p style={{ margin: '0 0 6px' }}>{item.description}</p>}
            {item.stock !== null && item.stock !== undefined && (
              <div className="tb-muted">
                {none ? t('catalogue.no_stock') : t('catalogue.stock', { n: item.stock })}
              </div>
            )}
            <button
              type="button"
              className="tb-btn"
              // Not while the card above says the member may not redeem yet: the server would
              // only refuse it.
              disabled={none || data.balance?.mayRedeem === false}
              data-testid="tb-redeem"
              onClick={() => {
                setQuantity(1);
                redeem.ask(item);
              }}
            >
              {t('catalogue.redeem')}
            </button>
          </div>
        );
      })}
      {data && (
        <div className="tb-card" data-testid="tb-redemptions">
          <h2>{t('catalogue.mine')}</h2>
          {data.redemptions.length === 0 ? (
            <p className="tb-muted">{t('catalogue.none')}</p>
          ) : (
            <ul>
              {data.redemptions.map((r) => (
                <li
                  key={r.documentId}
                  className="tb-item"
                  data-testid="tb-redemption"
                  data-status={r.status}
                >
                  <div className="tb-line">
                    <div>
                      <div>
                        {name(r.item)} × {r.quantity}
                      </div>
                      <div className="tb-muted tb-small">
                        {r.number} · {t('hours', { h: hoursOf(r.minutes) })}
                      </div>
                    </div>
                    <span
                      className={`tb-tag${r.status === 'reserved' ? ' warn' : r.status === 'cancelled' ? ' grey' : ''}`}
                    >
                      {t(`catalogue.status.${r.status}`)}
                    </span>
                  </div>
                  {r.status === 'reserved' && (
                    <button
                      type="button"
                      className="tb-btn danger"
                      onClick={() => cancel.ask(r)}
                      data-testid="tb-cancel-redemption"
                    >
                      {t('catalogue.cancel')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {redeem.asked && (
        <ConfirmSheet
          text={t('catalogue.confirm_redeem', {
            name: name(redeem.asked),
            q: quantity,
            h: hoursOf(redeem.asked.priceMinutes * quantity),
          })}
          action={t('catalogue.redeem')}
          onConfirm={() => void redeem.confirm()}
          onCancel={redeem.cancel}
          busy={redeem.busy}
          error={quantityError ? undefined : redeem.errorText}
        >
          <Field label={t('catalogue.quantity')} error={quantityError} name="quantity">
            <div className="tb-row" style={{ alignItems: 'center' }}>
              <button
                type="button"
                className="tb-chip"
                onClick={() => setQuantity((q) => Math.max(1, q - 1))}
                aria-label="−"
              >
                −
              </button>
              <input
                id="tb-quantity"
                inputMode="numeric"
                value={quantity}
                style={{ textAlign: 'center' }}
                onChange={(e) =>
                  setQuantity(Math.max(1, Number(e.target.value.replace(/\D/g, '')) || 1))
                }
              />
              <button
                type="button"
                className="tb-chip"
                onClick={() => setQuantity((q) => q + 1)}
                aria-label="+"
              >
                +
              </button>
            </div>
          </Field>
        </ConfirmSheet>
      )}
      {cancel.asked && (
        <ConfirmSheet
          text={t('catalogue.confirm_cancel', {
            name: name(cancel.asked.item),
            h: hoursOf(cancel.asked.minutes),
          })}
          action={t('catalogue.cancel')}
          danger
          onConfirm={() => void cancel.confirm()}
          onCancel={cancel.cancel}
          busy={cancel.busy}
          error={cancel.errorText}
        />
      )}
    </Shell>
  );
}
