import type { Core } from '@strapi/strapi';
import { getService as formsService } from '../../plugins/forms/server/src/utils';
import { createRandom } from './random';
import { dbQuery, documents } from './strapi';

type DocumentRef = { documentId: string };

/**
 * The demo district's forms, published through the forms plugin's own services (so they are
 * checked like any other) — a resident request intake, an incubation application, a volunteer
 * sign-up and a satisfaction survey — and a few hundred submissions made through the same
 * validation as the public page's, so lists, exports and counts have something to show.
 */
const CATEGORIES = [
  // The resident-request case type's categories (its intake form): a request arrives classified.
  ['environment', '环境卫生', 'Environment and sanitation'],
  ['facilities', '市政设施', 'Municipal facilities'],
  ['property', '物业管理', 'Property management'],
  ['safety', '治安消防', 'Public order and fire safety'],
  ['neighbours', '邻里纠纷', 'Disputes between neighbours'],
  ['care', '养老助残', 'Care for elders and disabled people'],
  ['other', '其他', 'Other'],
] as const;

const SERVICE = [
  ['elder_care', '为老服务', 'Elder care'],
  ['child_care', '儿童关爱', 'Child care'],
  ['community_building', '社区营造', 'Community building'],
  ['culture_sports', '文体活动', 'Culture and sports'],
  ['environment', '环境保护', 'Environment'],
  ['other', '其他', 'Other'],
] as const;

const opts = (list: readonly (readonly [string, string, string])[]) =>
  list.map(([value, zh, en]) => ({ value, label: { zh, en } }));

