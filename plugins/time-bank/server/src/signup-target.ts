import type { Core } from '@strapi/strapi';
import { TB } from './uids';
import { formsService, getService } from './utils';

/** The demo form's skills, as the time bank's category codes (others are kept as given). */
const SKILL_CATEGORIES: Record<string, string> = {
  visiting: 'eldercare',
  tutoring: 'childcare',
  repairs: 'repair',
  health: 'escort',
  events: 'party',
};

/**
 * The `volunteer-signup` form target: a valid submission joins the volunteer to the time bank (a
 * person member of the community they chose, offering the services they ticked) inside the
 * submission's transaction; when the form's settings name an activity, it also signs them up.
 */
export function registerSignupTarget(strapi: Core.Strapi): void {
  if (!strapi.plugin('forms')) return;
  formsService(strapi, 'targets').register({
    purpose: 'volunteer-signup',
    label: { zh: '时间银行志愿者报名', en: 'Time bank volunteer sign-up' },
    bindings: [
      { key: 'name', kinds: ['text'], required: true, label: { zh: '姓名', en: 'Name' } },
      { key: 'area', kinds: ['area'], required: true, label: { zh: '所在社区', en: 'Community' } },
      {
        key: 'skills',
        kinds: ['multichoice'],
        required: false,
        label: { zh: '可提供的服务', en: 'Services offered' },
      },
    ],
    async onSubmit({ form, data, submission }) {
      const skills = Array.isArray(data.skills) ? (data.skills as string[]) : [];
      const member = await getService(strapi, 'members').join(
        {
          kind: 'person',
          name: data.name,
          area: data.area,
          categories: skills.map((s) => SKILL_CATEGORIES[s] ?? s),
        },
        { user: undefined, viaForm: true },
      );
      const settings = (form as { settings?: Record<string, unknown> }).settings ?? {};
      if (typeof settings.activity === 'string') {
        await getService(strapi, 'activities').signup(
          settings.activity,
          { member: member.documentId },
          { staff: true, member: null },
          submission.receiptCode,
        );
      }
      return {
        uid: TB.member,
        documentId: member.documentId as string,
        label: data.name as string,
      };
    },
  });
}
