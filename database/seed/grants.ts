import type { Core } from '@strapi/strapi';
import { createRandom } from './random';
import { addDays } from '../../cms/server/src/domain/china-time';
import { getService as grantsService } from '../../plugins/grants/server/src/utils';
import { dbQuery, documents as documentService, ledgerService } from './strapi';

type DocumentRef = { documentId: string };

/**
 * The foundation's books as the district published them (shared/domain/FIGURES.md): 186
 * donations totalling ¥1,009,800 received into the general fund and the community micro-funds,
 * and the ¥2,000,000 compound-governance special fund. Everything goes through the grants
 * plugin's services and the ledger, so the receipts are numbered and the books reconcile.
 */
export const DEMO_DONATIONS = 186;
export const DEMO_DONATIONS_FEN = 100_980_000;
export const COMPOUND_FUND_FEN = 200_000_000;

const CHANNELS = ['bank_transfer', 'bank_transfer', 'wechat_pay', 'wechat_pay', 'alipay', 'cash'];

/** 186 amounts in whole yuan that add up to exactly ¥1,009,800: many small gifts, a few large. */
export function demoAmounts(random: () => number): number[] {
  const weights = Array.from({ length: DEMO_DONATIONS }, () => {
    const r = random();
    return r < 0.6 ? 1 + r * 4 : r < 0.9 ? 5 + r * 20 : 40 + r * 200;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const yuan = weights.map((w) => Math.max(50, Math.round((w / sum) * (DEMO_DONATIONS_FEN / 100))));
  const diff = DEMO_DONATIONS_FEN / 100 - yuan.reduce((a, b) => a + b, 0);
  const largest = yuan.indexOf(Math.max(...yuan));
  yuan[largest] = (yuan[largest] as number) + diff;
  return yuan.map((y) => y * 100);
}

export async function seedDemoGrants(strapi: Core.Strapi): Promise<number> {
  if (!strapi.plugin('grants')) return 0;
  const fundsQ = dbQuery(strapi, 'plugin::grants.fund');
  if (await fundsQ.findOne({ where: { code: 'GENERAL' }, select: ['id'] })) return 0;
  const communities: (DocumentRef & { name: string })[] = await dbQuery(
    strapi,
    'plugin::cms.area',
  ).findMany({
    where: { level: 'community' },
    select: ['documentId', 'name'],
    orderBy: { code: 'asc' },
    limit: 3,
  });
  if (communities.length === 0) return 0;
  const documents = (uid: string) => documentService(strapi, uid);
  const general = await documents('plugin::grants.fund').create({
    data: {
      name: '基金会一般基金',
      nameEn: 'General fund',
      code: 'GENERAL',
      kind: 'general',
      openedOn: '2019-06-01',
    },
  });
  const special = await documents('plugin::grants.fund').create({
    data: {
      name: '小区（院落）治理专项基金',
      nameEn: 'Compound governance special fund',
      code: 'COMPOUND-GOV',
      kind: 'special',
      purpose: '支持小区（院落）自治、微更新与公益微创投项目',
      openedOn: '2025-03-01',
    },
  });
  const micro = [];
  for (const [i, c] of communities.entries()) {
    micro.push(
      await documents('plugin::grants.fund').create({
        data: {
          // 斑城社区 → 斑城社区微基金 (not 斑城社区社区微基金); the English keeps the place's name.
          name: `${c.name}${/(社区|村)$/.test(c.name) ? '' : '社区'}微基金`,
          nameEn: `${c.name} community micro-fund`,
          code: `MICRO-${i + 1}`,
          kind: 'community',
          area: c.documentId,
          openedOn: '2024-01-01',
        },
      }),
    );
  }
  // The special fund's ¥2,000,000 comes from the district government, not from donations.
  const ledger = ledgerService(strapi);
  await ledger.openAccount({
    code: 'world:government:fen',
    unit: 'fen',
    minBalance: null,
    name: 'government funding',
  });
  await ledger.transfer({
    key: 'seed:compound-fund:government',
    debit: 'world:government:fen',
    credit: `grants.fund:${special.documentId}:available`,
    amount: COMPOUND_FUND_FEN,
    code: 'government_funding',
    reference: `grants.fund:${special.documentId}`,
  });

  const { next: random, pick } = createRandom(20261123);
  const people: DocumentRef[] = await dbQuery(strapi, 'plugin::cms.person').findMany({
    where: { isDonor: true },
    select: ['documentId'],
    limit: 200,
  });
  const companies: DocumentRef[] = await dbQuery(strapi, 'plugin::cms.organisation').findMany({
    where: { kind: 'partner_unit' },
    select: ['documentId'],
    limit: 100,
  });
  const donations = grantsService(strapi, 'donations');
  const amounts = demoAmounts(random);
  for (const [i, amount] of amounts.entries()) {
    const r = random();
    const kind =
      r < 0.45 && people.length
        ? 'person'
        : r < 0.8 && companies.length
          ? 'organisation'
          : 'anonymous';
    const restricted = random() < 0.3;
    const fund = restricted ? pick(micro) : general;
    const day = 1 + Math.floor(random() * 300);
    const donatedOn = addDays('2026-01-01', day - 1);
    const row = await documents('plugin::grants.donation').create({
      data: {
        donorKind: kind,
        ...(kind === 'person' && { donorPerson: pick(people).documentId }),
        ...(kind === 'organisation' && { donorOrganisation: pick(companies).documentId }),
        namedConsent: kind !== 'anonymous' && random() < 0.6,
        amount: String(amount),
        channel: pick(CHANNELS),
        donatedOn,
        fund: fund.documentId,
        restricted,
        note: i === 0 ? '演示数据' : undefined,
      },
    });
    await donations.receive(row.documentId);
  }
  return amounts.length;
}