export function demoForms(districtAreaId: string, hubId: string | null) {
  return [
    {
      name: '居民诉求登记',
      nameEn: 'Residents’ requests',
      slug: 'resident-request',
      purpose: 'case-intake',
      description: '扫码即可反映身边的问题，社区工作者将在3个工作日内联系您。',
      descriptionEn:
        'Tell us about a problem near you; a community worker will contact you within 3 working days.',
      draft: {
        sections: [
          { key: 'issue', title: { zh: '反映事项', en: 'The request' } },
          { key: 'contact', title: { zh: '联系方式', en: 'Contact' } },
        ],
        fields: [
          {
            key: 'category',
            kind: 'choice',
            section: 'issue',
            label: { zh: '事项类别', en: 'Category' },
            required: true,
            options: opts(CATEGORIES),
          },
          {
            key: 'otherCategory',
            kind: 'text',
            section: 'issue',
            label: { zh: '请说明类别', en: 'Which category' },
            required: true,
            showIf: { field: 'category', values: ['other'] },
            maxLength: 30,
          },
          {
            key: 'area',
            kind: 'area',
            section: 'issue',
            label: { zh: '所在社区/村', en: 'Community or village' },
            required: true,
            areaRoot: districtAreaId,
          },
          {
            key: 'address',
            kind: 'text',
            section: 'issue',
            label: { zh: '具体位置', en: 'Where exactly' },
            help: { zh: '如：3栋2单元楼道', en: 'e.g. building 3, entrance 2' },
            maxLength: 100,
          },
          {
            key: 'details',
            kind: 'textarea',
            section: 'issue',
            label: { zh: '问题描述', en: 'What is the problem' },
            required: true,
            minLength: 5,
            maxLength: 1000,
          },
          {
            key: 'photos',
            kind: 'file',
            section: 'issue',
            label: { zh: '现场照片', en: 'Photos' },
            accept: ['image/*'],
            maxBytes: 5 * 1024 * 1024,
            maxItems: 3,
          },
          {
            key: 'urgent',
            kind: 'boolean',
            section: 'issue',
            label: { zh: '是否紧急', en: 'Urgent?' },
          },
          {
            key: 'name',
            kind: 'text',
            section: 'contact',
            label: { zh: '姓名', en: 'Name' },
            required: true,
            maxLength: 20,
          },
          {
            key: 'phone',
            kind: 'mobile',
            section: 'contact',
            label: { zh: '手机号', en: 'Mobile' },
            required: true,
          },
        ],
      },
    },
    {
      name: '社会组织入驻孵化申请',
      nameEn: 'Incubation application',
      slug: 'incubation-application',
      purpose: 'incubation-application',
      access: 'anyone',
      description: '社区社会组织申请入驻孵化基地（入壳），提交后孵化平台将安排评估。',
      descriptionEn:
        'Community organisations apply to join the incubator; the hub will arrange an assessment.',
      settings: hubId ? { hub: hubId } : {},
      draft: {
        fields: [
          {
            key: 'organisationName',
            kind: 'text',
            label: { zh: '组织名称', en: 'Organisation name' },
            required: true,
            maxLength: 100,
          },
          {
            key: 'registration',
            kind: 'choice',
            label: { zh: '登记情况', en: 'Registration' },
            required: true,
            options: opts([
              ['registered', '已登记', 'Registered'],
              ['filed', '已备案', 'Filed'],
              ['none', '未登记', 'Not registered'],
            ]),
          },
          {
            key: 'creditCode',
            kind: 'creditCode',
            label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
            showIf: { field: 'registration', values: ['registered'] },
            required: true,
          },
          {
            key: 'area',
            kind: 'area',
            label: { zh: '所在社区/村', en: 'Community or village' },
            required: true,
            areaRoot: districtAreaId,
          },
          {
            key: 'serviceCategory',
            kind: 'choice',
            label: { zh: '服务领域', en: 'Service category' },
            required: true,
            options: opts(SERVICE),
          },
          {
            key: 'members',
            kind: 'integer',
            label: { zh: '成员人数', en: 'Members' },
            min: 1,
            max: 10000,
            required: true,
          },
          { key: 'foundedOn', kind: 'date', label: { zh: '成立日期', en: 'Founded on' } },
          {
            key: 'description',
            kind: 'textarea',
            label: { zh: '组织简介与孵化需求', en: 'About the organisation and what it needs' },
            required: true,
            maxLength: 2000,
          },
          {
            key: 'contactName',
            kind: 'text',
            label: { zh: '联系人', en: 'Contact person' },
            required: true,
          },
          {
            key: 'contactPhone',
            kind: 'mobile',
            label: { zh: '联系电话', en: 'Contact phone' },
            required: true,
          },
        ],
      },
    },
    {
      name: '志愿者报名',
      nameEn: 'Volunteer sign-up',
      slug: 'volunteer-signup',
      purpose: 'volunteer-signup',
      description: '加入社区志愿服务队，服务时长计入时间银行。',
      descriptionEn: 'Join the community volunteers; your hours go into the time bank.',
      draft: {
        fields: [
          {
            key: 'name',
            kind: 'text',
            label: { zh: '姓名', en: 'Name' },
            required: true,
            maxLength: 20,
          },
          { key: 'phone', kind: 'mobile', label: { zh: '手机号', en: 'Mobile' }, required: true },
          {
            key: 'idNumber',
            kind: 'idNumber',
            label: { zh: '身份证号', en: 'Resident ID number' },
            help: { zh: '用于购买志愿者保险', en: 'For the volunteers’ insurance' },
            required: true,
          },
          {
            key: 'area',
            kind: 'area',
            label: { zh: '所在社区/村', en: 'Community or village' },
            required: true,
            areaRoot: districtAreaId,
          },
          {
            key: 'skills',
            kind: 'multichoice',
            label: { zh: '可提供的服务', en: 'What you can offer' },
            required: true,
            options: opts([
              ['visiting', '探访陪伴', 'Visiting'],
              ['tutoring', '课业辅导', 'Tutoring'],
              ['repairs', '家电维修', 'Repairs'],
              ['health', '健康咨询', 'Health advice'],
              ['events', '活动组织', 'Events'],
            ]),
          },
          {
            key: 'weeklyHours',
            kind: 'integer',
            label: { zh: '每周可服务小时数', en: 'Hours a week' },
            min: 1,
            max: 40,
          },
          {
            key: 'availability',
            kind: 'group',
            label: { zh: '可服务时段', en: 'When you are free' },
            maxItems: 7,
            fields: [
              {
                key: 'day',
                kind: 'choice',
                label: { zh: '星期', en: 'Day' },
                required: true,
                options: opts([
                  ['mon', '周一', 'Mon'],
                  ['tue', '周二', 'Tue'],
                  ['wed', '周三', 'Wed'],
                  ['thu', '周四', 'Thu'],
                  ['fri', '周五', 'Fri'],
                  ['sat', '周六', 'Sat'],
                  ['sun', '周日', 'Sun'],
                ]),
              },
              {
                key: 'period',
                kind: 'choice',
                label: { zh: '时段', en: 'Time' },
                required: true,
                options: opts([
                  ['am', '上午', 'Morning'],
                  ['pm', '下午', 'Afternoon'],
                  ['eve', '晚上', 'Evening'],
                ]),
              },
            ],
          },
        ],
      },
    },
    {
      name: '社区服务满意度调查',
      nameEn: 'Community services satisfaction survey',
      slug: 'satisfaction-survey',
      purpose: 'standalone',
      description: '您的评价帮助我们改进社区服务。',
      descriptionEn: 'Your views help us improve community services.',
      draft: {
        fields: [
          {
            key: 'area',
            kind: 'area',
            label: { zh: '所在社区/村', en: 'Community or village' },
            required: true,
            areaRoot: districtAreaId,
          },
          {
            key: 'overall',
            kind: 'rating',
            label: { zh: '总体满意度', en: 'Overall satisfaction' },
            max: 5,
            required: true,
          },
          {
            key: 'services',
            kind: 'multichoice',
            label: { zh: '近一年使用过的服务', en: 'Services used in the past year' },
            options: opts([
              ['elder', '养老服务', 'Elder care'],
              ['kids', '儿童服务', 'Children'],
              ['culture', '文体活动', 'Culture and sports'],
              ['legal', '法律援助', 'Legal aid'],
              ['repair', '维修服务', 'Repairs'],
            ]),
          },
          {
            key: 'improve',
            kind: 'textarea',
            label: { zh: '需要改进的地方', en: 'What should improve' },
            requireIf: { field: 'overall', values: [1, 2] },
            help: { zh: '评分为1或2星时必填', en: 'Required for 1 or 2 stars' },
            maxLength: 1000,
          },
          {
            key: 'recommend',
            kind: 'boolean',
            label: { zh: '是否愿意推荐给邻居', en: 'Would you recommend it to a neighbour?' },
          },
        ],
      },
    },
  ];
}

