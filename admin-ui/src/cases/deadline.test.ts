// The queue's clock stands beside the deadline it is reading: a case past its time to be signed for
// says so beside that time, not beside the later deadline for the whole case.
import { drivingDeadline } from './deadline';

const signBy = '2026-12-01T07:30:00.000Z';
const resolveBy = '2026-12-08T07:30:00.000Z';

describe('drivingDeadline', () => {
  it("is this step's deadline while it comes first and the case is open", () => {
    expect(drivingDeadline('overdue', resolveBy, signBy)).toEqual({ at: signBy, step: true });
    expect(drivingDeadline('due_soon', resolveBy, signBy)).toEqual({ at: signBy, step: true });
    expect(drivingDeadline('on_time', null, signBy)).toEqual({ at: signBy, step: true });
  });

  it("is the case's deadline when it comes first, equals the step's, or the step has none", () => {
    expect(drivingDeadline('overdue', signBy, resolveBy)).toEqual({ at: signBy, step: false });
    expect(drivingDeadline('on_time', resolveBy, resolveBy)).toEqual({
      at: resolveBy,
      step: false,
    });
    expect(drivingDeadline('on_time', resolveBy, null)).toEqual({ at: resolveBy, step: false });
  });

  it("is the case's deadline once the clock is paused or finished", () => {
    for (const status of ['paused', 'met', 'missed'] as const)
      expect(drivingDeadline(status, resolveBy, signBy)).toEqual({ at: resolveBy, step: false });
  });

  it('is nothing when there is no deadline at all', () => {
    expect(drivingDeadline('none', null, null)).toBeNull();
    expect(drivingDeadline('met', null, signBy)).toBeNull();
  });
});
