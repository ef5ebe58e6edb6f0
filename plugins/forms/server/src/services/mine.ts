import type { Core } from '@strapi/strapi';
import type { MyFormsResponse } from '../shared/contracts/mine';
import type { FormRow, SubmissionRow } from '../rows';
import { FORMS } from '../uids';
import { formState } from './submissions';
import { getService } from '../utils';

/** A signed-in resident's or volunteer's page lists this many of their latest submissions. */
const LATEST = 50;

/**
 * What a signed-in person's own page shows: the published forms they may fill in now, and the
 * submissions they made themselves (matched by `submitterId`, the account that submitted). Read
 * below the Document Service on purpose: this is the submitter's own record, not a staff read,
 * so the kit's area scope does not apply; nothing but their own rows is selected.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async forUser(user: { id: number; role: string }): Promise<MyFormsResponse['data']> {
    const forms: FormRow[] = await strapi.db.query(FORMS.form).findMany({
      where: {
        archived: false,
        liveVersion: { $notNull: true },
        purpose: { $ne: 'custom-fields' },
      },
      orderBy: { name: 'asc' },
    });
    const now = new Date();
    const targets = getService(strapi, 'targets');
    const open: FormRow[] = [];
    for (const f of forms) {
      if (formState(f, now) !== 'open') continue;
      if (f.access === 'roles' && !(Array.isArray(f.roles) && f.roles.includes(user.role)))
        continue;
      // A form whose target takes nothing now (its grant round closed) is not one to fill in.
      if (await targets.get(f.purpose)?.accepting?.(f)) continue;
      open.push(f);
    }
    const rows: SubmissionRow[] = await strapi.db.query(FORMS.submission).findMany({
      where: { submitterId: user.id },
      select: ['receiptCode', 'status', 'createdAt', 'updatedAt'],
      populate: { form: { select: ['name', 'nameEn', 'slug', 'purpose'] } },
      orderBy: { createdAt: 'desc' },
      limit: LATEST,
    });
    // What each submission became moves on by itself (an application is awarded, withdrawn):
    // its target, through the registry, says where it stands now.
    const targetStatus = new Map<string, string>();
    const purposes = new Set(rows.map((s) => s.form?.purpose).filter((p): p is string => !!p));
    for (const purpose of purposes) {
      const target = getService(strapi, 'targets').get(purpose);
      if (!target?.statusesOf) continue;
      const codes = rows.filter((s) => s.form?.purpose === purpose).map((s) => s.receiptCode);
      for (const [code, status] of Object.entries(await target.statusesOf(codes)))
        targetStatus.set(code, status);
    }
    return {
      forms: open.map((f) => ({
        slug: f.slug,
        name: f.name,
        nameEn: f.nameEn ?? null,
        description: f.description ?? null,
        descriptionEn: f.descriptionEn ?? null,
        closesAt: f.closesAt ? new Date(f.closesAt).toISOString() : null,
      })),
      submissions: rows.map((s) => ({
        receiptCode: s.receiptCode,
        status: s.status,
        targetStatus: targetStatus.get(s.receiptCode) ?? null,
        purpose: s.form?.purpose ?? null,
        submittedAt: new Date(s.createdAt).toISOString(),
        updatedAt: s.updatedAt ? new Date(s.updatedAt).toISOString() : null,
        form: s.form
          ? { name: s.form.name, nameEn: s.form.nameEn ?? null, slug: s.form.slug }
          : null,
      })),
    };
  },
});
