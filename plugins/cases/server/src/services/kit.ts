import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import type { CmsServices } from '../../../../../cms/server/src/shared/contracts/services';
import { CASES_ERRORS, issue, type CasesErrorCode, type Issue } from '../domain/errors';
import type { Who } from '../domain/workflow';
import { cmsService } from '../utils';

type AuditAction = Parameters<CmsServices['audit']['record']>[0]['action'];

const USER = 'plugin::users-permissions.user';

/**
 * What the cases services share, all of it from the cms kit: errors through its one mapper, the
 * audit log, the viewer and its scope, documentIds for rows written below the Document Service.
 */
export function casesKit(strapi: Core.Strapi) {
  const errorsService = () => cmsService(strapi, 'errors');
  return {
    issue: (path: string, code: CasesErrorCode, message: string, messageZh: string): Issue =>
      issue(path, code, message, messageZh),
    /** Field problems in Strapi's error shape with the Chinese beside (the kit's one mapper). */
    invalid(issues: Issue[]): Error {
      return errorsService().fromIssues(issues, CASES_ERRORS);
    },
    refuse(path: string, code: CasesErrorCode, message: string, messageZh: string): never {
      throw errorsService().fromIssues([issue(path, code, message, messageZh)], CASES_ERRORS);
    },
    notFound(): never {
      throw new errors.NotFoundError('Not Found');
    },
    newDocumentId: (): string => cmsService(strapi, 'kit').newDocumentId(),
    viewer: () => cmsService(strapi, 'viewer').current(),
    actor: () => cmsService(strapi, 'viewer').actor(),

    /**
     * Who is acting, as the workflow engine weighs them: role, scope, unit. The system (seed,
     * sweep) acts as a global centre.
     */
    async who(): Promise<Who & { name: string | null; global: boolean }> {
      const viewer = await cmsService(strapi, 'viewer').current();
      const actor = cmsService(strapi, 'viewer').actor();
      if (viewer.kind === 'global')
        return {
          userId: null,
          role: 'system',
          unitId: null,
          scopePath: '',
          isReporter: false,
          name: actor.name ?? '系统',
          global: true,
        };
      const userId = actor.type === 'user' && actor.id ? Number(actor.id) : null;
      let unitId: number | null = null;
      if (userId) {
        const row = (await strapi.db.query(USER).findOne({
          where: { id: userId },
          select: ['id'],
          populate: { unit: { select: ['id'] } },
        })) as { unit?: { id: number } | null } | null;
        unitId = row?.unit?.id ?? null;
      }
      return {
        userId,
        role: viewer.role,
        unitId,
        scopePath: viewer.kind === 'scoped' ? viewer.scopePath : null,
        isReporter: false,
        name: actor.name,
        global: false,
      };
    },

    /** Locks a row until the transaction ends (PostgreSQL; SQLite's one writer serialises already). */
    lock: (trx: Knex.Transaction, table: string, id: number): Promise<void> =>
      cmsService(strapi, 'kit').lockRow(trx, table, id),

    /** An audit entry for a change to one of the plugin's records, by whoever acts now. */
    record: (
      uid: string,
      action: AuditAction,
      before: object | null,
      after: object | null,
      operation?: string,
    ): Promise<void> =>
      cmsService(strapi, 'audit').recordChange(uid, action, before, after, operation),
  };
}

export type CasesKit = ReturnType<typeof casesKit>;
