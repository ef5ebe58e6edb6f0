import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import type { CmsServices } from '../../../../../cms/server/src/shared/contracts/services';
import {
  CONSULTATION_ERRORS,
  issue,
  type ConsultationErrorCode,
  type Issue,
} from '../domain/errors';
import { cmsService } from '../utils';

type AuditAction = Parameters<CmsServices['audit']['record']>[0]['action'];

const USER = 'plugin::users-permissions.user';

export interface Who {
  userId: number | null;
  role: string;
  /** the staff member's area, '' for the whole system, null for residents */
  scopePath: string | null;
  name: string;
  global: boolean;
  staff: boolean;
}

/**
 * What the consultation services share, all of it from the cms kit: errors through its one
 * mapper, the audit log, the viewer and its scope, documentIds for rows written below the
 * Document Service.
 */
export function consultationKit(strapi: Core.Strapi) {
  const errorsService = () => cmsService(strapi, 'errors');
  const kit = {
    issue,
    invalid(issues: Issue[]): Error {
      return errorsService().fromIssues(issues, CONSULTATION_ERRORS);
    },
    refuse(path: string, code: ConsultationErrorCode, message: string, messageZh: string): never {
      throw errorsService().fromIssues(
        [issue(path, code, message, messageZh)],
        CONSULTATION_ERRORS,
      );
    },
    notFound(): never {
      throw new errors.NotFoundError('Not Found (未找到)');
    },
    forbidden(message: string): never {
      throw new errors.ForbiddenError(message);
    },
    newDocumentId: (): string => cmsService(strapi, 'kit').newDocumentId(),

    async who(): Promise<Who> {
      const viewer = await cmsService(strapi, 'viewer').current();
      const actor = cmsService(strapi, 'viewer').actor();
      if (viewer.kind === 'global')
        return {
          userId: null,
          role: 'system',
          scopePath: '',
          name: actor.name ?? '系统',
          global: true,
          staff: true,
        };
      const userId = actor.type === 'user' && actor.id ? Number(actor.id) : null;
      return {
        userId,
        role: viewer.role,
        scopePath: viewer.kind === 'scoped' ? viewer.scopePath : null,
        name: actor.name ?? '',
        global: false,
        staff: viewer.kind === 'scoped',
      };
    },

    /** Staff whose area holds the path (the system holds everything). */
    covers(who: Who, path: string | null | undefined): boolean {
      if (who.global) return true;
      if (!who.staff || who.scopePath === null || !path) return false;
      return path.startsWith(who.scopePath);
    },

    /** The resident a signed-in user is (cms links users to people), with where they live. */
    async personOf(
      userId: number | null,
    ): Promise<{ id: number; areaPath: string | null; name: string } | null> {
      if (!userId) return null;
      const row = (await strapi.db.query(USER).findOne({
        where: { id: userId },
        select: ['id'],
        populate: { person: { select: ['id', 'areaPath', 'name'] } },
      })) as { person?: { id: number; areaPath: string | null; name: string } | null } | null;
      return row?.person ?? null;
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
  return kit;
}

export type ConsultationKit = ReturnType<typeof consultationKit>;
