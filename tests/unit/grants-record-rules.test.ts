// The rules of direct writes of funds, donations and rounds, pure: relation inputs read, computed
// and fixed fields refused, a fund's placement, a round's status, fund and form, the data stored.
import {
  donationData,
  donationDeleteIssues,
  donationFundAfter,
  donationWriteIssues,
  type DonationFund,
} from '../../plugins/grants/server/src/domain/donation-rules';
import {
  fundDeleteIssues,
  fundPlacement,
  fundWriteIssues,
} from '../../plugins/grants/server/src/domain/fund-rules';
import { namedDocument, type Row } from '../../plugins/grants/server/src/domain/relation-input';
import {
  roundData,
  roundDeleteIssues,
  roundFormAfter,
  roundWriteIssues,
} from '../../plugins/grants/server/src/domain/round-rules';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const codes = (issues: { path: string; code: string }[]) =>
  issues.map((i) => `${i.path}:${i.code}`);

describe('a relation input names a document', () => {
  it.each<[string, unknown, string | null | undefined]>([
    ['absent', undefined, undefined],
    ['cleared', null, null],
    ['a documentId', A, A],
    ['a list', [A, B], A],
    ['{ documentId }', { documentId: A }, A],
    ['{ set: [one] }', { set: [A] }, A],
    ['{ set: [] }', { set: [] }, null],
    ['{ connect: [one] }', { connect: [{ documentId: A }] }, A],
    ['{ connect: [] }', { connect: [] }, undefined],
    ['{ disconnect: [one] }', { disconnect: [A] }, null],
    ['a number', 7, undefined],
  ])('%s', (_what, input, named) => {
    expect(namedDocument(input)).toBe(named);
  });
});

describe('funds', () => {
  it.each<[number, string[]]>([
    [0, []],
    [1, ['id:has_donations']],
    [12, ['id:has_donations']],
  ])('deleting a fund with %d donations: %j', (n, expected) => {
    expect(codes(fundDeleteIssues(n))).toEqual(expected);
  });

  const stored: Row = {
    id: 1,
    kind: 'special',
    code: 'SP-1',
    availableAccount: 'grants.fund:x:available',
    committedAccount: 'grants.fund:x:committed',
    areaPath: '/1/',
    area: { documentId: A },
  };
  it.each<[string, Row | null, Row, string[]]>([
    ['a plain create', null, { name: 'F', kind: 'general', code: 'GEN-1' }, []],
    ['an account written', null, { availableAccount: 'x' }, ['availableAccount:computed_field']],
    ['an account unchanged', stored, { committedAccount: stored.committedAccount }, []],
    ['an account cleared', stored, { committedAccount: null }, ['committedAccount:computed_field']],
    ['a lower-case code', null, { code: 'gen-1' }, ['code:invalid_value']],
    ['a one-letter code', null, { code: 'G' }, ['code:invalid_value']],
    ['a code that is no text', null, { code: 12 }, ['code:invalid_value']],
    ['a 40-character code', null, { code: 'A'.repeat(40) }, []],
    ['a 41-character code', null, { code: 'A'.repeat(41) }, ['code:invalid_value']],
    ['an area path written', stored, { areaPath: '/2/' }, ['areaPath:computed_field']],
    ['an area path as it is', stored, { areaPath: '/1/' }, []],
    ['an area path on create', null, { areaPath: '/1/' }, ['areaPath:computed_field']],
    ['a community fund with no area', null, { kind: 'community' }, ['area:required']],
    ['a community fund in a community', null, { kind: 'community', area: A }, []],
    ['a fund made community, in its area', stored, { kind: 'community' }, []],
    [
      'a community fund taken out of its area',
      { ...stored, kind: 'community' },
      { area: null },
      ['area:required'],
    ],
    [
      'several at once',
      null,
      { code: 'x', areaPath: '/', committedAccount: 'y' },
      ['committedAccount:computed_field', 'code:invalid_value', 'areaPath:computed_field'],
    ],
  ])('%s', (_what, current, data, expected) => {
    expect(codes(fundWriteIssues(current, data))).toEqual(expected);
  });

  it.each<[string, 'create' | 'update', Row | null, Row, ReturnType<typeof fundPlacement>]>([
    [
      'a new fund naming its area',
      'create',
      null,
      { area: A },
      {
        area: A,
        defaultsToHome: false,
        placesPath: true,
      },
    ],
    [
      'a new fund naming none',
      'create',
      null,
      { kind: 'general' },
      {
        area: undefined,
        defaultsToHome: true,
        placesPath: true,
      },
    ],
    [
      'a new community fund naming none',
      'create',
      null,
      { kind: 'community' },
      {
        area: undefined,
        defaultsToHome: false,
        placesPath: true,
      },
    ],
    [
      'an update leaving the area',
      'update',
      { area: { documentId: A } },
      { name: 'x' },
      {
        area: A,
        defaultsToHome: false,
        placesPath: false,
      },
    ],
    [
      'an update moving the area',
      'update',
      { area: { documentId: A } },
      { area: B },
      {
        area: B,
        defaultsToHome: false,
        placesPath: true,
      },
    ],
    [
      'an update clearing the area',
      'update',
      { area: { documentId: A } },
      { area: null },
      {
        area: null,
        defaultsToHome: false,
        placesPath: true,
      },
    ],
  ])('placed: %s', (_what, action, current, data, expected) => {
    expect(fundPlacement(action, current, data)).toEqual(expected);
  });
});

