import type { Core } from '@strapi/strapi';
import type { FormsQueue } from '../shared/contracts/dashboard';
import { FORMS } from '../uids';

/**
 * Submissions waiting to be handled, counted through the Document Service: the cms kit narrows
 * the count to the viewer's area (and to submissions naming no place for the roles owning forms).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async queue(): Promise<FormsQueue> {
    const count = (status: string) =>
      strapi.documents(FORMS.submission).count({ filters: { status } } as never);
    const [submissionsReceived, submissionsInProgress] = await Promise.all([
      count('received'),
      count('in-progress'),
    ]);
    return { submissionsReceived, submissionsInProgress };
  },
});
