import type { Tree } from '../tree';

/** The console's words for this topic, merged into app-messages (keys must not repeat). */
export const dashboardMessages: Tree = {
  linli: {
    dashboard: {
      scope_line: ['管辖范围：%{scope}', 'Scope: %{scope}'],
      queue: {
        title: ['待办事项', 'Waiting for you'],
        nothing: ['暂无待办', 'Nothing is waiting'],
        reviewsToScore: [
          '待我评审（评审中的轮次）',
          'Reviews for me to score (rounds under review)',
        ],
        pledges: ['认捐待确认到账', 'Pledges to confirm as received'],
        applicationsToAssign: ['已提交、未分配评审专家的申请', 'Applications with no reviewer yet'],
        applicationsUnderReview: ['评审中、待决定的申请', 'Applications under review'],
        tranchesToApprove: ['待审批的拨付', 'Tranches to approve'],
        tranchesToPay: ['已审批待支付的拨付', 'Tranches approved, to pay'],
        reportsToAccept: ['待验收的项目报告', 'Reports to accept'],
        incubationsApplied: ['申请入孵、待评估', 'Incubation applications to assess'],
        incubationsAssessing: ['评估中、待决定', 'Assessments awaiting a decision'],
        milestonesOverdue: ['里程碑已逾期的在孵组织', 'Incubating with an overdue milestone'],
        incubationsDueForAssessment: ['到期待评估的孵化组织', 'Incubations due for assessment'],
        submissionsReceived: ['新收到、待办理的表单', 'Form submissions to handle'],
        submissionsInProgress: ['办理中的表单', 'Form submissions in progress'],
      },
      trends: {
        money: ['近 12 个月善款收支', 'Money in and out, last 12 months'],
        money_note: [
          '按北京时间月份：到账的捐赠（已退款的不计）与已支付的拨付',
          'By month in China time: donations received (refunds taken out) and tranches paid',
        ],
        donations: ['捐赠到账', 'Donations received'],
        payments: ['拨付支出', 'Payments made'],
        applications: ['申请（按阶段）', 'Applications by stage'],
        applications_note: [
          '进行中的 %{smart_count} 个轮次',
          'In the %{smart_count} current round |||| In the %{smart_count} current rounds',
        ],
        no_rounds: ['当前没有进行中的轮次', 'No round is under way'],
        hatched: ['按季度出壳的组织', 'Organisations hatched by quarter'],
      },
    },
  },
};
