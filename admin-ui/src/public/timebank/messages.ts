import type { Pair, Tree } from '../../i18n/tree';

export type Lang = 'zh' | 'en';

/**
 * The time bank's phone pages' words, Chinese first. Kept beside the pages (as the public form
 * page keeps its own) so their bundle carries no console messages; the same Pair/Tree shape as
 * the console's topics.
 */
export const TB_MESSAGES: Tree = {
  app: ['时间银行', 'Time bank'],
  tagline: ['服务存时间，需要时换帮助', 'Bank the hours you help; spend them when you need help'],
  open: ['进入', 'Open'],
  brand: ['邻里 Linli', 'Linli 邻里'],
  other_language: ['English', '中文'],
  back: ['‹ 返回', '‹ Back'],
  home_link: ['我的时间银行', 'My time bank'],
  sign_in: ['登录', 'Sign in'],
  signed_out: [
    '请先登录，登录后回到本页。',
    'Please sign in first; you will come back to this page.',
  ],
  failed: ['暂时无法完成，请稍后再试', 'That did not work; please try again later'],
  loading: ['正在加载…', 'Loading…'],
  not_found: ['没有这个页面', 'No such page'],
  sending: ['提交中…', 'Sending…'],
  cancel: ['取消', 'Cancel'],
  more: ['加载更多', 'Load more'],
  fix: ['请修改标红的内容', 'Please correct the fields marked in red'],
  required: ['请填写', 'Required'],
  hours: ['%{h} 小时', '%{h} h'],
  not_member: ['您还没有加入时间银行', 'You have not joined the time bank yet'],
  join_first: ['加入时间银行后才能使用此页。', 'Join the time bank to use this page.'],
  home: {
    balance: ['可用时长', 'Hours available'],
    stars: ['%{n} 星志愿者', '%{n}-star volunteer'],
    no_star: ['还没有星级', 'No star yet'],
    to_next: ['再服务 %{h} 小时升到下一星', '%{h} h more to the next star'],
    top: ['已是最高星级', 'Top star level'],
    earned: ['累计服务 %{h} 小时', '%{h} h of service in all'],
    expiring: ['30 天内到期：%{h} 小时', 'Expiring within 30 days: %{h} h'],
    reserved: ['兑换中（已冻结）：%{h} 小时', 'Held for redemptions: %{h} h'],
    passbook_no: ['存折号 %{no}', 'Passbook %{no}'],
    passbook: ['存折', 'Passbook'],
    nearby: ['身边的需求', 'Requests near me'],
    services: ['我的服务', 'My services'],
    post: ['发布需求', 'Ask for help'],
    checkin: ['扫码签到', 'Check in at an activity'],
    catalogue: ['爱心兑换', 'Redeem hours'],
    family: ['家庭与捐赠', 'Family & gifts'],
    activities: ['社区活动', 'Community activities'],
  },
  join: {
    title: ['加入时间银行', 'Join the time bank'],
    intro: [
      '为邻居服务的每一小时都会存入您的时间存折，需要时可以换取别人的帮助或爱心物品。',
      'Every hour you help a neighbour goes into your time passbook; spend it later on help or goods.',
    ],
    community: ['所在社区', 'Your community'],
    choose_community: ['请选择社区', 'Choose your community'],
    categories: ['我能提供的服务（可多选，可不选）', 'What I can help with (any, or none)'],
    submit: ['加入', 'Join'],
    none: [
      '目前没有可加入的社区，请联系社区工作人员。',
      'No community is open to join; please ask your community office.',
    ],
  },
  passbook: {
    title: ['时间存折', 'Passbook'],
    empty: ['还没有记录', 'Nothing yet'],
    deposit: ['存入', 'In'],
    withdrawal: ['支取', 'Out'],
    balance_after: ['余额 %{h} 小时', 'Balance %{h} h'],
    end: ['没有更早的记录了', 'No earlier lines'],
  },
  nearness: {
    'micro-grid': ['同一微网格', 'Your micro-grid'],
    grid: ['同一网格', 'Your grid'],
    community: ['本社区', 'Your community'],
    subdistrict: ['本街道', 'Your subdistrict'],
    district: ['本区', 'Your district'],
  },
  nearby: {
    title: ['身边的需求', 'Requests near me'],
    empty: ['附近暂时没有需要帮助的邻居', 'No neighbour nearby needs help right now'],
    when: ['时间：%{from} 至 %{to}', 'When: %{from} to %{to}'],
    estimate: ['预计 %{h} 小时', 'About %{h} h'],
    address: ['地址：%{address}', 'Address: %{address}'],
    by: ['求助人：%{name}', 'Asked by %{name}'],
    people: ['需要 %{n} 人，已有 %{taken} 人', '%{n} needed, %{taken} taken'],
    take: ['我来帮忙', 'I will help'],
    confirm_take: [
      '您将接下「%{title}」，请在 %{from} 至 %{to} 之间上门服务，开始时签到，结束时签退。',
      'You take “%{title}”: go between %{from} and %{to}, check in when you start and check out when you finish.',
    ],
    taken: ['已接单，请到「我的服务」签到', 'Taken: check in from “My services”'],
    full: ['人数已满', 'Full'],
  },
  state: {
    accepted: ['已接单', 'Accepted'],
    checked_in: ['服务中', 'In progress'],
    checked_out: ['待确认', 'Awaiting confirmation'],
    disputed: ['有异议', 'Disputed'],
    confirmed: ['已确认', 'Confirmed'],
    cancelled: ['已取消', 'Cancelled'],
  },
  services: {
    title: ['我的服务', 'My services'],
    empty: ['还没有服务记录', 'No services yet'],
    finished: ['已结束的服务', 'Finished'],
    as_volunteer: ['我去服务', 'I help'],
    as_recipient: ['为我服务', 'Helping me'],
    volunteer: ['志愿者：%{name}', 'Volunteer: %{name}'],
    recipient: ['服务对象：%{name}', 'For: %{name}'],
    checked_in_at: ['签到 %{at}', 'Checked in %{at}'],
    checked_out_at: ['签退 %{at}', 'Checked out %{at}'],
    duration: ['服务时长 %{h} 小时', 'Service time %{h} h'],
    check_in: ['签到', 'Check in'],
    check_in_opens: ['%{at} 起可签到（服务时段开始前一小时）', 'Check-in opens %{at}, an hour before the service'],
    check_in_closed: [
      '服务时段已结束，不能再签到；请联系社区工作人员登记服务时长。',
      'The service’s time has passed; ask the community’s staff to record the hours served.',
    ],
    check_out: ['签退', 'Check out'],
    confirm: ['确认服务', 'Confirm'],
    dispute: ['有异议', 'Dispute'],
    cancel: ['取消服务', 'Cancel'],
    confirm_check_in: ['现在签到，开始计时。', 'Check in now and start the clock.'],
    confirm_check_out: [
      '现在签退，结束计时，等待对方确认。',
      'Check out now; the person you helped then confirms.',
    ],
    confirm_confirm: [
      '确认 %{name} 为您服务了 %{h} 小时。确认后时长将从您的账户转到志愿者的存折，不能撤回。',
      'Confirm that %{name} helped you for %{h} h. The hours then move to the volunteer’s passbook; this cannot be undone.',
    ],
    dispute_prompt: [
      '请说明哪里不对（如时长不符、未上门），工作人员会核实。',
      'Say what is wrong (wrong time, nobody came …); staff will look into it.',
    ],
    reason: ['原因', 'Reason'],
    cancel_prompt: ['取消这次服务，请说明原因。', 'Cancel this service; please say why.'],
    dispute_reason: ['异议：%{reason}', 'Disputed: %{reason}'],
    paid_by_pool: ['由社区时间池支付', 'Paid by the community pool'],
    my_requests: ['我发布的需求', 'What I posted'],
    request_open: ['等待接单', 'Waiting'],
    request_full: ['已有人接单', 'Taken'],
    offer: ['我能提供', 'My offer'],
    cancel_request: ['取消需求', 'Cancel request'],
    cancel_request_prompt: ['取消「%{title}」，请说明原因。', 'Cancel “%{title}”; please say why.'],
    cancel_request_taken: [
      '取消「%{title}」，已接单志愿者的服务也一并取消。请说明原因。',
      'Cancel “%{title}”; the volunteers’ services for it are cancelled too. Please say why.',
    ],
  },
  post: {
    title: ['发布需求', 'Ask for help'],
    intro: [
      '写清楚需要什么帮助，附近的志愿者会看到并接单。',
      'Say what help you need; volunteers nearby will see it and take it.',
    ],
    what: ['需要什么帮助', 'What do you need'],
    category: ['服务类别', 'Kind of help'],
    choose: ['请选择', 'Choose'],
    description: ['详细说明（可不填）', 'Details (optional)'],
    day: ['哪一天', 'Which day'],
    windowStart: ['几点开始', 'From'],
    windowEnd: ['几点以前结束', 'Until'],
    today: ['今天', 'Today'],
    tomorrow: ['明天', 'Tomorrow'],
    estimated: ['预计需要多久', 'How long it may take'],
    volunteers: ['需要几位志愿者', 'How many volunteers'],
    address: ['服务地址', 'Address'],
    submit: ['发布', 'Post'],
    done: [
      '已发布，志愿者接单后会在「我的服务」里看到。',
      'Posted: when a volunteer takes it you will see it in “My services”.',
    ],
    another: ['再发布一条', 'Post another'],
  },
  checkin: {
    title: ['活动签到', 'Activity check-in'],
    no_code: [
      '请用手机扫描活动现场的二维码。',
      'Scan the QR code at the activity with your phone.',
    ],
    code: ['签到码', 'Check-in code'],
    submit: ['签到 / 签退', 'Check in / out'],
    checked_in: ['签到成功：%{title}', 'Checked in: %{title}'],
    checked_out: ['签退成功：%{title}', 'Checked out: %{title}'],
    at: ['时间 %{at}', 'At %{at}'],
    minutes: [
      '本次 %{h} 小时，活动结束后由组织者统一记入存折',
      '%{h} h this time; the organiser credits it after the activity',
    ],
    again: ['活动结束离开时，再扫一次码签退。', 'Scan again when you leave to check out.'],
  },
  activities: {
    title: ['社区活动', 'Community activities'],
    empty: ['附近暂时没有可报名的活动', 'No activities open near you at the moment'],
    when: ['时间 %{from} – %{to}', 'When %{from} – %{to}'],
    place: ['地点 %{place}', 'Where %{place}'],
    signed_up: ['已报名 %{n} / %{cap}', 'Signed up %{n} / %{cap}'],
    signed_up_open: ['已报名 %{n} 人', '%{n} signed up'],
    signup: ['我要报名', 'Sign me up'],
    full: ['名额已满', 'Full'],
    confirm: [
      '报名参加「%{title}」？时间 %{from} – %{to}。到场后请扫码签到。',
      'Sign up for “%{title}”? %{from} – %{to}. Scan the code at the venue to check in.',
    ],
    done: ['报名成功', 'You are signed up'],
    mine: {
      signed_up: ['已报名', 'Signed up'],
      checked_in: ['已签到', 'Checked in'],
      checked_out: ['已签退', 'Checked out'],
      credited: ['已记入', 'Credited'],
    },
  },
  catalogue: {
    title: ['爱心兑换', 'Redeem hours'],
    empty: ['暂时没有可兑换的项目', 'Nothing to redeem at the moment'],
    price: ['%{h} 小时 / 份', '%{h} h each'],
    stock: ['剩余 %{n} 份', '%{n} left'],
    no_stock: ['已兑完', 'None left'],
    quantity: ['数量', 'Quantity'],
    redeem: ['兑换', 'Redeem'],
    confirm_redeem: [
      '兑换「%{name}」%{q} 份，共 %{h} 小时。时长先冻结，领取后扣除；领取前可以取消。',
      'Redeem %{q} × “%{name}” for %{h} h. The hours are held now and spent when you collect; you can cancel before.',
    ],
    mine: ['我的兑换', 'My redemptions'],
    none: ['还没有兑换记录', 'No redemptions yet'],
    status: {
      reserved: ['待领取', 'To collect'],
      fulfilled: ['已领取', 'Collected'],
      cancelled: ['已取消', 'Cancelled'],
    },
    cancel: ['取消兑换', 'Cancel'],
    confirm_cancel: [
      '取消兑换「%{name}」，冻结的 %{h} 小时退回可用。',
      'Cancel “%{name}”; the %{h} h held come back to you.',
    ],
    may_not: [
      '当前星级或余额还不能兑换',
      'Your star level or balance does not allow redeeming yet',
    ],
  },
  family: {
    title: ['家庭与捐赠', 'Family & gifts'],
    links: ['已登记的家人', 'Registered family'],
    none: [
      '还没有登记家人。转时长给家人前，请带户口簿等证明到社区登记。',
      'No family registered. To give hours to family, register them at the community office with proof (household register …).',
    ],
    relation: {
      spouse: ['配偶', 'Spouse'],
      parent: ['父母', 'Parent'],
      child: ['子女', 'Child'],
      sibling: ['兄弟姐妹', 'Sibling'],
      grandparent: ['祖父母', 'Grandparent'],
      grandchild: ['孙子女', 'Grandchild'],
      other: ['其他亲属', 'Relative'],
    },
    give: ['转给家人', 'Give to family'],
    to: ['转给谁', 'To whom'],
    amount: ['转多少小时', 'How many hours'],
    note: ['留言（可不填）', 'Note (optional)'],
    send: ['转出', 'Give'],
    confirm_give: [
      '将 %{h} 小时转给 %{name}，转出后不能撤回。',
      'Give %{h} h to %{name}; this cannot be undone.',
    ],
    given: ['已转出 %{h} 小时', '%{h} h given'],
    donate: ['捐赠时长', 'Donate hours'],
    donate_intro: [
      '把时长捐给社区时间池，帮助需要的邻居。',
      'Give hours to the community pool for neighbours in need.',
    ],
    donate_to: ['捐给谁', 'To whom'],
    confirm_donate: [
      '将 %{h} 小时捐给 %{name}，捐出后不能撤回。',
      'Donate %{h} h to %{name}; this cannot be undone.',
    ],
    donated: ['已捐出 %{h} 小时，谢谢！', '%{h} h donated, thank you!'],
    available: ['可用 %{h} 小时', '%{h} h available'],
    my_code: [
      '我的存折号（家人转赠、登记时用）：',
      'My passbook number (for family gifts and registration):',
    ],
    other: ['其他家人（输入存折号）', 'Someone else (enter their passbook number)'],
    other_person: ['某位邻居（输入存折号）', 'A neighbour (enter their passbook number)'],
    code_hint: ['对方的存折号，如 TB260000123', 'Their passbook number, e.g. TB260000123'],
    need_to: ['请选择或填写对方', 'Choose or enter who receives the hours'],
    bad_number: ['存折号以 TB 开头，后面是数字', 'A passbook number is TB followed by digits'],
    need_hours: ['请填写小时数，如 1 或 1.5', 'Enter hours, e.g. 1 or 1.5'],
    unknown: ['找不到这个存折号，请核对', 'No member has this passbook number; please check it'],
  },
};

/** A message of the time bank's pages in the page's language, with %{name} filled in. */
export function tt(lang: Lang, key: string, values: Record<string, string | number> = {}): string {
  const found = key
    .split('.')
    .reduce<
      Pair | Tree | undefined
    >((node, part) => (node && !Array.isArray(node) ? (node as Tree)[part] : undefined), TB_MESSAGES);
  const text = Array.isArray(found) ? (found as Pair)[lang === 'zh' ? 0 : 1] : key;
  return text.replace(/%\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** Minutes as hours for people: 90 → "1.5", 20 → "0.33", 120 → "2". */
export function hoursOf(minutes: number | null | undefined): string {
  const m = Number(minutes ?? 0);
  const h = Math.round((m / 60) * 100) / 100;
  return String(h);
}

/** "1.5 小时" / "1.5 h". */
export const hoursText = (lang: Lang, minutes: number | null | undefined) =>
  tt(lang, 'hours', { h: hoursOf(minutes) });

/** A time as a person in China reads it, whatever the browser's zone: 11月30日 14:05 / 30 Nov 14:05. */
export function when(at: string | null | undefined, lang: Lang): string {
  if (!at) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