describe('rounds', () => {
  it.each<[string, string[]]>([
    ['draft', []],
    ['open', ['id:not_draft']],
    ['closed', ['id:not_draft']],
  ])('deleting a %s round: %j', (status, expected) => {
    expect(codes(roundDeleteIssues({ status }))).toEqual(expected);
  });

  const settings = {
    budget: '100000',
    cap: '20000',
    opensOn: '2026-03-01',
    closesOn: '2026-04-01',
    rubric: [{ key: 'impact', label: '影响', weight: 1, max: 10 }],
  };
  const open: Row = {
    ...settings,
    status: 'open',
    awarded: '30000',
    fund: { documentId: A },
    form: { documentId: B },
  };
  it.each<[string, Row | null, Row, string | null | undefined, string[]]>([
    ['a full create', null, { ...settings, fund: A }, undefined, []],
    ['a create with no fund', null, { ...settings }, undefined, ['fund:required']],
    [
      'a create on a grant-application form',
      null,
      { ...settings, fund: A, form: B },
      'grant-application',
      [],
    ],
    [
      'a create on another form',
      null,
      { ...settings, fund: A, form: B },
      'feedback',
      ['form:invalid_value'],
    ],
    [
      'a create on a form that is not there',
      null,
      { ...settings, fund: A, form: B },
      null,
      ['form:invalid_value'],
    ],
    [
      'a status written',
      null,
      { ...settings, fund: A, status: 'open' },
      undefined,
      ['status:use_advance'],
    ],
    ['a draft status on create', null, { ...settings, fund: A, status: 'draft' }, undefined, []],
    ['awarded written', open, { awarded: '1' }, 'grant-application', ['awarded:computed_field']],
    ['awarded as it is', open, { awarded: 30000 }, 'grant-application', []],
    [
      'a closed round edited',
      { ...open, status: 'closed' },
      { title: 'x' },
      'grant-application',
      ['id:closed'],
    ],
    [
      'the fund changed once open',
      open,
      { fund: { connect: [{ documentId: 'c'.repeat(24) }] } },
      'grant-application',
      ['fund:fixed'],
    ],
    [
      'the fund changed in draft',
      { ...open, status: 'draft', awarded: '0' },
      { fund: 'c'.repeat(24) },
      'grant-application',
      [],
    ],
    ['the fund named again once open', open, { fund: A }, 'grant-application', []],
    [
      'the fund cleared once open',
      open,
      { fund: null },
      'grant-application',
      ['fund:fixed', 'fund:required'],
    ],
    [
      'the budget below what is awarded',
      open,
      { budget: '20000' },
      'grant-application',
      ['budget:below_awarded'],
    ],
    [
      'a cap above the budget',
      open,
      { cap: '200000' },
      'grant-application',
      ['cap:exceeds_budget'],
    ],
    [
      'closing before opening',
      open,
      { closesOn: '2026-02-01' },
      'grant-application',
      ['closesOn:invalid_value'],
    ],
    ['an empty rubric', open, { rubric: [] }, 'grant-application', ['rubric:required']],
  ])('%s', (_what, current, data, purpose, expected) => {
    expect(codes(roundWriteIssues(current, data, purpose))).toEqual(expected);
  });

  it.each<[string, Row | null, Row, string | null | undefined]>([
    ['named on create', null, { form: B }, B],
    ['none on create', null, {}, undefined],
    ['kept on update', { form: { documentId: B } }, { title: 'x' }, B],
    ['cleared on update', { form: { documentId: B } }, { form: null }, null],
  ])('the form checked: %s', (_what, current, data, form) => {
    expect(roundFormAfter(current, data)).toBe(form);
  });

  it.each<[string, 'create' | 'update', Row, Row]>([
    [
      'amounts as text, nothing awarded',
      'create',
      { budget: 100, cap: 10n },
      {
        budget: '100',
        cap: '10',
        awarded: '0',
      },
    ],
    [
      'amounts left when not whole',
      'update',
      { budget: 1.5, title: 't' },
      { budget: 1.5, title: 't' },
    ],
    ['nothing added on update', 'update', { title: 't' }, { title: 't' }],
  ])('stored: %s', (_what, action, data, stored) => {
    expect(roundData(action, data)).toEqual(stored);
  });
});

