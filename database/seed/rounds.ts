import type { Core } from '@strapi/strapi';
import { createRandom } from './random';
import { addDays, todayInChina } from '../../cms/server/src/domain/china-time';

import { getService as formsService } from '../../plugins/forms/server/src/utils';
import { getService as grantsService } from '../../plugins/grants/server/src/utils';
import { dbQuery, documents } from './strapi';

type DocumentRef = { documentId: string };
type IdRow = { id: number };
/** An application as the seed reads it back, and a review as `reviews.mine` lists it. */
type ApplicationRow = DocumentRef & { receiptCode: string };
type MyReview = DocumentRef & { application: DocumentRef };
/** An award as `awards.award` answers it, with its tranches. */
type AwardShown = DocumentRef & {
  amount?: unknown;
  tranches: (DocumentRef & { amount?: unknown })[];
};

/**
 * Micro-venture philanthropy as the foundation runs it (FIGURES.md: "30+ projects run by the
 * foundation"): the 2026 compound-governance round, paid from the ¥2,000,000 special fund, with
 * 34 projects at every stage — withdrawn, rejected, asking for more information, under review,
 * awarded and paying tranches, reporting, closed — and a second round open for applications on
 * its own public form. Everything goes through the services: the form's validator and target,
 * the reviews, the awards and the ledger, so the ranking, the balances and the statement are real.
 */
export const DEMO_ROUND_PROJECTS = 34;

const PROJECTS = [
  '阳光陪伴——心智障碍者家长支持计划',
  '未来社工——青年社工成长营',
  '社区萌想家——儿童参与社区营造',
  '邻里互助食堂',
  '儿童四点半课堂',
  '楼道微更新',
  '院落议事会能力建设',
  '银龄互助时间银行',
  '垃圾分类绿色家园',
  '社区花园共建',
  '新市民融入计划',
  '残障人士就业支持',
  '留守儿童周末陪伴',
  '老旧院落加装电梯协商',
  '社区应急救护培训',
  '非遗川剧进社区',
  '社区书房共读',
  '独居老人关爱探访',
  '青少年心理健康守护',
  '社区规划师在行动',
  '小区停车自治',
  '宠物文明饲养公约',
  '社区法律明白人',
  '妇女手工创业坊',
  '退役军人志愿服务队',
  '社区运动会',
  '家庭教育指导站',
  '农民工子女暑期课堂',
  '社区记忆口述史',
  '阳台菜园与屋顶绿化',
  '小微消防站共建',
  '睦邻节与百家宴',
  '社区食物银行',
  '无障碍出行改造',
];

const DEFINITION = {
  sections: [
    { key: 'who', title: { zh: '申报组织', en: 'Applicant' } },
    { key: 'what', title: { zh: '项目信息', en: 'Project' } },
  ],
  fields: [
    {
      key: 'organisationName',
      kind: 'text',
      section: 'who',
      label: { zh: '申报组织名称', en: 'Organisation' },
      required: true,
      maxLength: 100,
    },
    {
      key: 'contactPhone',
      kind: 'mobile',
      section: 'who',
      label: { zh: '联系人手机', en: 'Contact mobile' },
      required: true,
    },
    {
      key: 'projectTitle',
      kind: 'text',
      section: 'what',
      label: { zh: '项目名称', en: 'Project title' },
      required: true,
      maxLength: 100,
    },
    {
      key: 'area',
      kind: 'area',
      section: 'what',
      label: { zh: '服务社区', en: 'Community served' },
    },
    {
      key: 'requestedAmount',
      kind: 'money',
      section: 'what',
      label: { zh: '申请金额（元）', en: 'Amount requested (¥)' },
      required: true,
      min: 100000,
      max: 3000000,
    },
    {
      key: 'beneficiaries',
      kind: 'integer',
      section: 'what',
      label: { zh: '预计受益人数', en: 'Expected beneficiaries' },
      min: 1,
      max: 100000,
    },
    {
      key: 'summary',
      kind: 'textarea',
      section: 'what',
      label: { zh: '项目简介', en: 'Summary' },
      required: true,
      maxLength: 2000,
    },
  ],
};

export const DEMO_RUBRIC = [
  { key: 'need', label: '社区需求契合度', labelEn: 'Community need', weight: 30, max: 10 },
  { key: 'design', label: '项目设计', labelEn: 'Project design', weight: 25, max: 10 },
  {
    key: 'participation',
    label: '居民参与',
    labelEn: 'Resident participation',
    weight: 25,
    max: 10,
  },
  { key: 'capacity', label: '执行能力', labelEn: 'Capacity', weight: 20, max: 5 },
];

const day = (offset: number) => addDays(todayInChina(), offset);

