import {
  STAGES,
  STAGE_LABELS,
  TOPIC_KINDS,
  TOPIC_KIND_LABELS,
} from '../../../../plugins/consultation/server/src/domain/procedure';
import type { Pair, Tree } from '../../i18n/tree';

export type Lang = 'zh' | 'en';

const labels = <K extends string>(
  keys: readonly K[],
  table: Record<K, { zh: string; en: string }>,
): Tree => Object.fromEntries(keys.map((k) => [k, [table[k].zh, table[k].en] as Pair]));

/**
 * The consultation phone words, Chinese first: a resident's topics and votes under /c, and the
 * code ballot page /v. Kept beside the pages so their bundle carries no console messages.
 */
export const CONSULTATION_MESSAGES: Tree = {
  app: ['社区协商', 'Community consultation'],
  ballot_app: ['投票码投票', 'Vote with a code'],
  brand: ['邻里 Linli', 'Linli 邻里'],
  other_language: ['English', '中文'],
  back: ['‹ 返回', '‹ Back'],
  loading: ['正在加载…', 'Loading…'],
  sending: ['提交中…', 'Sending…'],
  failed: ['暂时无法完成，请稍后再试', 'That did not work; please try again later'],
  fix: ['请修改标红的内容', 'Please correct the fields marked in red'],
  required: ['请填写', 'Required'],
  not_found: ['没有这个页面', 'No such page'],
  signed_out: ['请先登录。', 'Please sign in first.'],
  sign_in: {
    title: ['居民登录', 'Sign in'],
    username: ['用户名或手机号', 'Username or phone'],
    password: ['密码', 'Password'],
    submit: ['登录', 'Sign in'],
    wrong: ['用户名或密码不正确', 'Wrong username or password'],
  },
  sign_out: ['退出登录', 'Sign out'],
  stage: labels(STAGES, STAGE_LABELS),
  kind: labels(TOPIC_KINDS, TOPIC_KIND_LABELS),
  choice: { yes: ['同意', 'Yes'], no: ['不同意', 'No'], abstain: ['弃权', 'Abstain'] },
  home: {
    topics: ['本社区议题', 'Topics in my community'],
    votes: ['我的表决', 'My votes'],
    raise: ['提出议题', 'Raise a topic'],
    rank: ['为议题排序', 'Rank the topics'],
    rank_by_representatives: [
      '%{count} 个议题正在排序。本社区由居民代表排序，您可以向您的居民代表反映意见。',
      '%{count} topics are being ranked. In this community residents’ representatives rank; tell your representative what you think.',
    ],
    rank_hint: [
      '%{count} 个议题正在排序，请按您认为的轻重缓急排列。',
      '%{count} topics are being ranked: put them in the order you think matters.',
    ],
    none: ['本社区暂时没有议题', 'No topics in your community yet'],
    supports: ['%{count} 人附议', '%{count} supports'],
    comments: ['%{count} 条意见', '%{count} comments'],
  },
  topic: {
    support: ['附议', 'Support'],
    supported: ['您已附议', 'You support this'],
    support_confirm: [
      '确认附议“%{title}”？附议后不能撤回。',
      'Support “%{title}”? A support cannot be withdrawn.',
    ],
    comment: ['发表意见', 'Comment'],
    comment_placeholder: ['写下您的意见或建议', 'Your opinion or suggestion'],
    comment_send: ['发送', 'Send'],
    comments: ['居民意见', 'Opinions'],
    record: ['办理记录', 'Record'],
    outcome: ['协商结果', 'Outcome'],
    declined: ['不予采纳理由', 'Why it was declined'],
    rate: ['评议办理结果', 'Rate how it was handled'],
    rate_confirm: [
      '确认给出 %{rating} 星评价？每人只能评一次。',
      'Give %{rating} stars? Each resident rates once.',
    ],
    rated: ['感谢您的评议', 'Thank you for rating'],
    stars: ['%{n} 星', '%{n} stars'],
    decision: ['决定', 'Decision'],
    public_until: ['公示至 %{until}', 'Publicised until %{until}'],
    vote: ['相关表决', 'Vote'],
  },
  raise: {
    title: ['提出议题', 'Raise a topic'],
    topic_title: ['议题标题', 'Title'],
    body: ['具体情况与建议', 'What and why'],
    kind: ['类别', 'Kind'],
    building: ['楼栋（可选）', 'Building (optional)'],
    submit: ['提交', 'Submit'],
    done: [
      '议题已提交，编号 %{number}。社区居民可以附议和发表意见。',
      'Your topic %{number} has been raised; neighbours may support and comment on it.',
    ],
  },
  rank: {
    title: ['议题排序', 'Rank the topics'],
    hint: [
      '用“上移”“下移”排列议题，最重要的放在最上面，然后提交。再次提交会替换您之前的排序。',
      'Move the topics up or down, most important first, then submit. Submitting again replaces your earlier ranking.',
    ],
    up: ['上移', 'Up'],
    down: ['下移', 'Down'],
    submit: ['提交排序', 'Submit my ranking'],
    confirm: ['确认按以上顺序提交排序？', 'Submit your ranking in this order?'],
    done: ['您的排序已提交', 'Your ranking has been submitted'],
    none: ['目前没有正在排序的议题', 'No topic is being ranked now'],
  },
  votes: {
    none: ['您目前没有需要参加的表决', 'You have no votes to take part in'],
    open: ['表决中', 'Open'],
    closed: ['已截止', 'Closed'],
    passed: ['通过', 'Passed'],
    failed: ['未通过', 'Failed'],
    closes: ['截止 %{at}', 'Closes %{at}'],
    closed_at: ['已于 %{at} 截止计票', 'Closed %{at}'],
    my_choice: ['本户意见：%{choice}', 'Your household: %{choice}'],
    not_voted: ['尚未投票', 'Not voted yet'],
    for: ['表决人：%{label}', 'Elector: %{label}'],
    confirm: [
      '确认对“%{title}”投“%{choice}”？%{final}',
      'Vote “%{choice}” on “%{title}”? %{final}',
    ],
    final: ['提交后不能更改。', 'It cannot be changed afterwards.'],
    changeable: ['截止前可以更改。', 'You may change it until the close.'],
    done: ['您的选票已记录', 'Your ballot has been recorded'],
    turnout: ['已有 %{count} / %{total} 参与', '%{count} of %{total} have voted'],
    result: ['表决结果', 'Result'],
    why_quorum: ['参与人数或面积未达到参与门槛', 'Turnout was below the quorum'],
    why_pass: ['按%{measures}均达到要求', '%{measures}: all met'],
    why_mixed: ['%{parts}', '%{parts}'],
    passed_by: ['按%{what}通过', 'passed by %{what}'],
    failed_by: ['按%{what}未通过', 'failed by %{what}'],
    count_word: ['人数', 'count'],
    area_word: ['面积', 'area'],
    and: ['和', ' and '],
    interim: ['当前票数', 'Votes so far'],
    interim_hint: [
      '本表决允许公开实时票数；结果以截止时的计票为准。',
      'This vote shows its running count; the count at the close decides.',
    ],
    yes_no: [
      '同意 %{yes}，不同意 %{no}，弃权 %{abstain}',
      'Yes %{yes}, no %{no}, abstain %{abstain}',
    ],
    rule: ['规则：%{rule}', 'Rule: %{rule}'],
  },
  code: {
    title: ['投票码投票', 'Vote with a ballot code'],
    hint: [
      '请输入纸质投票通知上的 10 位投票码（格式 XXXXX-XXXXX），无需注册或登录。',
      'Enter the 10-character code on your paper notice (XXXXX-XXXXX). No account is needed.',
    ],
    code: ['投票码', 'Ballot code'],
    bad_format: ['投票码为 10 位字母和数字', 'A ballot code has 10 letters and digits'],
    choose: ['您的意见', 'Your choice'],
    choose_first: ['请选择同意、不同意或弃权', 'Choose yes, no or abstain'],
    submit: ['投票', 'Vote'],
    confirm: [
      '确认用投票码 %{code} 投“%{choice}”？每个投票码只能使用一次，提交后不能更改。',
      'Vote “%{choice}” with code %{code}? Each code works once and the vote cannot be changed.',
    ],
    receipt: ['投票成功', 'Your vote has been recorded'],
    receipt_vote: ['表决事项：%{title}（%{number}）', 'Question: %{title} (%{number})'],
    receipt_elector: ['表决人：%{label}', 'Elector: %{label}'],
    receipt_choice: ['您的意见：%{choice}', 'Your choice: %{choice}'],
    again: ['使用另一个投票码', 'Use another code'],
  },
};

export function ct(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  const found = key
    .split('.')
    .reduce<
      Pair | Tree | undefined
    >((node, part) => (node && !Array.isArray(node) ? (node as Tree)[part] : undefined), CONSULTATION_MESSAGES);
  const text = Array.isArray(found) ? (found as Pair)[lang === 'zh' ? 0 : 1] : key;
  return text.replace(/%\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
