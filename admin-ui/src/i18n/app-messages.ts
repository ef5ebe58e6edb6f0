/**
 * Linli's own words in the console, in Chinese and English, using shared/domain/GLOSSARY.md.
 * Keys follow react-admin: resources.<resource>.name / .fields.<field>; enums.<enum>.<value>.
 */
const field = {
  name: ['名称', 'Name'],
  code: ['编码', 'Code'],
  households: ['户数', 'Households'],
  community: ['所属社区/村', 'Community or village'],
  areaPath: ['区域路径', 'Area path'],
  createdAt: ['创建时间', 'Created'],
  updatedAt: ['更新时间', 'Updated'],
} as const;

type Pair = readonly [string, string];
type Tree = { [key: string]: Pair | Tree };

const tree: Tree = {
  resources: {
    'cms-areas': {
      name: ['区域', 'Areas'],
      fields: {
        name: field.name,
        code: field.code,
        level: ['级别', 'Level'],
        kind: ['社区分类', 'Community kind'],
        parent: ['上级区域', 'Parent area'],
        children: ['下级区域', 'Areas within'],
        households: field.households,
        population: ['人口', 'Population'],
        path: ['区域路径', 'Path'],
      },
    },
    'cms-grids': {
      name: ['网格', 'Grids'],
      fields: {
        name: field.name,
        code: field.code,
        level: ['网格级别', 'Grid level'],
        community: field.community,
        parent: ['上级网格', 'Parent grid'],
        households: field.households,
        worker: ['网格员', 'Grid worker'],
        members: ['微网格员', 'Micro-grid members'],
        areaPath: field.areaPath,
      },
    },
    'cms-compounds': {
      name: ['小区', 'Compounds'],
      fields: {
        name: field.name,
        community: field.community,
        grid: ['所属网格', 'Grid'],
        type: ['小区类型', 'Compound type'],
        households: field.households,
        buildings: ['楼栋数', 'Buildings'],
        propertyManagement: ['物业管理', 'Property management'],
        areaPath: field.areaPath,
      },
    },
    'cms-people': {
      name: ['居民', 'People'],
      fields: {
        name: ['姓名', 'Name'],
        phone: ['手机号', 'Mobile'],
        idNumber: ['身份证号', 'Resident ID number'],
        community: field.community,
        compound: ['所在小区', 'Compound'],
        isGridWorker: ['网格员', 'Grid worker'],
        isMicroGridMember: ['微网格员', 'Micro-grid member'],
        isBuildingCaptain: ['楼栋长', 'Building captain'],
        isVolunteer: ['志愿者', 'Volunteer'],
        isDonor: ['捐赠人', 'Donor'],
        isResident: ['居民', 'Resident'],
        areaPath: field.areaPath,
      },
    },
    'cms-organisations': {
      name: ['组织', 'Organisations'],
      fields: {
        name: field.name,
        creditCode: ['统一社会信用代码', 'Unified social credit code'],
        kind: ['组织类别', 'Kind'],
        legalForm: ['组织形式', 'Legal form'],
        registration: ['登记状态', 'Registration'],
        serviceCategory: ['服务领域', 'Service category'],
        area: ['所属区域', 'Area'],
        foundedOn: ['成立日期', 'Founded on'],
        contactPerson: ['联系人', 'Contact person'],
        members: ['成员数', 'Members'],
        description: ['简介', 'Description'],
        areaPath: field.areaPath,
      },
    },
    'cms-incubations': {
      name: ['孵化', 'Incubations'],
      fields: {
        organisation: ['孵化对象', 'Organisation'],
        hub: ['孵化平台', 'Hub'],
        stage: ['阶段', 'Stage'],
        appliedOn: ['申请日期', 'Applied on'],
        assessingOn: ['评估日期', 'Assessing from'],
        incubatingOn: ['入壳日期', 'Incubating from'],
        hatchedOn: ['出壳日期', 'Hatched on'],
        closedOn: ['结束日期', 'Closed on'],
        mentor: ['导师', 'Mentor'],
        areaPath: field.areaPath,
      },
    },
    'cms-audit-entries': {
      name: ['审计日志', 'Audit log'],
      fields: {
        action: ['操作', 'Action'],
        contentType: ['记录类型', 'Record type'],
        recordId: ['记录编号', 'Record'],
        fields: ['变更字段', 'Fields'],
        actorType: ['操作者类型', 'Actor type'],
        actorName: ['操作者', 'Actor'],
        occurredAt: ['时间', 'When'],
        before: ['修改前', 'Before'],
        after: ['修改后', 'After'],
      },
    },
  },
  enums: {
    level: {
      district: ['区县', 'District'],
      subdistrict: ['街道', 'Subdistrict'],
      town: ['镇', 'Town'],
      community: ['社区', 'Community'],
      village: ['村', 'Village'],
    },
    kind: {
      urban: ['城镇社区', 'Urban'],
      industrial: ['产业社区', 'Industrial'],
      agricultural: ['涉农社区', 'Agricultural'],
      resettlement: ['拆迁安置社区', 'Resettlement'],
    },
    gridLevel: { grid: ['一般网格', 'Grid'], micro: ['微网格', 'Micro-grid'] },
    compoundType: {
      commercial: ['商品房小区', 'Commercial housing'],
      work_unit: ['单位家属小区', 'Work-unit housing'],
      old: ['老旧小区', 'Old compound'],
      affordable: ['保障性住房小区', 'Affordable housing'],
      self_built_resettlement: ['统规自建安置小区', 'Self-built resettlement'],
      relocation_resettlement: ['拆迁统建安置小区', 'Relocation resettlement'],
      rural_cluster: ['乡村集中居住区', 'Rural cluster'],
    },
    propertyManagement: {
      company: ['物业公司', 'Property company'],
      trust: ['信托制物业', 'Trust-based'],
      self: ['自治管理', 'Self-managed'],
      none: ['无物业', 'None'],
    },
    organisationKind: {
      social_organisation: ['社会组织', 'Social organisation'],
      hub: ['枢纽型社会组织', 'Hub organisation'],
      social_enterprise: ['社会企业', 'Social enterprise'],
      partner_unit: ['共建单位', 'Partner unit'],
      department: ['职能部门', 'Government department'],
      company: ['企业', 'Company'],
      foundation: ['基金会', 'Foundation'],
    },
    legalForm: {
      association: ['社会团体', 'Association'],
      social_service_agency: ['社会服务机构', 'Social service agency'],
      foundation: ['基金会', 'Foundation'],
      social_enterprise: ['社会企业', 'Social enterprise'],
      company: ['公司', 'Company'],
      government: ['机关事业单位', 'Government body'],
      unincorporated: ['未登记', 'Unincorporated'],
    },
    registration: {
      registered: ['已登记', 'Registered'],
      filed: ['已备案', 'Filed'],
      none: ['未登记备案', 'None'],
    },
    serviceCategory: {
      elder_care: ['养老服务', 'Elder care'],
      child_care: ['托幼服务', 'Child care'],
      disability: ['助残服务', 'Disability'],
      community_building: ['社区营造', 'Community building'],
      culture_sports: ['文体活动', 'Culture and sports'],
      environment: ['环境保护', 'Environment'],
      public_safety: ['平安建设', 'Public safety'],
      legal_aid: ['法律援助', 'Legal aid'],
      education: ['教育', 'Education'],
      health: ['健康', 'Health'],
      poverty_relief: ['帮困救助', 'Poverty relief'],
      volunteering: ['志愿服务', 'Volunteering'],
      other: ['其他', 'Other'],
    },
    stage: {
      applied: ['已申请', 'Applied'],
      assessing: ['评估中', 'Assessing'],
      incubating: ['孵化中（入壳）', 'Incubating'],
      hatched: ['已出壳', 'Hatched'],
      withdrawn: ['已退出', 'Withdrawn'],
      rejected: ['未通过', 'Rejected'],
    },
    action: { create: ['新建', 'Create'], update: ['修改', 'Update'], delete: ['删除', 'Delete'] },
    actorType: {
      user: ['用户', 'User'],
      admin: ['管理员', 'Administrator'],
      'api-token': ['接口令牌', 'API token'],
      system: ['系统', 'System'],
    },
    role: {
      'foundation-staff': ['基金会工作人员', 'Foundation staff'],
      incubator: ['孵化平台', 'Incubator'],
      'community-worker': ['社区工作者', 'Community worker'],
      reviewer: ['评审专家', 'Reviewer'],
      volunteer: ['志愿者', 'Volunteer'],
      resident: ['居民', 'Resident'],
    },
  },
  linli: {
    title: ['邻里 · 社区治理工作台', 'Linli · community governance'],
    language: ['语言', 'Language'],
    scope: ['管辖范围', 'Scope'],
    no_scope: ['未设置管辖范围', 'No scope set'],
    breadcrumbs: ['区域层级', 'Area hierarchy'],
    dashboard: {
      welcome: ['%{name}，您好', 'Hello, %{name}'],
      areas: ['社区与村', 'Communities and villages'],
      grids: ['网格与微网格', 'Grids and micro-grids'],
      compounds: ['小区（按类型）', 'Compounds by type'],
      organisations: ['组织（按类别）', 'Organisations by kind'],
      categories: ['社会组织（按服务领域）', 'Organisations by service category'],
      pipeline: ['孵化进度', 'Incubation pipeline'],
      hatched_to_date: ['累计出壳 %{count} 家', '%{count} hatched to date'],
    },
    board: { title: ['孵化看板', 'Incubation board'], menu: ['孵化看板', 'Board'] },
    validation: {
      phone: ['手机号须为11位大陆手机号码', 'A mobile number is 11 digits starting 13–19'],
      id_number: [
        '身份证号须为18位（最后一位可为X）',
        'A resident ID number is 18 characters (the last may be X)',
      ],
      credit_code_format: [
        '统一社会信用代码须为18位（数字和大写字母，不含 I、O、Z、S、V）',
        'A credit code is 18 digits and capitals (no I, O, Z, S, V)',
      ],
      credit_code_check: [
        '统一社会信用代码校验码不正确（GB 32100-2015）',
        'The credit code fails its check character (GB 32100-2015)',
      ],
    },
    filter: {
      members_gte: ['成员数不少于', 'At least this many members'],
      households_gte: ['户数不少于', 'At least this many households'],
      from: ['起始时间', 'From'],
      to: ['截止时间', 'To'],
    },
    error: {
      validation: ['提交的内容有误：%{details}', 'Please correct: %{details}'],
      forbidden: ['您的角色无权执行此操作', 'Your role may not do this'],
      not_found: ['记录不存在或不在您的管辖范围内', 'No such record in your scope'],
    },
  },
};

type Messages = { [key: string]: string | Messages };

function pick(node: Tree, index: 0 | 1): Messages {
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      Array.isArray(v) ? (v as Pair)[index] : pick(v as Tree, index),
    ]),
  );
}

export const zhMessages = pick(tree, 0);
export const enMessages = pick(tree, 1);
