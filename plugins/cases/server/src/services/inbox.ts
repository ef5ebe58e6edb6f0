import type { Core } from '@strapi/strapi';
import type { Notification } from '../shared/contracts/cases';
import { CASES } from '../uids';
import { casesKit } from './kit';

type Kind =
  | 'assigned'
  | 'due_soon'
  | 'overdue'
  | 'escalated'
  | 'whistle'
  | 'reply'
  | 'pressed'
  | 'returned'
  | 'extension'
  | 'reopened'
  | 'rated';

interface CaseRef {
  id: number;
  documentId: string;
  number: string;
  title?: string;
  areaPath: string | null;
  assigneeKind?: string | null;
  assigneeUserId?: number | null;
  assigneeUnitId?: number | null;
  assigneeAreaPath?: string | null;
  reporterUserId?: number | null;
}

interface UserRow {
  id: number;
  email: string | null;
}

/** How the inbox asks Strapi's email plugin to send (its service publishes no types). */
interface EmailService {
  send(message: { to: string; subject: string; text: string }): Promise<unknown>;
}

const USER = 'plugin::users-permissions.user';

/**
 * The in-app inbox: one row per person told, written in the transaction of the change that
 * tells them (a dedupe key makes a timer's message once only, whichever process sweeps). When
 * an email provider is configured (config/plugins.ts, `email`), each message is also mailed,
 * after the transaction, by the sweep's mail step — a failed mail is retried, never lost.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = casesKit(strapi);
  const rows = () => strapi.db.query(CASES.notification);
  const users = () => strapi.db.query(USER);

  async function usersWhere(where: Record<string, unknown>): Promise<number[]> {
    const found = (await users().findMany({
      where: { blocked: false, ...where },
      select: ['id'],
      limit: 200,
    })) as UserRow[];
    return found.map((u) => u.id);
  }

  async function send(userIds: number[], kind: Kind, c: CaseRef, title: string, dedupe?: string) {
    const unique = [...new Set(userIds)];
    for (const userId of unique) {
      const dedupeKey = dedupe ? `${dedupe}:${userId}` : null;
      if (dedupeKey && (await rows().findOne({ where: { dedupeKey }, select: ['id'] }))) continue;
      await rows().create({
        data: {
          documentId: kit.newDocumentId(),
          userId,
          kind,
          caseId: c.id,
          caseDocumentId: c.documentId,
          caseNumber: c.number,
          title: title.slice(0, 200),
          dedupeKey,
        },
      });
    }
    return unique.length;
  }

  /** Community workers whose scope is exactly the community (its own staff). */
  const communityStaff = (path: string) =>
    usersWhere({ role: { type: { $in: ['community-worker'] } }, scope: { path } });

  return {
    send,

    /** The person, unit or community the case is assigned to. */
    async toAssignee(c: CaseRef, kind: Kind, title: string, dedupe?: string) {
      if (c.assigneeUserId) return send([c.assigneeUserId], kind, c, title, dedupe);
      if (c.assigneeUnitId)
        return send(await usersWhere({ unit: { id: c.assigneeUnitId } }), kind, c, title, dedupe);
      if (c.assigneeAreaPath)
        return send(await communityStaff(c.assigneeAreaPath), kind, c, title, dedupe);
      return 0;
    },

    /** The centre that dispatches: the case's community's staff and the street office above it. */
    async toCentre(c: CaseRef, kind: Kind, title: string, dedupe?: string) {
      if (!c.areaPath) return 0;
      const ancestors = ancestorPaths(c.areaPath);
      const ids = await usersWhere({
        role: { type: 'community-worker' },
        scope: { path: { $in: ancestors } },
      });
      return send(ids, kind, c, title, dedupe);
    },

    /** Supervisors: staff whose scope strictly contains the case's place (the street office, the district). */
    async toSupervisors(c: CaseRef, kind: Kind, title: string, dedupe?: string) {
      if (!c.areaPath) return 0;
      const above = ancestorPaths(c.areaPath).filter((p) => p !== c.areaPath);
      const ids = await usersWhere({
        role: { type: 'community-worker' },
        scope: { path: { $in: above } },
      });
      return send(ids, kind, c, title, dedupe);
    },

    async toReporter(c: CaseRef, kind: Kind, title: string) {
      return c.reporterUserId ? send([c.reporterUserId], kind, c, title) : 0;
    },

    async toUnit(unitId: number, kind: Kind, c: CaseRef, title: string, dedupe?: string) {
      return send(await usersWhere({ unit: { id: unitId } }), kind, c, title, dedupe);
    },

    /** GET /inbox: the signed-in person's messages, newest first, with the unread count. */
    async list(userId: number, query: Record<string, unknown>) {
      const page = Math.max(1, Math.min(1000, Number(query.page) || 1));
      const pageSize = 20;
      const where: Record<string, unknown> = { userId };
      if (query.unread === 'true' || query.unread === true) where.readAt = { $null: true };
      const list = (await rows().findMany({
        where,
        orderBy: { id: 'desc' },
        limit: pageSize,
        offset: (page - 1) * pageSize,
      })) as (Record<string, unknown> & { id: number })[];
      const unread = await rows().count({ where: { userId, readAt: { $null: true } } });
      const total = await rows().count({ where });
      const data: Notification[] = list.map((n) => ({
        id: n.id,
        kind: n.kind as string,
        title: n.title as string,
        body: (n.body as string) ?? null,
        caseDocumentId: (n.caseDocumentId as string) ?? null,
        caseNumber: (n.caseNumber as string) ?? null,
        readAt: n.readAt ? new Date(n.readAt as string).toISOString() : null,
        createdAt: new Date(n.createdAt as string).toISOString(),
      }));
      return { data, meta: { unread, total, page, pageSize } };
    },

    async read(userId: number, id: unknown) {
      const n = Number(id);
      if (!Number.isSafeInteger(n) || n <= 0) kit.notFound();
      const updated = await rows().updateMany({
        where: { id: n, userId, readAt: { $null: true } },
        data: { readAt: new Date() },
      });
      if (!updated.count && !(await rows().findOne({ where: { id: n, userId }, select: ['id'] })))
        kit.notFound();
    },

    async readAll(userId: number) {
      const updated = await rows().updateMany({
        where: { userId, readAt: { $null: true } },
        data: { readAt: new Date() },
      });
      return updated.count;
    },

    /**
     * Mails what has not been mailed, when an email provider is configured: each message is
     * marked before sending (one process takes it), and unmarked again if the provider fails.
     */
    async mailPending(limit = 200): Promise<number> {
      if (!mailConfigured(strapi)) return 0;
      const pending = (await rows().findMany({
        where: { emailedAt: { $null: true } },
        orderBy: { id: 'asc' },
        limit,
      })) as (Record<string, unknown> & { id: number; userId: number })[];
      let sent = 0;
      for (const n of pending) {
        const taken = await rows().updateMany({
          where: { id: n.id, emailedAt: { $null: true } },
          data: { emailedAt: new Date() },
        });
        if (!taken.count) continue;
        const user = (await users().findOne({
          where: { id: n.userId },
          select: ['id', 'email'],
        })) as UserRow | null;
        if (!user?.email) continue;
        try {
          await (strapi.plugin('email').service('email') as EmailService).send({
            to: user.email,
            subject: `【邻里】${n.title as string}`,
            text: `${n.title as string}\n\n事项编号：${(n.caseNumber as string) ?? ''}\n请登录邻里工作台查看。`,
          });
          sent += 1;
        } catch (error) {
          await rows().update({ where: { id: n.id }, data: { emailedAt: null } });
          strapi.log.warn(`Cases: a notification could not be mailed (${(error as Error).name})`);
        }
      }
      return sent;
    },
  };
};

/** The path and every ancestor path of an area (`/a/b/c/` → `/a/`, `/a/b/`, `/a/b/c/`). */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const lead = path.startsWith('/') ? '/' : '';
  const trail = path.endsWith('/') ? '/' : '';
  return parts.map((_, i) => `${lead}${parts.slice(0, i + 1).join('/')}${trail}`);
}

/** Whether Strapi's email plugin has a provider other than its default sendmail. */
function mailConfigured(strapi: Core.Strapi): boolean {
  const config = strapi.config.get('plugin::email') as { provider?: string } | undefined;
  return !!config?.provider && config.provider !== 'sendmail';
}
