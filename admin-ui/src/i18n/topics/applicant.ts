import type { Tree } from '../tree';

/** The console's words for this topic, merged into app-messages (keys must not repeat). */
export const applicantMessages: Tree = {
  linli: {
    applicant: {
      // On the staff's application page.
      answers: ['申请人补充的材料', 'Answers from the applicant'],
      asked: ['要求补充', 'Asked for'],
      answered: ['申请人回答', 'The applicant answered'],
      noAnswers: ['申请人尚未补充材料', 'The applicant has sent nothing more'],
      withdrawnNote: ['申请人撤回', 'Withdrawn by the applicant'],
      // The applicant's page at /f/receipt/<code> (public, phone-first).
      page: {
        title: ['申请进度', 'Application progress'],
        round: ['微创投轮次', 'Round'],
        project: ['项目名称', 'Project'],
        organisation: ['申报组织', 'Organisation'],
        requested: ['申请金额', 'Amount requested'],
        submittedAt: ['提交时间', 'Submitted'],
        status: ['当前状态', 'Status'],
        statuses: {
          submitted: ['已提交', 'Submitted'],
          under_review: ['评审中', 'Under review'],
          more_info: ['待补充材料', 'More information requested'],
          rejected: ['未获资助', 'Not funded'],
          withdrawn: ['已撤回', 'Withdrawn'],
          approved: ['已获资助', 'Awarded'],
        },
        explain: {
          submitted: [
            '申请已收到，本轮申报截止后进入评审。',
            'We have your application; the review starts after the round closes.',
          ],
          under_review: [
            '评审进行中，结果出来后会在本页显示。',
            'Your application is being reviewed; the outcome will appear on this page.',
          ],
          more_info: [
            '评审需要您补充材料，请在下方回答并附上文件。',
            'The reviewers need more information: please answer below and attach files.',
          ],
          rejected: [
            '很遗憾，本轮未能资助该项目。',
            'We are sorry: this project was not funded in this round.',
          ],
          withdrawn: ['您已撤回此申请。', 'You have withdrawn this application.'],
          approved: [
            '恭喜！项目已获资助。',
            'Congratulations: the project has been awarded a grant.',
          ],
        },
        question: ['需要补充的内容', 'What is needed'],
        reason: ['原因', 'Reason'],
        answer: ['补充说明', 'Your answer'],
        files: ['附件', 'Attachments'],
        filesHelp: [
          '可上传图片、PDF、Word 或 Excel，每个不超过 10 MB，最多 5 个',
          'Pictures, PDF, Word or Excel, up to 10 MB each, at most 5',
        ],
        addFile: ['选择文件', 'Choose a file'],
        uploading: ['上传中…', 'Uploading…'],
        remove: ['移除', 'Remove'],
        send: ['提交补充材料', 'Send the answer'],
        sending: ['提交中…', 'Sending…'],
        sent: [
          '补充材料已提交，申请回到评审中。',
          'Your answer has been sent; the application is back under review.',
        ],
        fix: ['请修改标红的内容后再提交', 'Please correct the fields marked in red'],
        award: ['资助情况', 'The grant'],
        awarded: ['资助金额', 'Amount awarded'],
        paid: ['已拨付', 'Paid so far'],
        tranches: ['拨付计划', 'Payment plan'],
        tranche: ['第 %{n} 期', 'Tranche %{n}'],
        due: ['计划日期', 'Due'],
        paidOn: ['拨付日期', 'Paid on'],
        trancheStatuses: {
          scheduled: ['待拨付', 'Scheduled'],
          approved: ['已审批，待支付', 'Approved, to be paid'],
          paid: ['已拨付', 'Paid'],
          cancelled: ['已取消', 'Cancelled'],
        },
        reportsDue: ['待提交的报告', 'Reports due'],
        noReportsDue: ['目前没有待提交的报告', 'No report is due now'],
        reports: {
          progress: ['中期报告', 'Progress report'],
          final: ['结项报告', 'Final report'],
        },
        reportStatuses: {
          submitted: ['已提交，待审核', 'Submitted, awaiting review'],
          accepted: ['已通过', 'Accepted'],
          returned: ['已退回，请修改后重交', 'Returned: please revise and hand in again'],
        },
        history: ['办理记录', 'History'],
        events: {
          submitted: ['提交申请', 'Application submitted'],
          under_review: ['进入评审', 'Review began'],
          more_info: ['要求补充材料', 'More information requested'],
          answered: ['已补充材料', 'You answered'],
          rejected: ['未获资助', 'Not funded'],
          withdrawn: ['已撤回', 'Withdrawn'],
          awarded: ['获得资助', 'Grant awarded'],
          paid: ['收到拨款', 'Payment made'],
          report_submitted: ['提交报告', 'Report handed in'],
          report_accepted: ['报告通过', 'Report accepted'],
          report_returned: ['报告退回', 'Report returned'],
        },
        withdraw: ['撤回申请', 'Withdraw the application'],
        withdrawTitle: ['确认撤回申请？', 'Withdraw this application?'],
        withdrawText: [
          '撤回后，本轮评审将不再考虑此申请，且不能恢复。如需再次申报，请重新填写表单。',
          'Once withdrawn, the application leaves this round’s review and cannot be restored. To apply again, fill in the form anew.',
        ],
        confirmWithdraw: ['确认撤回', 'Withdraw'],
        cancel: ['取消', 'Cancel'],
        notFound: [
          '没有与此回执码对应的申请或提交，请核对回执码',
          'No application or submission has this receipt code; please check it',
        ],
        badCode: [
          '回执码为 10 位字母和数字，如 ABCDE-FGH23',
          'A receipt code is ten letters and digits, like ABCDE-FGH23',
        ],
        reply: ['办理答复', 'Reply'],
        mine: ['我的申请', 'My applications'],
        failed: ['操作未成功，请稍后再试', 'That did not work; please try again later'],
      },
    },
  },
};