export async function seedDemoForms(strapi: Core.Strapi): Promise<number> {
  if (!strapi.plugin('forms')) return 0;
  const forms = dbQuery(strapi, 'plugin::forms.form');
  if (await forms.findOne({ where: { slug: 'resident-request' }, select: ['id'] })) return 0;
  const district: DocumentRef | null = await dbQuery(strapi, 'plugin::cms.area').findOne({
    where: { level: 'district' },
    select: ['documentId'],
  });
  if (!district) return 0;
  const hub: DocumentRef | null = await dbQuery(strapi, 'plugin::cms.organisation').findOne({
    where: { kind: 'hub' },
    select: ['documentId'],
    orderBy: { id: 'asc' },
  });
  const definitions = formsService(strapi, 'definitions');
  const submissions = formsService(strapi, 'submissions');
  const published: Record<string, string> = {};
  for (const spec of demoForms(district.documentId, hub?.documentId ?? null)) {
    const created = await documents(strapi, 'plugin::forms.form').create({ data: spec });
    await definitions.publish(created.documentId);
    published[spec.slug] = created.documentId;
  }

  // Answers from across the district's communities, through the same validation as the page.
  const communities: DocumentRef[] = await dbQuery(strapi, 'plugin::cms.area').findMany({
    where: { level: { $in: ['community', 'village'] } },
    select: ['documentId'],
  });
  const { next: random, pick } = createRandom(20261122);
  const names = ['王芳', '李强', '张伟', '刘洋', '陈静', '杨敏', '赵磊', '黄丽', '周杰', '吴婷'];
  const phone = () =>
    `1${pick(['38', '39', '58', '86', '77'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
  const as = (n: number) => ({
    userId: null,
    username: null,
    role: 'public',
    clientKey: `seed-${n}`,
  });
  let made = 0;
  for (let n = 0; n < 60; n += 1) {
    const category = pick(CATEGORIES)[0];
    await submissions.submit(
      'resident-request',
      {
        data: {
          category,
          ...(category === 'other' && { otherCategory: '噪音扰民' }),
          area: pick(communities).documentId,
          details: pick([
            '楼道灯坏了，晚上看不见路',
            '小区垃圾清运不及时',
            '路口占道停车严重',
            '独居老人需要定期探访',
            '雨天地下室渗水',
          ]),
          urgent: random() < 0.2,
          name: pick(names),
          phone: phone(),
        },
      },
      as(n),
      'zh',
    );
    made += 1;
  }
  for (let n = 0; n < 90; n += 1) {
    const overall = 1 + Math.floor(random() * 5);
    await submissions.submit(
      'satisfaction-survey',
      {
        data: {
          area: pick(communities).documentId,
          overall: overall < 3 && random() < 0.5 ? overall + 2 : overall,
          services: ['elder', 'kids', 'culture', 'legal', 'repair'].filter(() => random() < 0.35),
          improve: '希望增加周末活动',
          recommend: random() < 0.8,
        },
      },
      as(1000 + n),
      'zh',
    );
    made += 1;
  }
  return made;
}
