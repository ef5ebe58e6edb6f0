/**
 * The demo's case types, ready to publish: residents' requests (居民诉求, after the 12345
 * hotlines' topics) and the whistle (吹哨报到, a community calling departments in). They pass
 * definitionIssues (a unit test holds them to it), so an administrator starts from a working
 * process and edits it.
 */
import type { CaseTypeDefinition, CategoryNode, Localised } from './types';

const l = (zh: string, en: string): Localised => ({ zh, en });
const node = (key: string, zh: string, en: string, children?: CategoryNode[]): CategoryNode =>
  children ? { key, label: l(zh, en), children } : { key, label: l(zh, en) };

const RESIDENT_CATEGORIES: CategoryNode[] = [
  node('environment', '环境卫生', 'Environment and sanitation', [
    node('garbage', '垃圾清运', 'Rubbish collection'),
    node('street_cleaning', '道路保洁', 'Street cleaning'),
    node('public_toilet', '公厕管理', 'Public toilets'),
    node('pests', '病媒防治', 'Pest control'),
  ]),
  node('facilities', '市政设施', 'Municipal facilities', [
    node('road_damage', '道路破损', 'Damaged road'),
    node('street_light', '路灯故障', 'Street light out'),
    node('waterlogging', '排水积水', 'Drainage and standing water'),
    node('manhole', '井盖缺损', 'Missing or broken manhole cover'),
  ]),
  node('property', '物业管理', 'Property management', [
    node('property_service', '物业服务', 'Property services'),
    node('elevator', '电梯故障', 'Lift out of order'),
    node('parking', '停车管理', 'Parking'),
    node('property_fees', '物业收费', 'Property fees'),
  ]),
  node('safety', '治安消防', 'Public order and fire safety', [
    node('fire_hazard', '消防隐患', 'Fire hazard'),
    node('fire_lane', '消防通道占用', 'Blocked fire lane'),
    node('public_order', '治安问题', 'Public order'),
  ]),
  node('neighbours', '邻里纠纷', 'Disputes between neighbours', [
    node('noise', '噪声扰民', 'Noise'),
    node('leak', '漏水纠纷', 'Water leaking into a neighbour’s flat'),
    node('pets', '宠物饲养', 'Pets'),
  ]),
  node('care', '养老助残', 'Care for elders and disabled people', [
    node('home_care', '居家养老', 'Care at home'),
    node('meals', '老年助餐', 'Meals for elders'),
    node('disability', '助残帮扶', 'Help for disabled people'),
  ]),
  node('other', '其他', 'Other', [
    node('suggestion', '意见建议', 'Suggestion'),
    node('other_matter', '其他事项', 'Other matter'),
  ]),
];

const WHISTLE_CATEGORIES: CategoryNode[] = [
  node('city_management', '城市管理类', 'City management', [
    node('illegal_building', '违章建筑', 'Illegal construction'),
    node('street_vending', '占道经营', 'Shops trading on the pavement'),
    node('mobile_vendors', '流动摊贩', 'Street hawkers'),
    node('cooking_fumes', '油烟扰民', 'Cooking fumes'),
    node('noise', '噪声扰民', 'Noise'),
    node('garbage', '垃圾乱堆乱放', 'Dumped rubbish'),
    node('parking', '乱停乱放', 'Illegal parking'),
    node('road_damage', '道路破损', 'Damaged road'),
    node('greenery', '绿化损毁', 'Damaged greenery'),
    node('street_light', '路灯故障', 'Street light out'),
    node('waterlogging', '积水内涝', 'Flooding'),
  ]),
  node('social_governance', '社会治理类', 'Social governance', [
    node('housing_safety', '房屋安全', 'Unsafe building'),
    node('fire_hazard', '消防隐患', 'Fire hazard'),
    node('group_rental', '群租房', 'Overcrowded rental'),
    node('disputes', '矛盾纠纷', 'Disputes'),
    node('dogs', '违规养犬', 'Dogs kept against the rules'),
    node('food_safety', '食品安全', 'Food safety'),
    node('pollution', '环境污染', 'Pollution'),
  ]),
  node('livelihood', '民生服务类', 'Everyday services', [
    node('elevator', '电梯故障', 'Lift out of order'),
    node('pipe_leak', '管网漏水', 'Leaking water main'),
    node('utility_outage', '停水停电', 'Water or power cut'),
    node('gas_safety', '燃气安全', 'Gas safety'),
    node('cables', '通信线缆', 'Loose telecom cables'),
  ]),
];

/**
 * 居民诉求: intake, dispatch to the community (or a unit), sign within 2 working hours, handle,
 * reply, close; the reporter may close, or reopen within 7 days if dissatisfied.
 */
