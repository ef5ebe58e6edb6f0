import type { Core } from '@strapi/strapi';
import { createRandom } from './random';
import { dbQuery, documents } from './strapi';

/**
 * A year of consultation in the demo district, through the plugin's own services at past times
 * (its clock's `at`), so every figure the reports and the index show comes from records made
 * the way staff and residents make them: topics raised by QR, grid workers and staff; screened
 * (a few declined or merged), ranked, deliberated in meetings of every kind, some put to a vote,
 * publicised, implemented (tasks, a case, a micro-venture suggestion) and completed — about 180
 * solved, the reference district's "170+". The votes cover every preset rule, cast with the
 * paper notices' one-time codes; one (Civil Code, ordinary) passes by count and fails by area.
 *
 * LINLI_SEED_CONSULTATION=none skips it.
 */
const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

type Row = Record<string, unknown>;
interface Service {
  [name: string]: (...args: never[]) => Promise<unknown>;
}

const TOPICS: Record<string, string[]> = {
  parking: [
    '小区停车位不足，夜间占道停车',
    '电动车充电桩不够用',
    '外来车辆占用小区车位',
    '规划错时共享停车',
  ],
  lift: ['老旧单元加装电梯', '加装电梯费用分摊', '电梯运行噪音扰民'],
  greening: ['楼下绿地改造成口袋公园', '小区树木遮挡低层采光', '闲置地块改造成共享菜园'],
  property: ['物业费调整', '更换物业公司', '维修资金使用：屋面防水', '物业服务质量评议'],
  environment: ['垃圾分类投放点选址', '楼道杂物清理', '餐饮油烟扰民'],
  facilities: ['增设休闲座椅和健身器材', '修缮破损路面', '增设无障碍坡道'],
  safety: ['增设监控探头', '消防通道长期被占', '高空抛物治理'],
  elderly: ['开设老年食堂', '独居老人定期探访', '社区日间照料中心选址'],
  children: ['建设儿童游乐场', '四点半课堂'],
  other: ['宠物管理公约', '邻里节活动安排'],
};
const KIND_WEIGHTS: [string, number][] = [
  ['parking', 24],
  ['lift', 12],
  ['greening', 12],
  ['property', 15],
  ['environment', 11],
  ['facilities', 10],
  ['safety', 6],
  ['elderly', 5],
  ['children', 3],
  ['other', 2],
];
const MEETING_KINDS = ['council', 'compound_hall', 'open_air', 'teahouse', 'online'];
const MEETING_TITLES: Record<string, string> = {
  council: '居民议事会',
  compound_hall: '小区议事厅协商会',
  open_air: '坝坝会',
  teahouse: '幺店子茶话会',
  online: '线上协商会',
};

const KIND_OPTIONS: [string, string, string][] = [
  ['parking', '停车', 'Parking'],
  ['lift', '加装电梯', 'Lift installation'],
  ['greening', '绿化', 'Greening'],
  ['property', '物业管理', 'Property management'],
  ['environment', '环境卫生', 'Environment'],
  ['facilities', '公共设施', 'Public facilities'],
  ['safety', '安全', 'Safety'],
  ['elderly', '养老服务', 'Elderly care'],
  ['children', '儿童友好', 'Children'],
  ['other', '其他', 'Other'],
];

/**
 * The QR form residents scan to raise a consultation need (协商议题征集): a forms target of
 * the consultation plugin. Seeded once, whether or not the rest of the demo is.
 */
