import type {
  CaseDetail,
  CaseSummary,
  CaseTypeDetail,
  SlaStatus,
  TimelineStep,
} from '../../../../plugins/cases/server/src/shared/contracts/cases';
import type { CaseTypeDefinition } from '../../../../plugins/cases/server/src/domain/types';
import { Link, useLoad } from '../timebank/ui';
import { cases } from './api';
import { chinaTime, ct, loc, type Lang } from './messages';
import { GShell, Refused, useWords } from './ui';

/** Only what asks for attention gets a badge: on time and met need none. */
const SLA_BADGE: Partial<Record<SlaStatus, string>> = {
  due_soon: 'warn',
  overdue: 'bad',
  missed: 'bad',
  paused: 'grey',
};

export function SlaBadge({ status }: { status: SlaStatus }) {
  const { t } = useWords();
  const tone = SLA_BADGE[status];
  if (!tone) return null;
  return (
    <span className={`tb-tag ${tone}`} data-testid="g-sla" data-sla={status}>
      {t(`sla.${status}`)}
    </span>
  );
}

/** 我的事项: the cases one called in or is assigned, each with its state and time limit. */
export function MyCases() {
  const { lang, t } = useWords();
  const [mine] = useLoad(() => cases<CaseSummary[]>('/mine'), []);
  return (
    <GShell title={t('grid.mine')} back>
      {mine === null && <p className="tb-muted">{t('loading')}</p>}
      {mine && 'refused' in mine && <Refused refused={mine.refused} />}
      {mine && 'data' in mine && (
        <div className="tb-card">
          {mine.data.length === 0 ? (
            <p className="tb-muted">{t('mine.empty')}</p>
          ) : (
            <ul data-testid="g-mine">
              {mine.data.map((c) => (
                <li key={c.documentId} className="tb-item" data-testid="g-case">
                  <Link to={`/g/case/${c.documentId}`} className="g-row">
                    <div className="tb-line">
                      <strong>{c.title}</strong>
                      <span className={`tb-tag ${c.stateKind}`} style={{ marginRight: 0 }}>
                        {loc(lang, c.stateLabel)}
                      </span>
                    </div>
                    <div className="tb-muted tb-small">
                      {c.number}
                      {c.areaName ? ` · ${c.areaName}` : ''}
                    </div>
                    <div className="tb-small" style={{ marginTop: 4 }}>
                      <SlaBadge status={c.slaStatus} />
                      <span className="tb-muted">
                        {c.dueAt
                          ? t('mine.due', { at: chinaTime(c.dueAt, lang) })
                          : t('mine.created', { at: chinaTime(c.createdAt, lang) })}
                      </span>
                    </div>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </GShell>
  );
}

/**
 * A step in words: the transition's own label when the type names it, else the engine's
 * operations (press, whistle, …), else the state it moved to.
 */
function stepLabel(step: TimelineStep, definition: CaseTypeDefinition | null, lang: Lang) {
  const transition = definition?.workflow.transitions.find((tr) => tr.key === step.action);
  if (transition) return loc(lang, transition.label);
  const known = ct(lang, `actions.${step.action}`);
  if (known !== `actions.${step.action}`) return known;
  const state = definition?.workflow.states.find((s) => s.key === step.toState);
  if (state) return ct(lang, 'actions.to_state', { state: loc(lang, state.label) });
  return step.action;
}

/** One case as its caller follows it on the phone: read-only (it is worked in the console). */
export function CaseDetailPage({ id }: { id: string }) {
  const { lang, t } = useWords();
  const [found] = useLoad(async () => {
    const detail = await cases<CaseDetail>(`/cases/${encodeURIComponent(id)}`);
    // The type's labels for the steps; the steps still show (by their code) without them.
    const type = await cases<CaseTypeDetail>(`/types/${encodeURIComponent(detail.typeKey)}`).catch(
      () => null,
    );
    return { detail, definition: type?.current ?? null };
  }, [id]);
  const c = found && 'data' in found ? found.data.detail : null;
  const definition = found && 'data' in found ? found.data.definition : null;
  const what = c
    ? [loc(lang, c.categoryLabel), loc(lang, c.itemLabel)].filter(Boolean).join(' / ')
    : '';
  return (
    <GShell title={t('detail.title')} back>
      {found === null && <p className="tb-muted">{t('loading')}</p>}
      {found && 'refused' in found && <Refused refused={found.refused} />}
      {c && (
        <>
          <div className="tb-card" data-testid="g-detail">
            <div className="tb-muted tb-small">
              {c.number} · {loc(lang, c.typeName)}
            </div>
            <h2 style={{ margin: '4px 0 8px' }}>{c.title}</h2>
            <div>
              <span className={`tb-tag ${c.stateKind}`} data-testid="g-state">
                {loc(lang, c.stateLabel)}
              </span>
              <SlaBadge status={c.slaStatus} />
            </div>
            <dl className="g-dl" style={{ marginTop: 12 }}>
              {c.dueAt && (
                <>
                  <dt>{t('receipt.due')}</dt>
                  <dd>{chinaTime(c.dueAt, lang)}</dd>
                </>
              )}
              {what && (
                <>
                  <dt>{t('detail.category')}</dt>
                  <dd>{what}</dd>
                </>
              )}
              {(c.areaName || c.address) && (
                <>
                  <dt>{t('detail.place')}</dt>
                  <dd>{[c.areaName, c.address].filter(Boolean).join(' · ')}</dd>
                </>
              )}
              {c.assigneeName && (
                <>
                  <dt>{t('detail.assignee')}</dt>
                  <dd>{c.assigneeName}</dd>
                </>
              )}
              <dt>{t('detail.receipt')}</dt>
              <dd data-testid="g-detail-receipt">{c.receiptCode}</dd>
            </dl>
            {c.description && (
              <>
                <h2 style={{ marginTop: 16 }}>{t('detail.description')}</h2>
                <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.description}</p>
              </>
            )}
            {c.attachments.length > 0 && (
              <>
                <h2 style={{ marginTop: 16 }}>{t('detail.photos')}</h2>
                <div className="g-photos">
                  {c.attachments.map((a) => (
                    <a key={a.id} href={a.url} target="_blank" rel="noreferrer" className="g-photo">
                      {a.mime.startsWith('image/') ? <img src={a.url} alt={a.name} /> : a.name}
                    </a>
                  ))}
                </div>
              </>
            )}
          </div>
          <div className="tb-card">
            <h2>{t('receipt.reply')}</h2>
            {c.reply ? (
              <>
                <p style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="g-reply">
                  {c.reply}
                </p>
                {c.repliedAt && (
                  <div className="tb-muted tb-small">
                    {t('receipt.replied_at', { at: chinaTime(c.repliedAt, lang) })}
                  </div>
                )}
              </>
            ) : (
              <p className="tb-muted">{t('receipt.no_reply')}</p>
            )}
          </div>
          <div className="tb-card">
            <h2>{t('detail.timeline')}</h2>
            {c.timeline.length === 0 ? (
              <p className="tb-muted">{t('receipt.no_steps')}</p>
            ) : (
              <ol className="g-steps" data-testid="g-timeline">
                {c.timeline.map((step) => (
                  <li key={step.id}>
                    <div className="tb-muted tb-small">
                      {chinaTime(step.at, lang)}
                      {step.actorName ? ` · ${step.actorName}` : ''}
                    </div>
                    <strong>{stepLabel(step, definition, lang)}</strong>
                    {step.note && <p>{step.note}</p>}
                    {step.attachments.map((a) => (
                      <p key={a.id}>
                        <a href={a.url} target="_blank" rel="noreferrer">
                          {a.name}
                        </a>
                      </p>
                    ))}
                  </li>
                ))}
              </ol>
            )}
          </div>
        </>
      )}
    </GShell>
  );
}
