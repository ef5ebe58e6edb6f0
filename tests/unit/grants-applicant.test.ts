// The applicant's view of an application, pure: its history from the timeline (staff notes only
// where written for the applicant), the reports due, what may be done now, and an answer's checks.
import {
  answerIssues,
  appendTimeline,
  applicantView,
  type ApplicantSource,
} from '../../plugins/grants/server/src/domain/applicant';

const base = (application: Partial<ApplicantSource['application']> = {}): ApplicantSource => ({
  application: {
    receiptCode: 'ABCDE-FGH23',
    projectTitle: '长者助餐点',
    organisationName: '助餐协会',
    requested: '800000',
    status: 'submitted',
    createdAt: '2026-03-01T02:00:00.000Z',
    ...application,
  },
  round: { title: '2026年微创投', titleEn: null },
  award: null,
  tranches: [],
  reports: [],
});
const events = (source: ApplicantSource) => applicantView(source).history.map((h) => h.event);

describe('the applicant’s view', () => {
  it('keeps the staff’s note only where it is written for the applicant', () => {
    let timeline = appendTimeline(null, {
      at: '2026-03-02T00:00:00.000Z',
      kind: 'status',
      status: 'under_review',
      note: '内部：先看预算',
    });
    timeline = appendTimeline(timeline, {
      at: '2026-03-03T00:00:00.000Z',
      kind: 'status',
      status: 'more_info',
      note: '请补充预算',
    });
    const view = applicantView(base({ status: 'more_info', statusNote: '请补充预算', timeline }));
    expect(view.history).toEqual([
      { at: '2026-03-01T02:00:00.000Z', event: 'submitted' },
      { at: '2026-03-02T00:00:00.000Z', event: 'under_review', note: null },
      { at: '2026-03-03T00:00:00.000Z', event: 'more_info', note: '请补充预算' },
    ]);
    expect(view).toMatchObject({
      question: '请补充预算',
      reason: null,
      canAnswer: true,
      canWithdraw: true,
      requested: 800000,
    });
    // After the answer, the old question is no longer shown as the one to answer.
    expect(applicantView(base({ status: 'under_review', statusNote: '请补充预算' })).question).toBe(
      null,
    );
  });

  it.each([
    ['under_review', ['submitted', 'under_review']],
    ['rejected', ['submitted', 'rejected']],
    ['withdrawn', ['submitted', 'withdrawn']],
    ['approved', ['submitted', 'under_review']],
  ])('tells a %s application moved before timelines were kept', (status, expected) => {
    expect(events(base({ status, statusNote: '理由' }))).toEqual(expected);
  });

  it.each([
    ['no report yet', [], 'active', ['final']],
    [
      'a progress report returned',
      [{ kind: 'progress', status: 'returned' }],
      'active',
      ['progress', 'final'],
    ],
    ['a final report awaiting review', [{ kind: 'final', status: 'submitted' }], 'active', []],
    ['a closed award', [{ kind: 'final', status: 'accepted' }], 'closed', []],
  ])('lists the reports due with %s', (_, reports, status, due) => {
    const view = applicantView({
      ...base({ status: 'approved' }),
      award: { amount: '600000', paid: '0', status, awardedAt: '2026-04-01T00:00:00.000Z' },
      reports: reports.map((r) => ({ ...r, submittedOn: '2026-05-01', reviewNote: '请补充照片' })),
    });
    expect(view.award?.reportsDue).toEqual(due);
    expect(view.canWithdraw).toBe(false);
  });

  it('orders the history by time, paid tranches and reports included', () => {
    const view = applicantView({
      ...base({ status: 'approved' }),
      award: {
        amount: '600000',
        paid: '360000',
        status: 'active',
        awardedAt: '2026-04-01T00:00:00.000Z',
      },
      tranches: [
        {
          number: 1,
          amount: '360000',
          dueOn: '2026-04-10',
          status: 'paid',
          paidAt: '2026-04-12T00:00:00.000Z',
        },
        { number: 2, amount: '240000', dueOn: '2026-09-30', status: 'scheduled', paidAt: null },
      ],
      reports: [
        {
          kind: 'progress',
          submittedOn: '2026-06-30',
          status: 'returned',
          reviewNote: '请补充照片',
          decidedAt: '2026-07-02T00:00:00.000Z',
        },
      ],
    });
    expect(view.history.map((h) => h.event)).toEqual([
      'submitted',
      'under_review',
      'awarded',
      'paid',
      'report_submitted',
      'report_returned',
    ]);
    expect(view.history.at(-1)).toMatchObject({ report: 'progress', note: '请补充照片' });
    expect(view.award?.tranches.map((t) => [t.amount, t.status])).toEqual([
      [360000, 'paid'],
      [240000, 'scheduled'],
    ]);
  });
});

describe('an answer to a request for more information', () => {
  it.each([
    [{ text: '预算见附件', files: [3, 4] }, [], [3, 4]],
    [{ text: '预算见附件' }, [], []],
    [{ text: ' 好' }, ['text'], []],
    [{ text: 12 }, ['text'], []],
    [{ text: 'x'.repeat(4001) }, ['text'], []],
    [{ text: '预算见附件', files: ['3'] }, ['files'], []],
    [{ text: '预算见附件', files: [1, 2, 3, 4, 5, 6] }, ['files'], []],
    [null, ['text'], []],
  ])('checks %j', (input, paths, files) => {
    const result = answerIssues(input);
    expect(result.issues.map((i) => i.path)).toEqual(paths);
    expect(result.issues.every((i) => i.messageZh && i.message)).toBe(true);
    expect(result.files).toEqual(files);
  });
});
