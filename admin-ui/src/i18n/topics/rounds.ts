import type { Tree } from '../tree';

/** The console's words for this topic, merged into app-messages (keys must not repeat). */
export const roundsMessages: Tree = {
  linli: {
    rounds: {
      advance_to: {
        open: ['进入下一阶段：申报中', 'Move on to: open'],
        reviewing: ['进入下一阶段：评审中', 'Move on to: reviewing'],
        awarding: ['进入下一阶段：立项中', 'Move on to: awarding'],
        closed: ['进入下一阶段：已结束', 'Move on to: closed'],
      },
      will: {
        open: [
          '开放申报：公开申报链接生效，申请人可以提交申请',
          'Open the round: its public form starts taking applications',
        ],
        reviewing: [
          '开始评审：%{live} 份申请进入评审，申报链接不再受理新申请',
          'Start review: %{live} applications go under review; the form takes no more applications',
        ],
        awarding: [
          '进入立项：%{reviewed} 份申请已有评审，%{unreviewed} 份尚无评审，%{more_info} 份等待补充材料',
          'Start awarding: %{reviewed} applications reviewed, %{unreviewed} not yet, %{more_info} awaiting information',
        ],
        closed: [
          '关闭本轮：%{under_review} 份申请仍在评审中，%{more_info} 份等待补充材料，关闭后不能再立项',
          'Close the round: %{under_review} applications are still under review, %{more_info} await more information; no more awards after closing',
        ],
      },
      closing_date: [
        '申报截止日期 %{closesOn}（今天 %{today}）',
        'Applications close on %{closesOn} (today is %{today})',
      ],
      warning: {
        before_closing: [
          '申报尚未截止（截止日期 %{closesOn}）：现在开始评审将提前停止受理申请',
          'Applications close on %{closesOn}: starting review now cuts them off early',
        ],
        unreviewed: [
          '%{count} 份申请还没有提交的评审',
          '%{count} applications have no submitted review',
        ],
        more_info: [
          '%{count} 份申请仍在等待补充材料',
          '%{count} applications still await more information',
        ],
        still_live: [
          '%{count} 份申请仍未办结，关闭后不能再立项',
          '%{count} applications are still open and can no longer be awarded',
        ],
      },
      reason_needed: [
        '此操作跳过了上述工作，请填写原因（将记入操作日志）',
        'This step skips the work above: give a reason (kept in the audit log)',
      ],
      cannot_open: ['尚不能开放申报：', 'Cannot open yet:'],
      undo: ['撤回上一步', 'Undo the last step'],
      undo_to: ['本轮将退回到“%{stage}”', 'The round goes back to “%{stage}”'],
      undo_why: ['上一步的原因：%{reason}', 'Reason given for the last step: %{reason}'],
      undone: ['已撤回', 'Undone'],
      reject_will: [
        '“%{title}”将不予资助，申请人可以看到理由；此操作不能撤销',
        '“%{title}” will be rejected; the applicant sees the reason. This cannot be undone',
      ],
      reject_reason: [
        '不予资助的理由（申请人可见）',
        'Why it is rejected (the applicant sees this)',
      ],
      withdraw_will: [
        '代申请人撤回“%{title}”：申请不再参与评审和立项；此操作不能撤销',
        'Withdraw “%{title}” for the applicant: it leaves review and awarding. This cannot be undone',
      ],
      withdraw_reason: ['申请人撤回的说明', 'How the applicant asked to withdraw'],
      more_info_reason: [
        '需要补充的材料（申请人可见）',
        'What is needed (the applicant sees this)',
      ],
      award_will: [
        '立项 %{amount}：从“%{fund}”的可用余额转入已立项待拨付',
        'Award %{amount}: the fund “%{fund}” moves it from available to committed',
      ],
      award_plan: ['分 %{n} 期拨付：%{plan}', 'Paid in %{n} tranches: %{plan}'],
      award_final: [
        '资金将被占用，立项后不能撤销，只能在结项时退回未拨付部分',
        'The money is committed; an award cannot be undone, only its unpaid rest returned at closing',
      ],
      no_due_date: ['日期待定', 'date to be set'],
      tranche_line: ['第 %{n} 期 %{amount}（%{due}）', 'tranche %{n} %{amount} (%{due})'],
      list_separator: ['；', '; '],
      plan_ok: ['计划合计 %{planned}，立项金额 %{amount}', 'Plan %{planned} of %{amount}'],
      limits: [
        '申请金额 %{requested}，单项上限 %{cap}',
        'Requested %{requested}; the round’s cap is %{cap}',
      ],
      accept_will: ['验收%{kind}：%{closes}', 'Accept the %{kind}: %{closes}'],
      accept_final: [
        '项目结项，未拨付的 %{rest} 退回基金可用余额；此操作不能撤销',
        'The award closes and its unpaid %{rest} returns to the fund; this cannot be undone',
      ],
      accept_progress: ['记录为已验收', 'it is recorded as accepted'],
      desk: {
        not_open: [
          '本轮尚未开始评审（当前：%{stage}），暂不能评分',
          'Not yet open for scoring: the round is %{stage}',
        ],
        closed: [
          '本轮评审已结束（当前：%{stage}），不能再评分',
          'Scoring has closed: the round is %{stage}',
        ],
        not_live: [
          '该申请已不在评审中（%{status}），不能评分',
          'The application is no longer under review (%{status})',
        ],
        scorable: ['可评分 %{n} 项', '%{n} to score'],
        waiting: ['暂不能评分 %{n} 项', '%{n} not open for scoring'],
        refreshed: ['每 30 秒自动刷新', 'Refreshes every 30 seconds'],
        confirm_submit: [
          '加权得分 %{score}。评分提交后不能再修改，确定提交吗？',
          'Weighted score %{score}. Scores cannot be changed once submitted. Submit them?',
        ],
        conflict_explained: [
          '声明后您将回避这份申请：不能再为它评分，也看不到其他专家的评分；工作人员可以另行指派评审专家。请说明利益冲突情况。',
          'You will step aside from this application: you can no longer score it or see the other reviews, and staff may assign another reviewer. Describe the conflict of interest.',
        ],
      },
    },
  },
};
