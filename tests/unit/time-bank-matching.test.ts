// Ranking volunteers for a request: category, closeness, availability, load and experience, with reasons and a stable order.
import fc from 'fast-check';
import {
  commonSegments,
  rankCandidates,
  type Candidate,
  type Need,
} from '../../plugins/time-bank/server/src/domain/matching';

const need: Need = {
  categoryCode: 'repair',
  placePath: '/1/5/23/',
  gridId: 'g1',
  microGridId: 'm1',
  windowStart: '2026-12-01T01:00:00Z',
  windowEnd: '2026-12-01T04:00:00Z',
};

const candidate = (memberId: string, c: Partial<Candidate> = {}): Candidate => ({
  memberId,
  categoryCodes: ['repair'],
  placePath: '/1/5/23/',
  gridId: null,
  microGridId: null,
  availableFrom: null,
  availableTo: null,
  openCommitments: 0,
  confirmedServices: 0,
  ...c,
});

describe('area paths', () => {
  it.each([
    ['/1/5/23/', '/1/5/23/', 3],
    ['/1/5/23/', '/1/5/24/', 2],
    ['/1/5/23/', '/1/6/23/', 1],
    ['/1/5/23/', '/2/5/23/', 0],
    ['/1/5/23/', '/1/5/23/7/', 3],
    ['/1/5/', '', 0],
  ])('%s and %s share %p segments', (a, b, n) => expect(commonSegments(a, b)).toBe(n));
});

describe('ranking', () => {
  it.each<[string, Partial<Candidate>, number]>([
    ['same micro-grid', { gridId: 'g1', microGridId: 'm1' }, 40 + 30 + 5],
    ['same grid', { gridId: 'g1', microGridId: 'm2' }, 40 + 24 + 5],
    ['same community', {}, 40 + 16 + 5],
    ['inside the community', { placePath: '/1/5/23/9/' }, 40 + 16 + 5],
    ['same subdistrict', { placePath: '/1/5/24/' }, 40 + 8 + 5],
    ['same district', { placePath: '/1/6/30/' }, 40 + 4 + 5],
    ['another district', { placePath: '/2/7/40/' }, 40 + 5],
    ['another category', { categoryCodes: ['chat'] }, 16 + 5],
    [
      'available in the window',
      { availableFrom: '2026-12-01T00:00:00Z', availableTo: '2026-12-01T02:00:00Z' },
      40 + 16 + 15,
    ],
    ['available from noon on', { availableFrom: '2026-12-01T03:00:00Z' }, 40 + 16 + 15],
    [
      'available only before',
      { availableFrom: '2026-11-30T00:00:00Z', availableTo: '2026-12-01T01:00:00Z' },
      40 + 16,
    ],
    ['two open commitments', { openCommitments: 2 }, 40 + 16 + 5 - 10],
    ['nine open commitments', { openCommitments: 9 }, 40 + 16 + 5 - 20],
    ['three confirmed services', { confirmedServices: 3 }, 40 + 16 + 5 + 3],
    ['forty confirmed services', { confirmedServices: 40 }, 40 + 16 + 5 + 10],
  ])('%s scores its points', (_name, c, score) => {
    const [ranked] = rankCandidates(need, [candidate('x', c)]);
    expect(ranked?.score).toBe(score);
    // The reasons add up to the score, each in both languages.
    const sum = ranked!.reasons.reduce((s, r) => s + Number(/\(([+-]\d+)\)$/.exec(r.en)![1]), 0);
    expect(sum).toBe(score);
    for (const r of ranked!.reasons) expect(r.zh).toMatch(/（[+-]\d+）$/);
  });

  it('a same-micro-grid volunteer with the category outranks a district-far one', () => {
    const ranked = rankCandidates(need, [
      candidate('far', { placePath: '/2/7/40/', confirmedServices: 50 }),
      candidate('near', { gridId: 'g1', microGridId: 'm1', openCommitments: 1 }),
    ]);
    expect(ranked.map((r) => r.memberId)).toEqual(['near', 'far']);
    expect(ranked[0]!.reasons.map((r) => r.zh)).toEqual([
      '提供该类服务（+40）',
      '同一微网格（+30）',
      '未填写可服务时间（+5）',
      '已有 1 项待完成服务（-5）',
    ]);
  });

  it('keeps the candidate fields it was given', () => {
    const c = candidate('x', { gridId: 'g9' });
    expect(rankCandidates(need, [c])[0]).toMatchObject(c);
  });

  it.each([
    [0, 0],
    [-1, 0],
    [3, 3],
    [20, 20],
  ])('a limit of %p returns %p', (limit, n) => {
    const many = Array.from({ length: 30 }, (_, i) => candidate(`m${String(i).padStart(2, '0')}`));
    expect(rankCandidates(need, many, limit)).toHaveLength(n);
  });

  it('returns 20 by default', () => {
    const many = Array.from({ length: 30 }, (_, i) => candidate(`m${i}`));
    expect(rankCandidates(need, many)).toHaveLength(20);
  });

  it('orders by score, ties by memberId, whatever the input order', () => {
    const arbitraryCandidate = fc.record({
      memberId: fc.string({ minLength: 1, maxLength: 3 }),
      categoryCodes: fc.subarray(['repair', 'chat', 'care']),
      placePath: fc.constantFrom('/1/5/23/', '/1/5/24/', '/1/6/30/', '/2/7/40/'),
      gridId: fc.constantFrom(null, 'g1', 'g2'),
      microGridId: fc.constantFrom(null, 'm1', 'm2'),
      availableFrom: fc.constantFrom(null, '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'),
      availableTo: fc.constantFrom(null, '2026-12-01T02:00:00Z'),
      openCommitments: fc.nat(6),
      confirmedServices: fc.nat(20),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryCandidate, { selector: (c) => c.memberId, maxLength: 15 }),
        fc.integer({ min: 1, max: 20 }),
        (cs, limit) => {
          const ranked = rankCandidates(need, cs, limit);
          const reversed = rankCandidates(need, [...cs].reverse(), limit);
          expect(reversed.map((r) => r.memberId)).toEqual(ranked.map((r) => r.memberId));
          expect(ranked.length).toBe(Math.min(limit, cs.length));
          for (let i = 1; i < ranked.length; i += 1) {
            const [a, b] = [ranked[i - 1]!, ranked[i]!];
            expect(a.score > b.score || (a.score === b.score && a.memberId < b.memberId)).toBe(
              true,
            );
          }
        },
      ),
    );
  });
});
