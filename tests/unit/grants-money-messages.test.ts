// Messages that state an amount speak yuan, as people read them, never the API's fen.
import { roundIssues, trancheIssues } from '../../plugins/grants/server/src/domain/rounds';

describe('amounts in grants messages', () => {
  it('states a tranche plan that does not add up in yuan', () => {
    const [mismatch] = trancheIssues(800000, [{ amount: 780000 }]);
    expect(mismatch?.messageZh).toBe('tranches：各期合计 ¥7,800.00，与立项金额 ¥8,000.00 不符');
    expect(mismatch?.message).toBe(
      'tranches: the tranches add up to ¥7,800.00, the award is ¥8,000.00',
    );
  });

  it('states what awards already hold in yuan when a budget falls below it', () => {
    const [below] = roundIssues({ budget: 500000, cap: 100000 }, 500001);
    expect(below?.messageZh).toBe('budget：已立项金额为 ¥5,000.01，预算不能低于此数');
    expect(below?.message).not.toMatch(/\d{6}/);
  });
});
