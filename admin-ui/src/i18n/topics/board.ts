import type { Tree } from '../tree';

/** The console's words for this topic, merged into app-messages (keys must not repeat). */
export const boardMessages: Tree = {
  resources: {
    'cms-incubations': {
      fields: {
        closedReason: ['结束原因', 'Reason for ending'],
        assessments: ['评估记录', 'Assessments'],
        milestones: ['里程碑', 'Milestones'],
      },
    },
  },
  linli: {
    board: {
      search: ['搜索组织名称', 'Search organisation name'],
      hub: ['孵化平台', 'Hub'],
      area: ['区域（含下级）', 'Area (and everything under it)'],
      due_only: ['只看待评估', 'Due for assessment only'],
      due: ['待评估', 'Assessment due'],
      due_count: ['待评估 %{count}', '%{count} due for assessment'],
      overdue_only: ['只看里程碑逾期', 'Overdue milestones only'],
      overdue: ['里程碑逾期', 'Milestone overdue'],
      overdue_count: ['里程碑逾期 %{count}', '%{count} with a milestone overdue'],
      shown: ['已显示 %{shown} / %{total}', 'Showing %{shown} of %{total}'],
      load_more: ['加载更多', 'Load more'],
      empty: ['没有符合条件的孵化记录', 'No incubations match'],
      open: ['查看详情', 'Open'],
      hub_outside: ['辖区外孵化平台', 'Hub outside your area'],
      last_assessed: ['最近评估：%{date}', 'Last assessed %{date}'],
      never_assessed: ['尚未评估', 'Not yet assessed'],
      rule_on: [
        '出壳前须有一次“通过”的评估（基金会工作人员可在此更改）',
        'A passed assessment is required before hatching (foundation staff can change this here)',
      ],
      rule_off: ['出壳前不要求评估', 'No assessment is required before hatching'],
      rule_switch: ['出壳前须评估通过', 'Require a passed assessment before hatching'],
      rule_saved: ['孵化规则已更新', 'Incubation rule updated'],
      move_done: ['孵化阶段已变更', 'Stage changed'],
      confirm_end: ['确认结束孵化', 'End the incubation'],
      confirm_hatch: ['确认出壳', 'Confirm hatching'],
      confirm_move: ['确认变更阶段', 'Change the stage'],
      move_assessing: [
        '%{name} 将进入评估中：孵化平台开始评估该组织，评估中的组织会定期提示评估。',
        '%{name} will move to assessing: the hub starts assessing the organisation and is reminded to assess it periodically.',
      ],
      move_incubating: [
        '%{name} 将入壳（孵化中）：记录今天为入壳日期，孵化期开始，此后每半年评估一次。',
        '%{name} will enter the incubator: today is recorded as its incubation date, and it is assessed every six months from now.',
      ],
      move_irreversible: [
        '此操作不能撤回：孵化阶段只能向前推进，不能退回上一阶段。',
        'This cannot be undone: an incubation only moves forward, never back to an earlier stage.',
      ],
      end_withdrawn: [
        '%{name} 将退出孵化：记录结束，不能再恢复到任何阶段。',
        '%{name} will leave the incubator: the incubation ends and cannot be resumed.',
      ],
      end_rejected: [
        '%{name} 的孵化申请将记为未通过：记录结束，不能再恢复到任何阶段。',
        '%{name} will be recorded as not accepted: the incubation ends and cannot be resumed.',
      ],
      end_reason_kept: [
        '结束原因将记入孵化记录和审计日志。',
        'The reason is kept on the incubation and in the audit log.',
      ],
      hatch_means: [
        '%{name} 将出壳：孵化期结束，记为已出壳并记录出壳日期，此后不能再变更阶段。',
        '%{name} will hatch: the incubation ends as a success, dated today, and its stage cannot change again.',
      ],
      hatch_rule: [
        '本平台要求出壳前有一次“通过”的评估；没有时服务器会拒绝。',
        'A passed assessment is required before hatching; without one the server refuses.',
      ],
      hatch_no_passed: [
        '该组织还没有“通过”的评估记录',
        'This organisation has no passed assessment yet',
      ],
      reason: ['结束原因', 'Reason for ending'],
    },
    assessments: {
      title: ['评估记录', 'Assessments'],
      none: ['还没有评估记录', 'No assessments yet'],
      record: ['记录评估', 'Record an assessment'],
      edit: ['修改评估', 'Correct this assessment'],
      saved: ['评估已保存', 'Assessment saved'],
      due_alert: [
        '该孵化已到评估时间（半年内没有评估）',
        'This incubation is due for assessment (none in the last six months)',
      ],
      score_range: ['请填写 0–100 的整数', 'Enter a whole number from 0 to 100'],
      required: ['必填', 'Required'],
      fields: {
        date: ['评估日期', 'Date'],
        assessor: ['评估人', 'Assessor'],
        governance: ['内部治理', 'Governance'],
        finance: ['财务管理', 'Finance'],
        services: ['服务成效', 'Services'],
        volunteers: ['志愿者与参与', 'Volunteers'],
        result: ['评估结论', 'Result'],
        note: ['备注', 'Notes'],
      },
      results: {
        passed: ['通过', 'Passed'],
        failed: ['未通过', 'Not passed'],
        none: ['未记录结论', 'No result recorded'],
      },
    },
    milestones: {
      title: ['里程碑', 'Milestones'],
      none: ['还没有里程碑', 'No milestones yet'],
      record: ['添加里程碑', 'Add a milestone'],
      edit: ['更新里程碑', 'Update this milestone'],
      saved: ['里程碑已保存', 'Milestone saved'],
      overdue: ['已逾期', 'Overdue'],
      overdue_alert: [
        '有里程碑已过计划日期仍未达成：请更新其状态（已达成或未达成），或与组织确认进度',
        'A milestone is past its planned date and not reached: update its status (achieved or missed), or check progress with the organisation',
      ],
      fields: {
        title: ['里程碑', 'Milestone'],
        date: ['计划日期', 'Planned for'],
        status: ['状态', 'Status'],
        achievedOn: ['达成日期', 'Achieved on'],
        note: ['备注', 'Notes'],
      },
      statuses: {
        planned: ['计划中', 'Planned'],
        achieved: ['已达成', 'Achieved'],
        missed: ['未达成', 'Missed'],
      },
    },
  },
};