describe('donations', () => {
  const general: DonationFund = { kind: 'general', status: 'active' };
  const special: DonationFund = { kind: 'special', status: 'active' };
  const closed: DonationFund = { kind: 'general', status: 'closed' };
  const gift = { donorKind: 'anonymous', amount: '10000', channel: 'cash', fund: A };
  const received: Row = {
    status: 'received',
    donorKind: 'person',
    donorPerson: { documentId: B },
    amount: '10000',
    channel: 'bank_transfer',
    fund: { documentId: A },
    restricted: false,
    receiptNo: '2026-000001',
  };
  const pledged: Row = { ...received, status: 'pledged', receiptNo: null };

  it.each<[string, Row | null, Row, DonationFund | null, string[]]>([
    ['an anonymous gift to the general fund', null, gift, general, []],
    ['to no fund', null, gift, null, ['fund:required']],
    ['into a closed fund', null, gift, closed, ['fund:fund_closed']],
    [
      'a restricted gift to the general fund',
      null,
      { ...gift, restricted: true },
      general,
      ['fund:invalid_value'],
    ],
    ['a restricted gift to a special fund', null, { ...gift, restricted: true }, special, []],
    ['a zero amount', null, { ...gift, amount: 0 }, general, ['amount:invalid_amount']],
    ['a status written', null, { ...gift, status: 'received' }, general, ['status:computed_field']],
    [
      'a receipt number written',
      pledged,
      { receiptNo: '2026-000002' },
      general,
      ['receiptNo:computed_field'],
    ],
    ['a pledge edited', pledged, { amount: '20000', channel: 'cash' }, general, []],
    ['a pledge moved to its closed fund, unnamed', pledged, { amount: '20000' }, closed, []],
    ['a received amount edited', received, { amount: '20000' }, general, ['amount:fixed']],
    ['a received amount sent again as a number', received, { amount: 10000 }, general, []],
    [
      'a received donor changed',
      received,
      { donorPerson: { connect: ['c'.repeat(24)] } },
      general,
      ['donorPerson:fixed'],
    ],
    ['a received donor named again', received, { donorPerson: { documentId: B } }, general, []],
    ['a received donation, a note added', received, { note: 'thanks' }, general, []],
    [
      'a person named on an anonymous gift',
      null,
      { ...gift, donorPerson: B },
      general,
      ['donorKind:invalid_value'],
    ],
    [
      'an in-kind gift undescribed',
      null,
      { ...gift, channel: 'in_kind' },
      general,
      ['inKindDescription:required'],
    ],
  ])('%s', (_what, current, data, fund, expected) => {
    expect(codes(donationWriteIssues(current, data, fund))).toEqual(expected);
  });

  it.each<[string, Row, Row, string[]]>([
    ['a pledge', pledged, {}, []],
    ['a received donation', received, {}, ['id:fixed']],
    ['a refunded donation', { ...received, status: 'refunded' }, {}, ['id:fixed']],
  ])('deleting %s', (_what, current, data, expected) => {
    expect(codes(donationDeleteIssues(current, data))).toEqual(expected);
  });

  it.each<[string, Row | null, Row, string | null | undefined]>([
    ['named', null, { fund: A }, A],
    ['held', pledged, {}, A],
    ['cleared', pledged, { fund: null }, null],
  ])('the fund read: %s', (_what, current, data, fund) => {
    expect(donationFundAfter(current, data)).toBe(fund);
  });

  it.each<[string, Row, Row]>([
    ['a number', { amount: 500 }, { amount: '500' }],
    ['a BigInt', { amount: 500n }, { amount: '500' }],
    ['text', { amount: '500' }, { amount: '500' }],
    ['not whole', { amount: 5.5 }, { amount: 5.5 }],
    ['no amount', { note: 'n' }, { note: 'n' }],
  ])('the amount stored from %s', (_what, data, stored) => {
    expect(donationData(data)).toEqual(stored);
  });
});