export async function seedDemoRounds(strapi: Core.Strapi): Promise<number> {
  if (!strapi.plugin('grants') || !strapi.plugin('forms')) return 0;
  const formsQ = dbQuery(strapi, 'plugin::forms.form');
  if (await formsQ.findOne({ where: { slug: 'micro-venture-2026' }, select: ['id'] })) return 0;
  const fund: DocumentRef | null = await dbQuery(strapi, 'plugin::grants.fund').findOne({
    where: { code: 'COMPOUND-GOV' },
  });
  const micro: DocumentRef | null = await dbQuery(strapi, 'plugin::grants.fund').findOne({
    where: { code: 'MICRO-1' },
  });
  if (!fund || !micro) return 0;
  const users = dbQuery(strapi, 'plugin::users-permissions.user');
  const reviewer: IdRow | null = await users.findOne({
    where: { username: 'reviewer' },
    select: ['id'],
  });
  const staff: IdRow | null = await users.findOne({
    where: { username: 'foundation-staff' },
    select: ['id'],
  });
  if (!reviewer || !staff) return 0;

  const definitions = formsService(strapi, 'definitions');
  const submissions = formsService(strapi, 'submissions');
  const rounds = grantsService(strapi, 'rounds');
  const applications = grantsService(strapi, 'applications');
  const reviews = grantsService(strapi, 'reviews');
  const awards = grantsService(strapi, 'awards');
  const { next: random, pick } = createRandom(20261124);

  const form = async (slug: string, name: string, nameEn: string) => {
    const created = await documents(strapi, 'plugin::forms.form').create({
      data: { name, nameEn, slug, purpose: 'grant-application', draft: DEFINITION },
    });
    await definitions.publish(created.documentId);
    return created;
  };
  const organisations: { name: string }[] = await dbQuery(
    strapi,
    'plugin::cms.organisation',
  ).findMany({
    where: { kind: 'social_organisation' },
    select: ['name'],
    orderBy: { id: 'asc' },
    limit: DEMO_ROUND_PROJECTS,
  });
  const communities: DocumentRef[] = await dbQuery(strapi, 'plugin::cms.area').findMany({
    where: { level: 'community' },
    select: ['documentId'],
    limit: 20,
  });
  const submit = (slug: string, i: number, title: string, requestedYuan: number) =>
    submissions.submit(
      slug,
      {
        data: {
          organisationName:
            organisations[i % Math.max(1, organisations.length)]?.name ?? `新都区${title}服务中心`,
          contactPhone: `139${String(10000000 + i * 7919).slice(0, 8)}`,
          projectTitle: title,
          ...(communities.length && { area: pick(communities).documentId }),
          requestedAmount: requestedYuan,
          beneficiaries: 50 + Math.floor(random() * 400),
          summary: `${title}：面向社区居民，联合志愿者开展为期六个月的服务。`,
        },
      },
      { userId: null, username: null, role: 'public', clientKey: `seed-round-${slug}-${i}` },
      'zh',
    );

  /** A round on its own published form, with the demo rubric, opened. */
  const openRound = async (
    slug: string,
    formName: [string, string],
    settings: Record<string, unknown>,
  ) => {
    const created = await form(slug, ...formName);
    const r = await documents(strapi, 'plugin::grants.round').create({
      data: { ...settings, form: created.documentId, rubric: DEMO_RUBRIC },
    });
    await rounds.advance(r.documentId, 'open');
    return r;
  };

  // The 2026 round: applied, reviewed, awarded, paying and reporting.
  const round = await openRound(
    'micro-venture-2026',
    ['2026年小区治理公益微创投申报表', '2026 compound governance micro-grants'],
    {
      title: '2026年小区（院落）治理公益微创投',
      titleEn: '2026 compound governance micro-venture philanthropy',
      description: '支持居民自组织、社会组织在小区（院落）开展自治、微更新与邻里服务项目。',
      fund: fund.documentId,
      budget: String(60_000_000),
      cap: String(3_000_000),
      opensOn: day(-60),
      closesOn: day(0),
    },
  );
  const made: Record<string, unknown>[] = [];
  for (const [i, title] of PROJECTS.entries())
    made.push(
      await submit('micro-venture-2026', i, title, 10000 + Math.round(random() * 20) * 1000),
    );
  const apps: ApplicationRow[] = [];
  for (const m of made)
    apps.push(
      await dbQuery(strapi, 'plugin::grants.application').findOne({
        where: { receiptCode: m.receiptCode },
      }),
    );
  // Two withdrawn by their applicants; the rest reviewed by two reviewers each.
  for (const a of apps.slice(-2)) await applications.withdrawByReceipt(a.receiptCode);
  const live = apps.slice(0, -2);
  for (const a of live) await reviews.assign(a.documentId, [reviewer.id, staff.id]);
  await rounds.advance(round.documentId, 'reviewing');
  const mine = async (userId: number) => {
    const list = await reviews.mine(userId);
    return new Map(list.map((r: MyReview) => [r.application.documentId, r.documentId]));
  };
  const byReviewer = await mine(reviewer.id);
  const byStaff = await mine(staff.id);
  for (const [i, a] of live.entries()) {
    // The last two wait for their scores; one reviewer declares a conflict on the third.
    if (i >= live.length - 2) continue;
    const quality = 1 - i / live.length;
    const score = (max: number) =>
      Math.max(0, Math.min(max, Math.round(max * (0.45 + quality * 0.5) + (random() - 0.5) * 2)));
    const sheet = () => ({
      scores: { need: score(10), design: score(10), participation: score(10), capacity: score(5) },
      recommendation: quality > 0.55 ? 'yes' : quality > 0.3 ? 'maybe' : 'no',
      comment: quality > 0.55 ? '需求明确，设计合理' : '建议进一步细化预算',
    });
    // Every live application was assigned to both reviewers above.
    await reviews.submit(byStaff.get(a.documentId)!, staff.id, sheet());
    if (i === 2)
      await reviews.declareConflict(
        byReviewer.get(a.documentId)!,
        reviewer.id,
        '评审人曾担任该组织顾问',
      );
    else await reviews.submit(byReviewer.get(a.documentId)!, reviewer.id, sheet());
  }
  const ranked = (await rounds.ranking(round.documentId)).rows;
  const scored = ranked.filter((r) => r.score !== null);
  // The weakest four are rejected, two are asked for more information.
  for (const r of scored.slice(-4))
    await applications.setStatus(r.documentId, 'rejected', '评审得分未达立项标准');
  for (const r of scored.slice(-6, -4))
    await applications.setStatus(r.documentId, 'more_info', '请补充项目预算明细和执行团队介绍');
  // Two still unscored and two awaiting information: a step that skips work needs its reason.
  await rounds.advance(round.documentId, 'awarding', '评审会已开，其余项目待材料补齐后再议');
  const awarded: AwardShown[] = [];
  for (const r of scored.slice(0, 20)) {
    const amount = Math.min(r.requested, 3_000_000);
    const firstTranche = Math.round((amount * 0.6) / 100) * 100;
    awarded.push(
      await awards.award(r.documentId, {
        amount,
        tranches: [
          { amount: firstTranche, dueOn: day(-30), label: '首期（60%）' },
          { amount: amount - firstTranche, dueOn: day(60), label: '尾期（40%）' },
        ],
      }),
    );
  }
  // Fourteen have their first tranche paid; six of them have reported progress; four are done
  // (one closed early, its unpaid rest returned to the fund); two await payment of the second.
  for (const [i, w] of awarded.entries()) {
    if (i >= 14) continue;
    const [t1, t2] = w.tranches;
    await awards.approveTranche(t1.documentId);
    await awards.payTranche(t1.documentId);
    if (i < 6) {
      const progress = await awards.addReport(w.documentId, {
        kind: 'progress',
        submittedOn: day(-10),
        beneficiaries: 80 + i * 10,
        volunteerMinutes: (40 + i * 5) * 60,
        spending: String(Math.round(Number(t1.amount) * 0.8)),
        narrative: '项目已按计划开展过半，居民参与积极。',
      });
      await awards.decideReport(progress.documentId, 'accept', '进度正常');
    }
    if (i < 4) {
      if (i > 0) {
        await awards.approveTranche(t2.documentId);
        await awards.payTranche(t2.documentId);
      }
      const final = await awards.addReport(w.documentId, {
        kind: 'final',
        submittedOn: day(-2),
        beneficiaries: 200 + i * 30,
        volunteerMinutes: (120 + i * 10) * 60,
        spending: String(i > 0 ? Number(w.amount) : Number(t1.amount)),
        narrative: '项目全部完成，形成了可持续的居民自治机制。',
      });
      await awards.decideReport(final.documentId, 'accept', '验收通过');
    } else if (i < 6) {
      await awards.approveTranche(t2.documentId);
    }
  }

  // The next round, open now on its own form, paid from a community micro-fund.
  await openRound(
    'micro-venture-open',
    ['社区微创投申报（第一批）', 'Community micro-grants, first call'],
    {
      title: '2027年社区微创投（第一批）',
      titleEn: '2027 community micro-grants, first call',
      description: '社区微基金支持的小额邻里项目，单项不超过1万元。',
      fund: micro.documentId,
      budget: String(5_000_000),
      cap: String(1_000_000),
      opensOn: day(-7),
      closesOn: day(60),
    },
  );
  for (const [i, title] of ['社区共享工具屋', '楼栋邻里节', '亲子自然课堂'].entries())
    await submit('micro-venture-open', PROJECTS.length + i, title, 5000 + i * 1000);
  return PROJECTS.length + 3;
}
