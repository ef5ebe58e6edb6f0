import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type FormEvent,
  type ReactElement,
} from 'react';
import {
  OPEN_STAGES,
  TOPIC_KINDS,
  type ProcedureConfig,
} from '../../../../plugins/consultation/server/src/domain/procedure';
import {
  resultReason,
  type Measure,
} from '../../../../plugins/consultation/server/src/domain/rules';
import type {
  MyVoteRow,
  TopicDetail,
  TallyResult,
  TopicRow,
  VoteDetail,
} from '../../../../plugins/consultation/server/src/shared/contracts/consultation';
import { fetchMe, signOut } from '../cases/api';
import { chinaTime } from '../cases/messages';
import { Refusal, TOKEN } from '../timebank/api';
import {
  ConfirmSheet,
  Field,
  LangContext,
  Link,
  initialLang,
  useConfirmed,
  useLoad,
} from '../timebank/ui';
import { con } from './api';
import type { Lang } from './messages';
import { CShell, useWords } from './ui';
import { PhoneSignIn } from '../PhoneSignIn';

type Who = 'loading' | 'signed-out' | 'in';

/**
 * 社区协商 on the phone under /c (served by the public form page, as /t and /g are): a
 * signed-in resident's community topics (raise, support, comment, rank, follow, rate) and their
 * votes (cast, see the household's ballot and the result).
 */
export function ConsultationApp() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [path, setPath] = useState(location.pathname);
  const [who, setWho] = useState<Who>('loading');
  useEffect(() => {
    const moved = () => setPath(location.pathname);
    window.addEventListener('popstate', moved);
    return () => window.removeEventListener('popstate', moved);
  }, []);
  const load = useCallback(() => {
    if (!localStorage.getItem(TOKEN)) {
      setWho('signed-out');
      return;
    }
    fetchMe().then(
      () => setWho('in'),
      () => setWho('signed-out'),
    );
  }, []);
  useEffect(load, [load]);
  const language = useMemo(
    () => ({
      lang,
      setLang: (l: Lang) => {
        localStorage.setItem('linli.locale', l);
        localStorage.setItem('RaStore.locale', JSON.stringify(l === 'zh' ? 'zh-CN' : 'en'));
        setLangState(l);
      },
    }),
    [lang],
  );
  const parts = path.split('/').filter(Boolean);
  let page: ReactElement;
  if (who === 'loading') page = <Plain text="loading" />;
  else if (who === 'signed-out') page = <SignIn onIn={load} />;
  else if (parts.length === 1)
    page = (
      <Home
        onOut={() => {
          signOut();
          setWho('signed-out');
        }}
      />
    );
  else if (parts[1] === 'new') page = <Raise />;
  else if (parts[1] === 'rank') page = <Rank />;
  else if (parts[1] === 'topic' && parts[2]) page = <TopicPage key={path} id={parts[2]} />;
  else if (parts[1] === 'vote' && parts[2]) page = <VotePage key={path} id={parts[2]} />;
  else page = <Plain text="not_found" back />;
  return <LangContext.Provider value={language}>{page}</LangContext.Provider>;
}

function Plain({ text, back }: { text: string; back?: boolean }) {
  const { t } = useWords();
  return (
    <CShell title={t('app')} back={back}>
      <p className="tb-muted">{t(text)}</p>
    </CShell>
  );
}

function Problem({ refused }: { refused: Refusal }) {
  const { lang } = useWords();
  return (
    <div className="tb-alert" role="alert">
      {refused.text(lang)}
    </div>
  );
}

function SignIn({ onIn }: { onIn: () => void }) {
  const { lang, t } = useWords();
  return (
    <PhoneSignIn
      onIn={onIn}
      lang={lang}
      prefix="tb"
      testId="c-sign-in"
      shell={(form) => <CShell title={t('sign_in.title')}>{form}</CShell>}
      t={t}
    />
  );
}

const stageTag = (stage: string) =>
  ['closed', 'declined', 'merged'].includes(stage)
    ? 'grey'
    : ['voting', 'publicising'].includes(stage)
      ? 'warn'
      : '';

