import type { Localised } from '../../../../plugins/cases/server/src/domain/types';
import type { Pair, Tree } from '../../i18n/tree';

export type Lang = 'zh' | 'en';

/**
 * The cases plugin's phone words, Chinese first: the resident's case on the receipt page
 * (/f/receipt/<code>) and the grid worker's page (/g). Kept beside the pages, as the time bank
 * keeps its own, so their bundle carries no console messages.
 */
export const CASE_MESSAGES: Tree = {
  app: ['网格呼叫', 'Grid calls'],
  brand: ['邻里 Linli', 'Linli 邻里'],
  other_language: ['English', '中文'],
  back: ['‹ 返回', '‹ Back'],
  loading: ['正在加载…', 'Loading…'],
  sending: ['提交中…', 'Sending…'],
  cancel: ['取消', 'Cancel'],
  failed: ['暂时无法完成，请稍后再试', 'That did not work; please try again later'],
  fix: ['请修改标红的内容', 'Please correct the fields marked in red'],
  required: ['请填写', 'Required'],
  not_found: ['没有这个页面', 'No such page'],
  signed_out: ['请先登录。', 'Please sign in first.'],
  kinds: {
    open: ['办理中', 'In progress'],
    waiting: ['等待中', 'Waiting'],
    resolved: ['已答复', 'Replied'],
    closed: ['已办结', 'Closed'],
  },
  sla: {
    due_soon: ['即将超时', 'Due soon'],
    overdue: ['已超时', 'Overdue'],
    paused: ['计时暂停', 'Clock paused'],
    missed: ['超时办结', 'Finished late'],
  },
  receipt: {
    title: ['我的诉求', 'My case'],
    number: ['事项编号', 'Case number'],
    type: ['事项类型', 'Type'],
    subject: ['事项', 'Subject'],
    status: ['办理状态', 'Status'],
    due: ['办理时限', 'Due by'],
    reply: ['答复', 'Reply'],
    replied_at: ['答复时间：%{at}', 'Replied %{at}'],
    no_reply: ['还没有答复', 'No reply yet'],
    steps: ['办理过程', 'Progress'],
    no_steps: ['暂无记录', 'Nothing yet'],
    rate_title: ['满意度评价', 'Rate the outcome'],
    satisfaction: ['满意度', 'Satisfaction'],
    choose_rating: ['请选择满意度', 'Choose a rating'],
    rating: {
      '5': ['非常满意', 'Very satisfied'],
      '4': ['满意', 'Satisfied'],
      '3': ['基本满意', 'Fairly satisfied'],
      '2': ['不满意', 'Dissatisfied'],
      '1': ['很不满意', 'Very dissatisfied'],
    },
    rated: ['您的评价：%{rating}', 'Your rating: %{rating}'],
    rate_note: ['评价说明（选填）', 'Comment (optional)'],
    rate_submit: ['提交评价', 'Send rating'],
    rate_done: ['感谢您的评价', 'Thank you for your rating'],
    reopen: ['不满意，申请重办', 'Not satisfied: ask for it to be handled again'],
    reopen_until: ['可在 %{at} 前申请重办', 'You may ask until %{at}'],
    reopen_reason: ['重办理由', 'Why it should be handled again'],
    reopen_need_reason: ['请说明重办理由', 'Please say why'],
    reopen_confirm: [
      '提交后，事项将重新交办处理。确定申请重办吗？',
      'The case will be handed over again. Ask for it to be handled again?',
    ],
    reopen_submit: ['申请重办', 'Ask to reopen'],
    reopen_yes: ['确定重办', 'Yes, reopen'],
    reopen_done: ['已申请重办，请留意办理进度', 'Reopened; watch its progress here'],
  },
  grid: {
    home: ['网格呼叫', 'Grid calls'],
    call: ['呼叫事项', 'Call in a case'],
    mine: ['我的事项', 'My cases'],
    signed_in_as: ['%{name}', '%{name}'],
    sign_out: ['退出', 'Sign out'],
  },
  sign_in: {
    title: ['网格员登录', 'Grid worker sign-in'],
    username: ['账号', 'Username'],
    password: ['密码', 'Password'],
    submit: ['登录', 'Sign in'],
    wrong: ['账号或密码不正确', 'Wrong username or password'],
  },
  call: {
    type: ['事项类型', 'Case type'],
    choose_type: ['请选择事项类型', 'Choose a case type'],
    no_types: ['暂无可呼叫的事项类型', 'No case type can be called in now'],
    category: ['类别', 'Category'],
    item: ['具体事项', 'Item'],
    choose: ['请选择', 'Choose'],
    title: ['标题', 'Title'],
    title_hint: [
      '一句话说明问题，如：3 栋楼道灯坏了',
      'One line, e.g. the stair light in block 3 is out',
    ],
    description: ['情况描述', 'Description'],
    area: ['所在社区', 'Community'],
    choose_area: ['请选择社区', 'Choose a community'],
    address: ['详细地址', 'Address'],
    photo: ['现场照片', 'Photos'],
    take_photo: ['拍照 / 选择照片', 'Take or choose a photo'],
    uploading: ['照片上传中…', 'Uploading…'],
    remove: ['移除', 'Remove'],
    submit: ['呼叫', 'Call in'],
    done: ['已呼叫', 'Called in'],
    number: ['事项编号', 'Case number'],
    receipt: ['回执码', 'Receipt code'],
    receipt_hint: [
      '居民可用回执码在 /f/receipt 查询进度并评价。',
      'Residents follow and rate it at /f/receipt with this code.',
    ],
    again: ['再呼叫一件', 'Call in another'],
    to_mine: ['查看我的事项', 'See my cases'],
  },
  mine: {
    empty: ['还没有事项', 'No cases yet'],
    due: ['时限 %{at}', 'Due %{at}'],
    created: ['呼叫于 %{at}', 'Called in %{at}'],
  },
  actions: {
    create: ['呼叫登记', 'Called in'],
    created: ['呼叫登记', 'Called in'],
    comment: ['备注', 'Note'],
    press: ['督办', 'Pressed'],
    extension: ['申请延期', 'Extension asked'],
    extension_decided: ['延期审批', 'Extension decided'],
    merge: ['合并', 'Merged'],
    split: ['拆分', 'Split'],
    callback: ['回访', 'Called back'],
    rate: ['居民评价', 'Rated by the resident'],
    reopen: ['申请重办', 'Reopened'],
    whistle: ['吹哨', 'Whistled'],
    report: ['部门报到', 'Department reported'],
    act: ['部门处置', 'Department acted'],
    to_state: ['转为“%{state}”', 'Now “%{state}”'],
  },
  detail: {
    title: ['事项详情', 'Case'],
    description: ['情况描述', 'Description'],
    place: ['地点', 'Place'],
    assignee: ['承办', 'Handled by'],
    category: ['类别', 'Category'],
    photos: ['照片与附件', 'Photos and files'],
    timeline: ['办理过程', 'Progress'],
    receipt: ['回执码', 'Receipt code'],
  },
};

