import type { Tree } from '../tree';

/** The console's words for this topic, merged into app-messages (keys must not repeat). */
export const rolesMessages: Tree = {
  linli: {
    roles: {
      error: {
        failed: ['操作未能完成，请稍后再试或联系管理员', 'The request could not be completed'],
      },
      menu: {
        grassroots: ['基层治理', 'Grassroots governance'],
        organisations: ['社会组织', 'Social organisations'],
        foundation: ['基金会', 'Foundation'],
        forms: ['表单', 'Forms'],
        system: ['系统', 'System'],
      },
      own: {
        title: ['我的邻里', 'My Linli'],
        greeting: ['您好，%{name}', 'Hello, %{name}'],
        role: {
          resident: ['居民', 'Resident'],
          volunteer: ['志愿者', 'Volunteer'],
        },
        scope: ['所属区域：%{area}', 'Area: %{area}'],
        forms: ['可以填写的表单', 'Forms you can fill in'],
        no_forms: ['目前没有开放填写的表单', 'No forms are open at the moment'],
        closes: ['截止：%{date}', 'Closes %{date}'],
        fill: ['填写', 'Fill in'],
        submissions: ['我的提交', 'My submissions'],
        no_submissions: ['您还没有提交过表单', 'You have not submitted any forms yet'],
        receipt: ['回执码', 'Receipt code'],
        submitted: ['提交时间', 'Submitted'],
        status: {
          received: ['已受理', 'Received'],
          in_progress: ['办理中', 'In progress'],
          accepted: ['已采纳', 'Accepted'],
          rejected: ['未采纳', 'Rejected'],
          closed: ['已办结', 'Closed'],
        },
        // A grant application's own status, which moves on while its submission stays received.
        application_status: {
          submitted: ['已提交', 'Submitted'],
          under_review: ['评审中', 'Under review'],
          more_info: ['待补充材料', 'More information requested'],
          approved: ['已获资助', 'Awarded'],
          rejected: ['未获资助', 'Not funded'],
          withdrawn: ['已撤回', 'Withdrawn'],
        },
        // A consultation topic's stage, which moves on through the procedure.
        topic_stage: {
          collecting: ['征求意见', 'Collecting opinions'],
          screening: ['协商筛选', 'Screening'],
          ranking: ['协商排序', 'Ranking'],
          deliberating: ['会议协商', 'Deliberating'],
          voting: ['表决中', 'Voting'],
          publicising: ['公示中', 'Publicised'],
          implementing: ['实施中', 'Implementing'],
          evaluating: ['评议中', 'Evaluating'],
          closed: ['已办结', 'Closed'],
          declined: ['未采纳', 'Declined'],
          merged: ['已合并', 'Merged with another topic'],
        },
        sign_out: ['退出登录', 'Sign out'],
        sign_in: ['登录', 'Sign in'],
        signed_out: [
          '您尚未登录或登录已过期，请重新登录。',
          'You are not signed in, or your sign-in has expired.',
        ],
        failed: ['加载失败，请稍后重试', 'Could not load this page; please try again later'],
        other_language: ['English', '中文'],
      },
      filter: {
        area_subtree: ['所属区域（含下级）', 'Area (and everything under it)'],
        no_sub_areas: [
          '您负责的范围内没有可选的下级区域',
          'There are no areas below your own to pick',
        ],
      },
    },
  },
};
