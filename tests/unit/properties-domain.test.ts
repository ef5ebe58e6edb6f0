// Property units' pure rules: areas in exact hundredths, shares as exact fractions that must add
// up to one, owners' areas, and one spreadsheet row parsed into a record or its problems.
import {
  columnOf,
  equalShares,
  formatArea,
  ownedArea,
  parseArea,
  parseImportRow,
  parseShare,
  roomLabel,
  shareIssues,
  sharesSumToOne,
} from '../../cms/server/src/domain/properties';

describe('areas', () => {
  it.each([
    ['89.5', 8950],
    ['89.50', 8950],
    ['120', 12000],
    ['0.01', 1],
    ['75.25', 7525],
    [' 100 ', 10000],
    ['1234567.89', 123456789],
  ])('%s m² → %d hundredths', (text, hundredths) => {
    expect(parseArea(text)).toBe(hundredths);
  });

  it.each(['89.555', '-5', 'abc', '', '0', '0.00', '1e3', '12,5', '89.', '.5', '1/2'])(
    'refuses %p',
    (text) => {
      expect(parseArea(text)).toBeNull();
    },
  );

  it.each([
    [8950, '89.50'],
    [1, '0.01'],
    [12000, '120.00'],
  ])('%d → %s', (hundredths, text) => {
    expect(formatArea(hundredths)).toBe(text);
  });
});

describe('shares', () => {
  it.each([
    [['1/3', '2/3'], true],
    [['1/2', '1/2'], true],
    [['1'], true],
    [['1/4', '1/4', '1/2'], true],
    [['1/2', '1/3'], false],
    [['1/3', '1/3', '1/3'], true],
    [['333333/1000000', '666667/1000000'], true],
    [['1/2'], false],
  ])('%p adds up to one: %p', (texts, ok) => {
    const shares = texts.map((t) => parseShare(t)!);
    expect(sharesSumToOne(shares)).toBe(ok);
  });

  it.each(['0/1', '3/2', '1/0', 'a/b', '-1/2', '0.5', '1/2000000'])('refuses %p', (text) => {
    expect(parseShare(text)).toBeNull();
  });

  it('names the last owner when the sum misses, and each bad share', () => {
    expect(
      shareIssues([
        { numerator: 1, denominator: 2 },
        { numerator: 1, denominator: 3 },
      ]).map((i) => i.path),
    ).toEqual(['owners[1].share']);
    expect(
      shareIssues([
        { numerator: 3, denominator: 2 },
        { numerator: 1, denominator: 3 },
      ]).map((i) => i.path),
    ).toEqual(['owners[0].share']);
    expect(shareIssues([])).toEqual([]);
  });

  it('makes equal shares that add up to one', () => {
    expect(sharesSumToOne(equalShares(3))).toBe(true);
    expect(sharesSumToOne(equalShares(7))).toBe(true);
  });

  it("floors an owner's area", () => {
    expect(ownedArea(10000, { numerator: 1, denominator: 3 })).toBe(3333);
    expect(ownedArea(10000, { numerator: 2, denominator: 3 })).toBe(6666);
    expect(ownedArea(8950, { numerator: 1, denominator: 1 })).toBe(8950);
  });
});

describe('an import row', () => {
  it('reads headers in Chinese and English', () => {
    expect(columnOf('建筑面积(㎡)')).toBe('area');
    expect(columnOf('建筑面积（㎡）')).toBe('area');
    expect(columnOf('Area')).toBe('area');
    expect(columnOf('产权人电话')).toBe('ownerPhones');
    expect(columnOf('Owner phones')).toBe('ownerPhones');
    expect(columnOf('whatever')).toBeNull();
  });

  it('parses a full row; empty shares are equal', () => {
    const { record, issues } = parseImportRow(
      {
        building: '3',
        unit: '2',
        room: '501',
        area: '89.5',
        owners: '张伟、李娜、王五',
        ownerPhones: '13800000001、13800000002、138 0000 0003',
        head: '张伟',
        headPhone: '13800000001',
        members: '李娜:13800000002;张小明:',
      },
      2,
    );
    expect(issues).toEqual([]);
    expect(record).toMatchObject({
      building: '3',
      unitNo: '2',
      room: '501',
      floorArea: 8950,
      usage: 'residential',
      head: { name: '张伟', phone: '13800000001' },
      members: [
        { name: '李娜', phone: '13800000002' },
        { name: '张小明', phone: null },
      ],
    });
    expect(record!.owners.map((o) => `${o.numerator}/${o.denominator}`)).toEqual([
      '1/3',
      '1/3',
      '1/3',
    ]);
    expect(record!.owners[2]!.phone).toBe('13800000003');
    expect(roomLabel('3', '2', '501')).toBe('3栋2单元501');
    expect(roomLabel('3', '', '501')).toBe('3栋501');
  });

  it.each([
    [{ area: '89.555' }, ['area']],
    [{ area: '-5' }, ['area']],
    [{ area: 'abc' }, ['area']],
    [{ room: '' }, ['room']],
    [{ usage: '城堡' }, ['usage']],
    [{ shares: '1/2;1/3' }, ['shares']],
    [{ shares: '1/2' }, ['shares']],
    [{ ownerPhones: '123' }, ['ownerPhones', 'ownerPhones']],
    [{ headPhone: '' }, ['headPhone']],
  ])('refuses %p on its column', (change, columns) => {
    const { record, issues } = parseImportRow(
      {
        building: '1',
        unit: '1',
        room: '101',
        area: '90',
        owners: '甲、乙',
        ownerPhones: '13800000001、13800000002',
        shares: '1/2;1/2',
        head: '甲',
        headPhone: '13800000001',
        ...change,
      },
      7,
    );
    expect(record).toBeNull();
    expect(issues.map((i) => i.column)).toEqual(columns);
    expect(issues.every((i) => i.row === 7 && i.messageZh && i.message)).toBe(true);
  });
});