export async function seedConsultationForm(strapi: Core.Strapi): Promise<boolean> {
  if (!strapi.plugin('forms') || !strapi.plugin('consultation')) return false;
  const slug = 'consultation-request';
  if (await dbQuery(strapi, 'plugin::forms.form').findOne({ where: { slug }, select: ['id'] }))
    return false;
  const district = (await dbQuery(strapi, 'plugin::cms.area').findOne({
    where: { level: 'district' },
    select: ['documentId'],
  })) as { documentId: string } | null;
  if (!district) return false;
  const created = (await documents(strapi, 'plugin::forms.form').create({
    data: {
      name: '社区协商议题征集',
      nameEn: 'Raise a matter for consultation',
      slug,
      purpose: 'consultation-request',
      description: '身边有需要大家一起商量解决的事？扫码提出议题，社区将征求意见、协商议事。',
      descriptionEn:
        'Something neighbours should decide together? Raise it here: the community collects opinions and puts it to consultation.',
      draft: {
        fields: [
          {
            key: 'area',
            kind: 'area',
            label: { zh: '所在社区/村', en: 'Community or village' },
            required: true,
            areaRoot: district.documentId,
          },
          {
            key: 'title',
            kind: 'text',
            label: { zh: '议题', en: 'Topic' },
            required: true,
            maxLength: 60,
          },
          {
            key: 'kind',
            kind: 'choice',
            label: { zh: '类别', en: 'Kind' },
            required: true,
            options: KIND_OPTIONS.map(([value, zh, en]) => ({ value, label: { zh, en } })),
          },
          {
            key: 'details',
            kind: 'textarea',
            label: { zh: '具体情况和建议', en: 'What and what you suggest' },
            required: true,
            minLength: 5,
            maxLength: 1000,
          },
          { key: 'name', kind: 'text', label: { zh: '姓名', en: 'Name' }, maxLength: 20 },
          { key: 'phone', kind: 'mobile', label: { zh: '手机号', en: 'Mobile' } },
        ],
      },
    },
  })) as { documentId: string };
  await (
    strapi.plugin('forms').service('definitions') as { publish(id: string): Promise<unknown> }
  ).publish(created.documentId);
  return true;
}

export interface ConsultationSeedResult {
  topics: number;
  solved: number;
  meetings: number;
  votes: number;
  ms: number;
}