/** A message of these pages in the page's language, with %{name} filled in. */
export function ct(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  const found = key
    .split('.')
    .reduce<
      Pair | Tree | undefined
    >((node, part) => (node && !Array.isArray(node) ? (node as Tree)[part] : undefined), CASE_MESSAGES);
  const text = Array.isArray(found) ? (found as Pair)[lang === 'zh' ? 0 : 1] : key;
  return text.replace(/%\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A server's two-language name in the page's language (Chinese when the English is empty). */
export const loc = (lang: Lang, name: Localised | null | undefined): string =>
  name ? (lang === 'en' && name.en ? name.en : name.zh) : '';

const CHINA = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/**
 * A moment in China time, whatever the browser's zone: 2026年11月30日 14:05, and
 * 30 Nov 2026 14:05 in English (never the US m/d/yyyy).
 */
export function chinaTime(at: string | null | undefined, lang: Lang): string {
  if (!at) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const part: Record<string, string> = {};
  for (const p of CHINA.formatToParts(d)) part[p.type] = p.value;
  const month = Number(part.month);
  const day = Number(part.day);
  return lang === 'zh'
    ? `${part.year}年${month}月${day}日 ${part.hour}:${part.minute}`
    : `${day} ${MONTHS[month - 1]} ${part.year} ${part.hour}:${part.minute}`;
}