function Home({ onOut }: { onOut: () => void }) {
  const { lang, t } = useWords();
  const [topics] = useLoad(() => con<TopicRow[]>('/topics?pageSize=50'), []);
  const [votes] = useLoad(() => con<MyVoteRow[]>('/votes/mine'), []);
  const [procedure] = useLoad(() => con<ProcedureConfig>('/procedure'), []);
  const rows = topics && 'data' in topics ? topics.data : null;
  const ranking = (rows ?? []).filter((r) => r.stage === 'ranking');
  const byRepresentatives =
    !!procedure && 'data' in procedure && procedure.data.rankers === 'representatives';
  return (
    <CShell title={t('app')}>
      <div className="tb-row" style={{ marginTop: 8 }}>
        <Link to="/c/new" className="tb-btn" testId="c-raise">
          <span
            style={{
              display: 'block',
              textAlign: 'center',
              lineHeight: '52px',
              color: '#fff',
              textDecoration: 'none',
            }}
          >
            {t('home.raise')}
          </span>
        </Link>
      </div>
      {ranking.length > 0 && byRepresentatives && (
        <div className="tb-card" data-testid="c-rank-representatives">
          <p>{t('home.rank_by_representatives', { count: ranking.length })}</p>
        </div>
      )}
      {ranking.length > 0 && !byRepresentatives && (
        <div className="tb-card" data-testid="c-rank-prompt">
          <p>{t('home.rank_hint', { count: ranking.length })}</p>
          <Link to="/c/rank" className="tb-btn secondary">
            <span style={{ display: 'block', textAlign: 'center' }}>{t('home.rank')}</span>
          </Link>
        </div>
      )}
      <div className="tb-card" data-testid="c-votes">
        <h2>{t('home.votes')}</h2>
        {votes && 'refused' in votes && <Problem refused={votes.refused} />}
        {votes && 'data' in votes && votes.data.length === 0 && (
          <p className="tb-muted">{t('votes.none')}</p>
        )}
        <ul>
          {votes &&
            'data' in votes &&
            votes.data.map((v) => (
              <li key={v.documentId} className="tb-item">
                <Link to={`/c/vote/${v.documentId}`} className="c-row" testId="c-vote-row">
                  <div className="c-title">{v.title}</div>
                  <span className={`tb-tag${v.status === 'open' ? ' warn' : ' grey'}`}>
                    {t(`votes.${v.status === 'open' ? 'open' : 'closed'}`)}
                  </span>
                  <span className="tb-muted">
                    {v.choice
                      ? t('votes.my_choice', { choice: t(`choice.${v.choice}`) })
                      : t('votes.not_voted')}
                  </span>
                  {v.status === 'open' && (
                    <div className="tb-muted tb-small">
                      {t('votes.closes', { at: chinaTime(v.closesAt, lang) })}
                    </div>
                  )}
                </Link>
              </li>
            ))}
        </ul>
      </div>
      <div className="tb-card" data-testid="c-topics">
        <h2>{t('home.topics')}</h2>
        {topics && 'refused' in topics && <Problem refused={topics.refused} />}
        {rows && rows.length === 0 && <p className="tb-muted">{t('home.none')}</p>}
        <ul>
          {(rows ?? []).map((r) => (
            <li key={r.documentId} className="tb-item">
              <Link to={`/c/topic/${r.documentId}`} className="c-row" testId="c-topic-row">
                <div className="c-title">{r.title}</div>
                <span className={`tb-tag ${stageTag(r.stage)}`}>{t(`stage.${r.stage}`)}</span>
                <span className="tb-muted">
                  {t(`kind.${r.kind}`)} · {t('home.supports', { count: r.supportCount })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
      <p>
        <button type="button" className="tb-btn secondary" onClick={onOut}>
          {t('sign_out')}
        </button>
      </p>
    </CShell>
  );
}

function Raise() {
  const { lang, t } = useWords();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [kind, setKind] = useState('other');
  const [building, setBuilding] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<TopicDetail | null>(null);
  const fields = refusal?.fields(lang) ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setRefusal(null);
    try {
      setDone(
        await con<TopicDetail>('/topics', {
          title,
          body,
          kind,
          ...(building.trim() ? { building: building.trim() } : {}),
        }),
      );
    } catch (err) {
      setRefusal(err instanceof Refusal ? err : new Refusal(0, undefined));
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <CShell title={t('raise.title')} back>
        <div className="tb-ok" role="status" data-testid="c-raised">
          {t('raise.done', { number: done.number })}
        </div>
        <p>
          <Link to={`/c/topic/${done.documentId}`} className="tb-btn secondary">
            <span style={{ display: 'block', textAlign: 'center' }}>{done.title}</span>
          </Link>
        </p>
      </CShell>
    );
  const known = ['title', 'body', 'kind', 'building'];
  const elsewhere = Object.entries(fields).filter(([k]) => !known.includes(k));
  return (
    <CShell title={t('raise.title')} back>
      <form className="tb-card" onSubmit={(e) => void submit(e)} data-testid="c-raise-form">
        {(missing || refusal) && (
          <div className="tb-alert" role="alert">
            {refusal && Object.keys(fields).length === 0
              ? refusal.text(lang)
              : elsewhere.length
                ? elsewhere.map(([, m]) => m).join('；')
                : t('fix')}
          </div>
        )}
        <Field
          label={t('raise.topic_title')}
          name="title"
          error={missing ? t('required') : fields.title}
        >
          <input id="tb-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field label={t('raise.kind')} name="kind" error={fields.kind}>
          <select id="tb-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {TOPIC_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('raise.body')} name="body" error={fields.body}>
          <textarea id="tb-body" value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <Field label={t('raise.building')} name="building" error={fields.building}>
          <input id="tb-building" value={building} onChange={(e) => setBuilding(e.target.value)} />
        </Field>
        <p>
          <button className="tb-btn" type="submit" disabled={busy} data-testid="c-raise-submit">
            {busy ? t('sending') : t('raise.submit')}
          </button>
        </p>
      </form>
    </CShell>
  );
}

function TopicPage({ id }: { id: string }) {
  const { lang, t } = useWords();
  const [state, reload] = useLoad(() => con<TopicDetail>(`/topics/${id}`), [id]);
  const support = useConfirmed(() => con(`/topics/${id}/support`, {}), reload);
  const [rating, setRating] = useState(0);
  const rate = useConfirmed((r: number) => con(`/topics/${id}/rate`, { rating: r }), reload);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  if (!state)
    return (
      <CShell back>
        <p className="tb-muted">{t('loading')}</p>
      </CShell>
    );
  if ('refused' in state)
    return (
      <CShell back>
        <Problem refused={state.refused} />
      </CShell>
    );
  const topic = state.data;
  const open = OPEN_STAGES.includes(topic.stage);
  const rated = topic.comments.some((c) => c.mine && c.rating);
  const send = async () => {
    setCommentError(null);
    try {
      await con(`/topics/${id}/comments`, { body: comment });
      setComment('');
      reload();
    } catch (e) {
      setCommentError(e instanceof Refusal ? e.text(lang) : t('failed'));
    }
  };
  return (
    <CShell title={topic.title} back>
      <div className="tb-card" data-testid="c-topic">
        <span className={`tb-tag ${stageTag(topic.stage)}`} data-testid="c-topic-stage">
          {t(`stage.${topic.stage}`)}
        </span>
        <span className="tb-muted">
          {topic.number} · {t(`kind.${topic.kind}`)}
        </span>
        {topic.body && <p style={{ whiteSpace: 'pre-wrap' }}>{topic.body}</p>}
        <p className="tb-muted">
          {t('home.supports', { count: topic.supportCount })} ·{' '}
          {t('home.comments', { count: topic.commentCount })}
        </p>
        {open &&
          (topic.supported ? (
            <div className="tb-ok">{t('topic.supported')}</div>
          ) : (
            <button
              type="button"
              className="tb-btn"
              onClick={() => support.ask(true)}
              data-testid="c-support"
            >
              {t('topic.support')}
            </button>
          ))}
      </div>
      {(topic.declineReason || topic.decisions.length > 0 || topic.votes.length > 0) && (
        <div className="tb-card" data-testid="c-outcome">
          <h2>{t('topic.outcome')}</h2>
          {topic.declineReason && (
            <p>
              <strong>{t('topic.declined')}：</strong>
              {topic.declineReason}
            </p>
          )}
          {topic.decisions.map((d) => (
            <div key={d.documentId} className="tb-note">
              <strong>{t('topic.decision')}：</strong>
              {d.text}
              {d.publicUntil && (
                <div className="tb-small">{t('topic.public_until', { until: d.publicUntil })}</div>
              )}
            </div>
          ))}
          {topic.votes.map((v) => (
            <p key={v.documentId}>
              <Link to={`/c/vote/${v.documentId}`} testId="c-topic-vote">
                {t('topic.vote')}：{v.title}
              </Link>{' '}
              {v.passed !== null && (
                <span className={`tb-tag ${v.passed ? '' : 'bad'}`}>
                  {t(v.passed ? 'votes.passed' : 'votes.failed')}
                </span>
              )}
            </p>
          ))}
        </div>
      )}
      {topic.stage === 'evaluating' && (
        <div className="tb-card" data-testid="c-rate">
          <h2>{t('topic.rate')}</h2>
          {rated ? (
            <div className="tb-ok">{t('topic.rated')}</div>
          ) : (
            <div className="c-stars">
              {[1, 2, 3, 4, 5].map((n) => (
                <button
                  key={n}
                  type="button"
                  aria-pressed={rating === n}
                  aria-label={t('topic.stars', { n })}
                  onClick={() => {
                    setRating(n);
                    rate.ask(n);
                  }}
                  data-testid={`c-star-${n}`}
                >
                  {n}★
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      <div className="tb-card" data-testid="c-comments">
        <h2>{t('topic.comments')}</h2>
        {!['closed', 'declined', 'merged'].includes(topic.stage) && (
          <div>
            <Field label={t('topic.comment')} name="comment" error={commentError ?? undefined}>
              <textarea
                id="tb-comment"
                placeholder={t('topic.comment_placeholder')}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </Field>
            <p>
              <button
                type="button"
                className="tb-btn secondary"
                disabled={!comment.trim()}
                onClick={() => void send()}
                data-testid="c-comment-send"
              >
                {t('topic.comment_send')}
              </button>
            </p>
          </div>
        )}
        <ul>
          {topic.comments
            .filter((c) => !c.rating)
            .map((c) => (
              <li key={c.documentId} className="tb-item">
                <div className="tb-muted tb-small">
                  {c.authorName ?? ''} · {chinaTime(c.at, lang)}
                </div>
                <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
              </li>
            ))}
        </ul>
      </div>
      <div className="tb-card" data-testid="c-record">
        <h2>{t('topic.record')}</h2>
        <ol className="c-steps">
          {topic.steps.map((s, i) => (
            <li key={i}>
              <div>
                {s.toStage ? t(`stage.${s.toStage}`) : s.action}
                <span className="tb-muted tb-small"> · {chinaTime(s.at, lang)}</span>
              </div>
              {s.note && <div className="tb-muted">{s.note}</div>}
            </li>
          ))}
        </ol>
      </div>
      {support.asked !== null && (
        <ConfirmSheet
          text={t('topic.support_confirm', { title: topic.title })}
          action={t('topic.support')}
          onConfirm={() => void support.confirm()}
          onCancel={support.cancel}
          busy={support.busy}
          error={support.errorText}
        />
      )}
      {rate.asked !== null && (
        <ConfirmSheet
          text={t('topic.rate_confirm', { rating: rate.asked })}
          action={t('topic.rate')}
          onConfirm={() => void rate.confirm()}
          onCancel={rate.cancel}
          busy={rate.busy}
          error={rate.errorText}
        />
      )}
    </CShell>
  );
}

/** Why the vote passed or failed, as the console says it: 按人数通过，按面积未通过. */
function whyText(
  result: TallyResult,
  t: (key: string, vars?: Record<string, string | number>) => string,
  lang: Lang,
): string {
  const why = resultReason(result);
  if (!why.quorumMet) return t('votes.why_quorum');
  const word = (m: Measure) => t(`votes.${m}_word`);
  if (result.passed)
    return t('votes.why_pass', { measures: why.met.map(word).join(t('votes.and')) });
  const parts = [
    ...why.met.map((m) => t('votes.passed_by', { what: word(m) })),
    ...why.failed.map((m) => t('votes.failed_by', { what: word(m) })),
  ].join(lang === 'zh' ? '，' : ', ');
  return parts.charAt(0).toUpperCase() + parts.slice(1);
}

function Rank() {
  const { t } = useWords();
  const [order, setOrder] = useState<TopicRow[] | null>(null);
  const [done, setDone] = useState(false);
  const [procedure] = useLoad(() => con<ProcedureConfig>('/procedure'), []);
  const byRepresentatives =
    !!procedure && 'data' in procedure && procedure.data.rankers === 'representatives';
  useEffect(() => {
    con<TopicRow[]>('/topics?stage=ranking&pageSize=50').then(setOrder, () => setOrder([]));
  }, []);
  const submit = useConfirmed(
    (ids: string[]) => con('/ranking', { order: ids }),
    () => setDone(true),
  );
  const move = (i: number, by: number) => {
    if (!order) return;
    const next = [...order];
    const [item] = next.splice(i, 1);
    if (!item) return;
    next.splice(i + by, 0, item);
    setOrder(next);
  };
  return (
    <CShell title={t('rank.title')} back>
      {done && (
        <div className="tb-ok" role="status" data-testid="c-ranked">
          {t('rank.done')}
        </div>
      )}
      {byRepresentatives && (
        <div className="tb-card" data-testid="c-rank-representatives">
          <p>{t('home.rank_by_representatives', { count: order?.length ?? 0 })}</p>
        </div>
      )}
      <div className="tb-card" data-testid="c-rank" hidden={byRepresentatives}>
        <p className="tb-muted">{t('rank.hint')}</p>
        {order && order.length === 0 && <p>{t('rank.none')}</p>}
        {(order ?? []).map((r, i) => (
          <div key={r.documentId} className="c-rank" data-testid="c-rank-item">
            <span className="c-pos">{i + 1}</span>
            <span className="c-name">{r.title}</span>
            <button
              type="button"
              disabled={i === 0}
              onClick={() => move(i, -1)}
              aria-label={t('rank.up')}
            >
              {t('rank.up')}
            </button>
            <button
              type="button"
              disabled={i === (order?.length ?? 0) - 1}
              onClick={() => move(i, 1)}
              aria-label={t('rank.down')}
            >
              {t('rank.down')}
            </button>
          </div>
        ))}
        {order && order.length > 0 && (
          <p>
            <button
              type="button"
              className="tb-btn"
              onClick={() => submit.ask(order.map((o) => o.documentId))}
              data-testid="c-rank-submit"
            >
              {t('rank.submit')}
            </button>
          </p>
        )}
      </div>
      {submit.asked !== null && (
        <ConfirmSheet
          text={t('rank.confirm')}
          action={t('rank.submit')}
          onConfirm={() => void submit.confirm()}
          onCancel={submit.cancel}
          busy={submit.busy}
          error={submit.errorText}
        />
      )}
    </CShell>
  );
}

function VotePage({ id }: { id: string }) {
  const { lang, t } = useWords();
  const [state, reload] = useLoad(() => con<VoteDetail>(`/votes/${id}`), [id]);
  const [choice, setChoice] = useState<string | null>(null);
  const cast = useConfirmed((c: string) => con(`/votes/${id}/ballot`, { choice: c }), reload);
  if (!state)
    return (
      <CShell back>
        <p className="tb-muted">{t('loading')}</p>
      </CShell>
    );
  if ('refused' in state)
    return (
      <CShell back>
        <Problem refused={state.refused} />
      </CShell>
    );
  const vote = state.data;
  const mine = vote.mine?.[0] ?? null;
  const mayCast =
    vote.status === 'open' && !vote.closed && (!mine?.choice || vote.rule.allowChange);
  const result = vote.result;
  return (
    <CShell title={vote.title} back>
      <div className="tb-card" data-testid="c-vote">
        <span className={`tb-tag ${vote.status === 'open' ? 'warn' : 'grey'}`}>
          {t(`votes.${vote.status === 'open' ? 'open' : 'closed'}`)}
        </span>
        <span className="tb-muted">{vote.number}</span>
        {vote.question && <p>{vote.question}</p>}
        {vote.ruleName && (
          <p className="tb-muted">
            {t('votes.rule', { rule: lang === 'zh' ? vote.ruleName.zh : vote.ruleName.en })}
          </p>
        )}
        {mine && <p>{t('votes.for', { label: mine.label })}</p>}
        <p className="tb-muted">
          {vote.status === 'closed' && vote.closedAt
            ? t('votes.closed_at', { at: chinaTime(vote.closedAt, lang) })
            : t('votes.closes', { at: chinaTime(vote.closesAt, lang) })}
        </p>
        {vote.electorCount ? (
          <div>
            <div className="tb-muted tb-small">
              {t('votes.turnout', { count: vote.turnout.count, total: vote.electorCount })}
            </div>
            <div className="c-bar">
              <span
                style={{
                  width: `${Math.min(100, (vote.turnout.count / vote.electorCount) * 100)}%`,
                }}
              />
            </div>
          </div>
        ) : null}
        {mine?.choice && (
          <div className="tb-ok" data-testid="c-my-ballot">
            {t('votes.my_choice', { choice: t(`choice.${mine.choice}`) })}
            {mine.castAt ? ` · ${chinaTime(mine.castAt, lang)}` : ''}
          </div>
        )}
      </div>
      {mayCast && (
        <div className="tb-card">
          <div className="c-choices">
            {(['yes', 'no', 'abstain'] as const).map((c) => (
              <button
                key={c}
                type="button"
                className="c-choice"
                aria-pressed={choice === c}
                onClick={() => setChoice(c)}
                data-testid={`c-choice-${c}`}
              >
                {t(`choice.${c}`)}
              </button>
            ))}
          </div>
          <p>
            <button
              type="button"
              className="tb-btn"
              disabled={!choice}
              onClick={() => choice && cast.ask(choice)}
              data-testid="c-cast"
            >
              {t('code.submit')}
            </button>
          </p>
        </div>
      )}
      {!result && vote.interim && (
        <div className="tb-card" data-testid="c-interim">
          <h2>{t('votes.interim')}</h2>
          <p>
            {t('votes.yes_no', {
              yes: vote.interim.yes.count,
              no: vote.interim.no.count,
              abstain: vote.interim.abstain.count,
            })}
          </p>
          <p className="tb-muted tb-small">{t('votes.interim_hint')}</p>
        </div>
      )}
      {result && (
        <div className="tb-card" data-testid="c-result">
          <h2>{t('votes.result')}</h2>
          <span className={`tb-tag ${result.passed ? '' : 'bad'}`}>
            {t(result.passed ? 'votes.passed' : 'votes.failed')}
          </span>
          <p data-testid="c-result-why">{whyText(result, t, lang)}</p>
          <p>
            {t('votes.yes_no', {
              yes: result.yes.count,
              no: result.no.count,
              abstain: result.abstain.count,
            })}
          </p>
        </div>
      )}
      {cast.asked !== null && (
        <ConfirmSheet
          text={t('votes.confirm', {
            title: vote.title,
            choice: t(`choice.${cast.asked}`),
            final: t(vote.rule.allowChange ? 'votes.changeable' : 'votes.final'),
          })}
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