export const RESIDENT_REQUEST: CaseTypeDefinition = {
  categories: RESIDENT_CATEGORIES,
  // A community that cannot solve a request alone whistles departments in, under the whistle's
  // 3 categories.
  whistle: {
    reportMinutes: 120,
    actMinutes: 2400,
    points: { onTime: 2, late: -1, perStar: 1 },
    ratingWeightPermille: 333,
    categories: WHISTLE_CATEGORIES,
  },
  workflow: {
    initial: 'new',
    states: [
      { key: 'new', label: l('待派单', 'To dispatch'), kind: 'open' },
      { key: 'dispatched', label: l('待签收', 'To sign for'), kind: 'open', slaMinutes: 120 },
      { key: 'handling', label: l('办理中', 'Being handled'), kind: 'open' },
      { key: 'waiting_info', label: l('待补充', 'Waiting for information'), kind: 'waiting' },
      { key: 'replied', label: l('已答复', 'Replied'), kind: 'resolved' },
      { key: 'closed', label: l('已办结', 'Closed'), kind: 'closed' },
    ],
    transitions: [
      {
        key: 'dispatch',
        label: l('派单', 'Dispatch'),
        from: ['new'],
        to: 'dispatched',
        by: ['centre'],
        effect: 'dispatch',
        requires: { fields: ['category'] },
      },
      {
        key: 'sign',
        label: l('签收', 'Sign for'),
        from: ['dispatched'],
        to: 'handling',
        by: ['assignee', 'assignee_unit'],
        effect: 'sign',
      },
      {
        key: 'return',
        label: l('退单', 'Send back'),
        from: ['dispatched', 'handling'],
        to: 'new',
        by: ['assignee', 'assignee_unit'],
        effect: 'return',
        requires: { note: true },
      },
      {
        key: 'transfer',
        label: l('转办', 'Transfer'),
        from: ['dispatched', 'handling'],
        to: 'dispatched',
        by: ['centre'],
        effect: 'transfer',
        requires: { note: true },
      },
      {
        key: 'ask_info',
        label: l('要求补充', 'Ask for information'),
        from: ['handling'],
        to: 'waiting_info',
        by: ['assignee', 'assignee_unit'],
        requires: { note: true },
      },
      {
        key: 'info_received',
        label: l('已补充', 'Information received'),
        from: ['waiting_info'],
        to: 'handling',
        by: ['assignee', 'assignee_unit', 'reporter'],
      },
      {
        key: 'reply',
        label: l('答复', 'Reply'),
        from: ['handling'],
        to: 'replied',
        by: ['assignee', 'assignee_unit'],
        effect: 'reply',
        requires: { note: true },
      },
      {
        key: 'close',
        label: l('办结', 'Close'),
        from: ['replied'],
        to: 'closed',
        by: ['centre', 'reporter'],
        effect: 'close',
      },
      {
        key: 'reopen',
        label: l('重新办理', 'Reopen'),
        from: ['replied', 'closed'],
        to: 'handling',
        by: ['reporter', 'centre'],
        effect: 'reopen',
        requires: { note: true },
      },
    ],
  },
  resolveMinutes: 2400,
  warnPercent: 80,
  dispatch: RESIDENT_CATEGORIES.map((c) => ({
    category: c.key,
    to: { kind: 'community' as const },
    transition: 'dispatch',
  })),
  reopenDays: 7,
};

/**
 * 吹哨报到: the community (or a grid worker through it) whistles a department in, the department
 * reports within 2 working hours and acts within 5 working days, the community rates the work.
 * No dispatch rules: the centre names the department when it whistles, case by case.
 */
export const WHISTLE: CaseTypeDefinition = {
  categories: WHISTLE_CATEGORIES,
  workflow: {
    initial: 'new',
    states: [
      { key: 'new', label: l('待吹哨', 'To whistle'), kind: 'open' },
      { key: 'whistled', label: l('已吹哨', 'Whistled'), kind: 'open', slaMinutes: 120 },
      { key: 'handling', label: l('处置中', 'Being acted on'), kind: 'open', slaMinutes: 2400 },
      { key: 'acted', label: l('已处置', 'Acted on'), kind: 'resolved' },
      { key: 'closed', label: l('已办结', 'Closed'), kind: 'closed' },
    ],
    transitions: [
      {
        key: 'whistle',
        label: l('吹哨', 'Whistle'),
        from: ['new'],
        to: 'whistled',
        by: ['centre'],
        effect: 'dispatch',
        requires: { note: true, fields: ['category', 'item'] },
      },
      {
        key: 'report',
        label: l('报到', 'Report'),
        from: ['whistled'],
        to: 'handling',
        by: ['assignee_unit', 'role:department'],
        effect: 'sign',
      },
      {
        key: 'decline',
        label: l('退回', 'Not ours'),
        from: ['whistled'],
        to: 'new',
        by: ['assignee_unit', 'role:department'],
        effect: 'return',
        requires: { note: true },
      },
      {
        key: 'act',
        label: l('处置完成', 'Report done'),
        from: ['handling'],
        to: 'acted',
        by: ['assignee_unit', 'role:department'],
        effect: 'reply',
        requires: { note: true, attachments: true },
      },
      {
        key: 'redo',
        label: l('重新处置', 'Act again'),
        from: ['acted'],
        to: 'handling',
        by: ['centre'],
        requires: { note: true },
      },
      {
        key: 'close',
        label: l('评价办结', 'Rate and close'),
        from: ['acted'],
        to: 'closed',
        by: ['centre'],
        effect: 'close',
      },
      {
        key: 'reopen',
        label: l('重新吹哨', 'Reopen'),
        from: ['closed'],
        to: 'handling',
        by: ['centre', 'supervisor'],
        effect: 'reopen',
        requires: { note: true },
      },
    ],
  },
  resolveMinutes: 2520,
  warnPercent: 80,
  dispatch: [],
  reopenDays: 7,
  whistle: {
    // 2 working hours to report: the districts' practice is 30 minutes when urgent, 2 hours
    // otherwise; an urgent whistle is a phone call, the recorded limit is the ordinary one.
    reportMinutes: 120,
    actMinutes: 2400,
    points: { onTime: 2, late: -1, perStar: 1 },
    ratingWeightPermille: 333,
  },
};

/** The presets with what a case type row needs besides the definition. */
export const PRESETS = [
  {
    key: 'resident_request',
    name: l('居民诉求', 'Resident requests'),
    numberPrefix: 'JM',
    definition: RESIDENT_REQUEST,
  },
  {
    key: 'whistle',
    name: l('吹哨报到', 'Whistle: departments report'),
    numberPrefix: 'CS',
    definition: WHISTLE,
  },
] as const;