export async function seedDemoConsultation(
  strapi: Core.Strapi,
): Promise<ConsultationSeedResult | null> {
  if (!strapi.plugin('consultation') || process.env.LINLI_SEED_CONSULTATION === 'none') return null;
  if (await dbQuery(strapi, 'plugin::consultation.topic').findOne({ select: ['id'] })) return null;
  const started = Date.now();
  const service = (name: string) => strapi.plugin('consultation').service(name) as Service;
  const clock = strapi.plugin('consultation').service('clock') as {
    at<T>(at: Date, work: () => Promise<T>): Promise<T>;
  };
  const casesClock = strapi.plugin('cases')?.service('clock') as
    | { at<T>(at: Date, work: () => Promise<T>): Promise<T> }
    | undefined;
  const at = <T>(when: number, work: () => Promise<T>): Promise<T> =>
    clock.at(new Date(when), () => (casesClock ? casesClock.at(new Date(when), work) : work()));
  const topics = service('topics') as unknown as {
    raise(body: Row, options: Row): Promise<Row & { documentId: string }>;
    screen(id: string, body: Row): Promise<Row>;
    closeRanking(area: string): Promise<Row[]>;
    rate(id: string, body: Row): Promise<Row>;
    rank(body: Row): Promise<Row>;
  };
  const procedures = service('procedures') as unknown as {
    save(area: string, body: Row): Promise<Row>;
  };
  const decisions = service('decisions') as unknown as {
    create(body: Row): Promise<Row & { documentId: string }>;
    decide(id: string, body: Row): Promise<Row & { documentId: string; status: string }>;
    implement(id: string, body: Row): Promise<Row>;
    taskDone(id: string, index: number): Promise<Row>;
    complete(id: string, body: Row): Promise<Row>;
  };
  const votes = service('votes') as unknown as {
    open(id: string): Promise<Row>;
    issueCodes(
      id: string,
      body: Row,
    ): Promise<{ electorId: string; label: string; code: string }[]>;
    castByCode(body: Row): Promise<Row>;
    create(body: Row): Promise<Row & { documentId: string }>;
    close(id: string): Promise<Row & { passed: boolean }>;
    electors(id: string, query: Row): Promise<{ data: { documentId: string; area: number }[] }>;
  };
  // Meetings are held at a meeting's hour (9:30, 14:30 or 19:30 China time), the last such hour
  // before they are recorded; by the day, not by a draw, so the year's other draws stay as seeded.
  const meetingTime = (t: number): number => {
    const CHINA = 8 * HOUR;
    const day = Math.floor((t + CHINA) / DAY);
    const slot = [9.5, 14.5, 19.5][day % 3] as number;
    const held = day * DAY - CHINA + slot * HOUR;
    return held <= t ? held : held - DAY;
  };
  const r = createRandom(20261130);
  const { next: random, pick } = r;
  // The residents' evaluations draw from their own sequence, so the year's topics stay as seeded.
  const ratingRandom = createRandom(20261201).next;
  const residentsOf = new Map<number, string[]>();
  const ratersIn = async (community: { id: number; path: string }): Promise<string[]> => {
    let found = residentsOf.get(community.id);
    if (!found) {
      found = (
        (await dbQuery(strapi, 'plugin::cms.person').findMany({
          where: { areaPath: { $startsWith: community.path }, isResident: true },
          select: ['documentId'],
          orderBy: { id: 'asc' },
          limit: 40,
        })) as { documentId: string }[]
      ).map((p) => p.documentId);
      residentsOf.set(community.id, found);
    }
    return found;
  };
  const weighted = (list: [string, number][]) => {
    const total = list.reduce((s, [, w]) => s + w, 0);
    let x = random() * total;
    for (const [k, w] of list) if ((x -= w) < 0) return k;
    return (list[0] as [string, number])[0];
  };

  const communities = (await dbQuery(strapi, 'plugin::cms.area').findMany({
    where: { level: 'community' },
    select: ['id', 'documentId', 'path', 'name'],
    orderBy: { code: 'asc' },
  })) as { id: number; documentId: string; path: string; name: string }[];
  if (communities.length === 0) return null;
  // Compounds with households registered: where votes can be held.
  const units = (await dbQuery(strapi, 'plugin::cms.property-unit').findMany({
    select: ['building'],
    populate: { compound: { select: ['id', 'documentId', 'areaPath', 'name'] } },
  })) as {
    building: string;
    compound: { id: number; documentId: string; areaPath: string; name: string } | null;
  }[];
  const voteSites = new Map<
    string,
    { compound: string; areaPath: string; building: string; rooms: number; used?: boolean }
  >();
  for (const u of units) {
    if (!u.compound) continue;
    const key = `${u.compound.documentId}:${u.building}`;
    const site = voteSites.get(key) ?? {
      compound: u.compound.documentId,
      areaPath: u.compound.areaPath,
      building: u.building,
      rooms: 0,
    };
    site.rooms += 1;
    voteSites.set(key, site);
  }
  const sites = [...voteSites.values()]
    .filter((s) => s.rooms >= 6)
    .sort((a, b) => b.rooms - a.rooms);

  const now = Date.now();
  const yearAgo = now - 365 * DAY;
  // small (the tests' size: LINLI_SEED_CONSULTATION=small) keeps the first boot of a test run
  // short; the demo's default is the reference district's year.
  const small = process.env.LINLI_SEED_CONSULTATION === 'small';
  const TOTAL = small ? 60 : 250;
  const OLDER = small ? 50 : 220;
  // The first topics of the year are the demo compounds' votes (one per preset rule, and the
  // one failing by area): raised where rooms are registered, never declined on the way.
  const voteCommunity =
    communities.find((c) => sites[0]?.areaPath.startsWith(c.path)) ?? communities[0];
  // A third of the communities rank by their residents' representatives, whose sheets staff
  // enter (the tests' small year: two of the first five, which no test community is).
  const byRepresentatives = new Set(
    communities
      .filter((c, i) => i % 3 === 1 && (!small || i < 5) && c.id !== voteCommunity?.id)
      .map((c) => c.id),
  );
  for (const c of communities)
    if (byRepresentatives.has(c.id))
      await at(yearAgo - DAY, () => procedures.save(c.documentId, { rankers: 'representatives' }));
  const VOTE_KINDS = ['lift', 'property', 'parking', 'lift', 'property'];
  let solved = 0;
  let meetings = 0;
  let voteCount = 0;
  // Topics in a community wait for its next meeting: one meeting takes up to four.
  const planned: {
    topic: string;
    community: (typeof communities)[number];
    raisedAt: number;
    kind: string;
    title: string;
  }[] = [];
  for (let i = 0; i < TOTAL; i++) {
    // The later topics of the year are still under way (raised in the last weeks).
    const raisedAt = i < OLDER ? yearAgo + (i / OLDER) * 300 * DAY : now - (TOTAL - i) * 1.2 * DAY;
    const forced = i < VOTE_KINDS.length && sites.length > 0;
    const kind = forced ? (VOTE_KINDS[i] as string) : weighted(KIND_WEIGHTS);
    const title = pick(TOPICS[kind] as string[]);
    // The demo community (the one with its rooms registered) raises more.
    const community = (
      forced || random() < 0.25 ? voteCommunity : pick(communities)
    ) as (typeof communities)[number];
    const source = random() < 0.62 ? 'resident' : random() < 0.5 ? 'grid' : 'staff';
    const topic = await at(raisedAt, () =>
      topics.raise(
        { title, body: `${community.name}居民反映：${title}。`, kind, area: community.documentId },
        { source },
      ),
    );
    planned.push({ topic: topic.documentId, community, raisedAt, kind, title });
  }

  const votePlan = [
    { rule: 'civil-code-ordinary', electorate: 'owners', failByArea: true },
    { rule: 'civil-code-major', electorate: 'owners', failByArea: false },
    { rule: 'simple-majority', electorate: 'households', failByArea: false },
    { rule: 'residents-75', electorate: 'residents', failByArea: false },
    { rule: 'civil-code-ordinary', electorate: 'owners', failByArea: false },
  ];
  let voteIndex = 0;

  for (const [index, p] of planned.entries()) {
    const recent = p.raisedAt > now - 40 * DAY;
    // The last weeks' topics move a day a step, so some are at every stage today.
    const gap = (min: number, max: number) => (recent ? DAY : (min + random() * (max - min)) * DAY);
    let t = p.raisedAt + gap(2, 7);
    if (recent && random() < 0.5) continue; // still collecting opinions
    const forced = index < VOTE_KINDS.length;
    const fate = forced ? 1 : random();
    if (fate < 0.06) {
      await at(t, () =>
        topics.screen(p.topic, {
          decision: 'decline',
          reason: '不属于社区协商范围，已转相关部门答复',
        }),
      );
      continue;
    }
    if (fate < 0.09 && index > 0) {
      const earlier = planned
        .slice(0, index)
        .find((o) => o.community.id === p.community.id && o.kind === p.kind);
      if (earlier) {
        const merged = await at(t, () =>
          topics.screen(p.topic, {
            decision: 'merge',
            into: earlier.topic,
            reason: '与已有议题重复',
          }),
        ).catch(() => null);
        if (merged) continue;
      }
    }
    await at(t, () => topics.screen(p.topic, { decision: 'accept' }));
    t += gap(3, 10);
    if (recent && random() < 0.4) continue; // being ranked
    if (byRepresentatives.has(p.community.id)) {
      // Three to five representatives' sheets, entered the day before the ranking closes.
      const representatives = (await ratersIn(p.community)).slice(0, 3 + (index % 3));
      for (const representative of representatives)
        await at(t - DAY, () => topics.rank({ order: [p.topic], representative })).catch(
          () => null,
        );
    }
    await at(t, () => topics.closeRanking(p.community.documentId)).catch(() => null);
    t += gap(2, 12);
    if (t > now - 2 * HOUR) continue;
    const kind = pick(MEETING_KINDS);
    const meeting = await at(t, () =>
      decisions.create({
        kind,
        title: `${p.community.name}${MEETING_TITLES[kind]}：${p.title}`.slice(0, 120),
        heldAt: new Date(meetingTime(t)).toISOString(),
        place:
          kind === 'open_air' ? '小区中心广场' : kind === 'teahouse' ? '街边茶馆' : '社区议事厅',
        area: p.community.documentId,
        topics: [p.topic],
        status: 'held',
        attendees: [
          { role: 'party_members', count: 2 + Math.floor(random() * 6) },
          { role: 'representatives', count: 3 + Math.floor(random() * 8) },
          { role: 'residents', count: 5 + Math.floor(random() * 30) },
          ...(random() < 0.6 ? [{ role: 'property_company', count: 1 }] : []),
          ...(random() < 0.3 ? [{ role: 'departments', count: 1 + Math.floor(random() * 2) }] : []),
          ...(random() < 0.3 ? [{ role: 'social_organisations', count: 1 }] : []),
        ],
        minutes: `会议围绕“${p.title}”听取居民意见，经充分协商形成决定。`,
      }),
    );
    meetings++;
    if (!forced && random() < 0.04) {
      await at(t + HOUR, () =>
        decisions.decide(meeting.documentId, {
          topic: p.topic,
          text: '经协商暂不实施，待条件成熟后再议',
          outcome: 'reject',
        }),
      );
      continue;
    }
    // Lift and property matters of compounds with registered rooms go to a vote.
    const plan = votePlan[voteIndex];
    const site = plan
      ? sites.find((s) => s.areaPath.startsWith(p.community.path) && !s.used)
      : undefined;
    const voting = Boolean(
      plan &&
        site &&
        (p.kind === 'lift' || p.kind === 'property' || p.kind === 'parking') &&
        t < now - 30 * DAY,
    );
    if (voting && plan && site) {
      voteIndex++;
      site.used = true;
      const decision = await at(t + HOUR, () =>
        decisions.decide(meeting.documentId, {
          topic: p.topic,
          text: `${p.title}：提请${site.building}栋表决`,
          vote: {
            electorate: plan.electorate,
            rule: plan.rule,
            compound: site.compound,
            building: site.building,
            closesAt: new Date(t + 10 * DAY).toISOString(),
            title: p.title,
          },
        }),
      );
      const vote = (await dbQuery(strapi, 'plugin::consultation.vote').findOne({
        where: { decisionId: (decision as unknown as { id: number }).id },
        select: ['documentId'],
      })) as { documentId: string };
      await at(t + 2 * HOUR, () => votes.open(vote.documentId));
      const codes = await at(t + 3 * HOUR, () => votes.issueCodes(vote.documentId, {}));
      const electors = (
        await at(t + 3 * HOUR, () => votes.electors(vote.documentId, { pageSize: 200 }))
      ).data;
      const areaOf = new Map(electors.map((e) => [e.documentId, Number(e.area)]));
      // The failing one: the smaller flats (just over half by count) approve, the larger refuse.
      const ordered = [...codes].sort(
        (a, b) => (areaOf.get(a.electorId) ?? 0) - (areaOf.get(b.electorId) ?? 0),
      );
      const yesCount = plan.failByArea
        ? Math.floor(ordered.length / 2) + 1
        : Math.ceil(ordered.length * 0.85);
      for (const [i, c] of ordered.entries()) {
        if (!plan.failByArea && random() < 0.08) continue; // a few never vote
        const choice =
          i < yesCount ? 'yes' : plan.failByArea ? 'no' : random() < 0.5 ? 'no' : 'abstain';
        await at(t + 4 * HOUR + i * 60_000, () => votes.castByCode({ code: c.code, choice }));
      }
      const closed = await at(t + 10 * DAY, () => votes.close(vote.documentId));
      voteCount++;
      t += 10 * DAY;
      if (!closed.passed) continue; // back to deliberation
    } else {
      await at(t + HOUR, () =>
        decisions.decide(meeting.documentId, { topic: p.topic, text: `同意实施：${p.title}` }),
      );
    }
    const decision = (await dbQuery(strapi, 'plugin::consultation.decision').findOne({
      where: {
        topicId: (
          await dbQuery(strapi, 'plugin::consultation.topic').findOne({
            where: { documentId: p.topic },
            select: ['id'],
          })
        ).id,
        status: 'publicising',
      },
      select: ['documentId'],
    })) as { documentId: string } | null;
    if (!decision) continue;
    t += 6 * DAY;
    if (t > now - HOUR) continue; // being publicised
    const follow = random();
    const dueOn = new Date(t + (20 + random() * 40) * DAY).toISOString().slice(0, 10);
    await at(t, () =>
      decisions.implement(
        decision.documentId,
        follow < 0.15 && casesClock
          ? { kind: 'case', dueOn }
          : follow < 0.22
            ? { kind: 'grant', note: '建议社区社会组织申报公益微创投项目承接', dueOn }
            : {
                kind: 'tasks',
                dueOn,
                tasks: [
                  { title: '制定实施方案', dueOn },
                  { title: '组织施工/落实', dueOn },
                ],
              },
      ),
    );
    const finish = t + (10 + random() * 50) * DAY;
    if (finish > now - HOUR) continue; // being implemented
    const detail = (await dbQuery(strapi, 'plugin::consultation.decision').findOne({
      where: { documentId: decision.documentId },
      select: ['followUp'],
    })) as { followUp: { tasks?: unknown[] } | null };
    for (const [i] of (detail.followUp?.tasks ?? []).entries())
      await at(finish - DAY, () => decisions.taskDone(decision.documentId, i));
    await at(finish, () =>
      decisions.complete(decision.documentId, {
        fundsSpent: Math.round(5_000 + random() * 300_000) * 100,
      }),
    );
    solved++;
    // Residents' paper evaluation forms (评议表), entered by staff in the month after: mostly
    // satisfied, a few not.
    const raters = await ratersIn(p.community);
    const offset = Math.floor(ratingRandom() * raters.length);
    const forms = Math.min(raters.length, 3 + Math.floor(ratingRandom() * 6));
    for (let k = 0; k < forms; k++) {
      const when = finish + (1 + k * 3) * DAY;
      if (when > now - HOUR) break;
      const x = ratingRandom();
      const rating = x < 0.55 ? 5 : x < 0.85 ? 4 : x < 0.95 ? 3 : 2;
      await at(when, () =>
        topics.rate(p.topic, {
          resident: raters[(offset + k) % raters.length],
          rating,
        }),
      );
    }
    // A month of residents' evaluation, then staff close it (办结).
    if (finish + 30 * DAY < now - HOUR)
      await at(finish + 30 * DAY, () =>
        (service('topics') as unknown as { close(id: string, body: Row): Promise<Row> }).close(
          p.topic,
          { note: '评议期满，办结' },
        ),
      );
  }
  // One vote open now, called outside a meeting (renewing the property company's contract):
  // two days in, about four households in ten have voted with their codes.
  const open = sites.find((s) => !s.used);
  if (open) {
    const opened = now - 2 * DAY;
    const vote = await at(opened, () =>
      votes.create({
        title: '续聘物业服务企业',
        question: '是否同意续聘现物业服务企业三年',
        electorate: 'households',
        rule: 'simple-majority',
        compound: open.compound,
        building: open.building,
        closesAt: new Date(now + 5 * DAY).toISOString(),
      }),
    );
    await at(opened + HOUR, () => votes.open(vote.documentId));
    const codes = await at(opened + 2 * HOUR, () => votes.issueCodes(vote.documentId, {}));
    const cast = Math.floor(codes.length * 0.4);
    for (const [i, c] of codes.slice(0, cast).entries())
      await at(opened + 3 * HOUR + i * 10 * 60_000, () =>
        votes.castByCode({ code: c.code, choice: i % 5 === 4 ? 'no' : 'yes' }),
      );
    voteCount++;
  }
  return { topics: TOTAL, solved, meetings, votes: voteCount, ms: Date.now() - started };
}

export const consultationSeedLine = (r: ConsultationSeedResult): string =>
  `Seeded consultation: ${r.topics} topics (${r.solved} solved), ${r.meetings} meetings, ${r.votes} votes in ${r.ms} ms.`;
