import type { Core } from '@strapi/strapi';
import { getService as timeBankService } from '../../plugins/time-bank/server/src/utils';
import { dbQuery } from './strapi';

type Row = { id: number; documentId: string; path?: string; name?: string };

/**
 * The time bank's demo: a district pool and a pool in the community worker's community, funded
 * with issued hours; the demo volunteer and resident as members of that community (the resident
 * an elder whose care the pool pays for); a registered family link for the resident; a catalogue
 * (爱心超市). Everything goes through the time-bank services, so the ledger reconciles.
 * Idempotent: nothing is seeded twice.
 */
export async function seedDemoTimeBank(strapi: Core.Strapi): Promise<number> {
  const members = timeBankService(strapi, 'members');
  if (await dbQuery(strapi, 'plugin::time-bank.member').findOne({ where: { kind: 'pool' } }))
    return 0;
  const worker = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
    where: { username: 'community-worker' },
    populate: { scope: true },
  });
  const community = (worker?.scope ?? null) as Row | null;
  const district: Row | null = await dbQuery(strapi, 'plugin::cms.area').findOne({
    where: { level: 'district' },
    select: ['id', 'documentId', 'path', 'name'],
  });
  if (!community || !district) return 0;
  const districtPool = await members.join({
    kind: 'pool',
    name: `${district.name}时间池`,
    area: district.documentId,
  });
  const communityPool = await members.join({
    kind: 'pool',
    name: `${community.name}时间池`,
    area: community.documentId,
  });
  await members.issue(districtPool.documentId as string, {
    minutes: 600_000,
    key: 'seed:issue:district',
  });
  await members.issue(communityPool.documentId as string, {
    minutes: 120_000,
    key: 'seed:issue:community',
  });

  let seeded = 2;
  const users = new Map<string, number>();
  for (const username of ['volunteer', 'resident']) {
    const user = await dbQuery(strapi, 'plugin::users-permissions.user').findOne({
      where: { username },
      select: ['id'],
    });
    if (user) users.set(username, user.id);
  }
  const volunteerUser = users.get('volunteer');
  const residentUser = users.get('resident');
  const volunteer = volunteerUser
    ? await members.join(
        {
          kind: 'person',
          name: '志愿者小李',
          area: community.documentId,
          categories: ['eldercare', 'escort', 'shopping'],
        },
        { user: volunteerUser },
      )
    : null;
  const resident = residentUser
    ? await members.join(
        { kind: 'person', name: '王阿姨', area: community.documentId, categories: [] },
        { user: residentUser },
      )
    : null;
  const daughter = await members.join({
    kind: 'person',
    name: '王阿姨的女儿',
    area: community.documentId,
    categories: ['shopping'],
  });
  seeded += [volunteer, resident, daughter].filter(Boolean).length;
  if (resident)
    await members.link({
      member: resident.documentId,
      relative: daughter.documentId,
      relation: 'child',
      evidence: '户口簿（演示数据）',
    });
  // The volunteer starts with some hours of service already confirmed, so the passbook has lines
  // and the catalogue can be used (redeeming starts at one star).
  if (volunteer && resident) {
    const exchange = timeBankService(strapi, 'exchange');
    const staff = { staff: true, member: null };
    const day = 86400_000;
    for (let i = 0; i < 11; i++) {
      const request = await exchange.post(
        {
          title: ['陪王阿姨去医院复诊', '帮王阿姨买菜', '上门陪伴聊天'][i % 3],
          category: 'eldercare',
          member: resident.documentId,
          windowStart: new Date(Date.now() + day).toISOString(),
          windowEnd: new Date(Date.now() + 3 * day).toISOString(),
          estimatedMinutes: 600,
          volunteersNeeded: 1,
        },
        staff,
      );
      const service = await exchange.accept(
        request.documentId as string,
        { volunteer: volunteer.documentId },
        staff,
      );
      await exchange.record(service.documentId as string, { minutes: 600 }, staff);
      await exchange.confirm(service.documentId as string, {}, staff);
    }
  }
  const items: [string, string, 'service' | 'goods', number, number, string][] = [
    ['大米 5 公斤', 'Rice 5 kg', 'goods', 120, 40, district.documentId],
    ['食用油 1 桶', 'Cooking oil', 'goods', 90, 40, district.documentId],
    ['理发一次', 'A haircut', 'service', 60, 100, community.documentId],
    ['家电清洗', 'Appliance cleaning', 'service', 180, 20, community.documentId],
    ['体检套餐', 'Health check', 'service', 600, 5, district.documentId],
  ];
  for (const [nameZh, nameEn, kind, priceMinutes, stock, area] of items)
    await strapi.documents('plugin::time-bank.catalogue-item' as never).create({
      data: { nameZh, nameEn, kind, priceMinutes, stock, area, active: true } as never,
    });
  return seeded;
}
