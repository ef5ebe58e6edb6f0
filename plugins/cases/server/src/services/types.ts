import type { Core } from '@strapi/strapi';
import { checkWorkflow, definitionIssues } from '../domain/workflow';
import type { CaseTypeDefinition } from '../domain/types';
import type { CaseTypeDetail, CaseTypeSummary, WorkflowCheck } from '../shared/contracts/cases';
import { CASES } from '../uids';
import { formsService } from '../utils';
import { casesKit } from './kit';

interface TypeRow {
  id: number;
  documentId: string;
  key: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  numberPrefix: string;
  draft: CaseTypeDefinition | null;
  currentVersion: number;
  intakeForm: string | null;
  active: boolean;
}

interface VersionRow {
  id: number;
  documentId: string;
  typeKey: string;
  version: number;
  definition: CaseTypeDefinition;
  publishedOn: string;
  author: string | null;
}

export interface PublishedType {
  type: TypeRow;
  version: number;
  definition: CaseTypeDefinition;
}

const KEY = /^[a-z][a-z0-9_-]{1,39}$/;
const PREFIX = /^[A-Z]{1,8}$/;
/** A draft larger than this is not a workflow anyone draws by hand. */
const MAX_DRAFT_BYTES = 200_000;

/**
 * Case types: configured in the console by district-wide staff, versioned like forms. The draft
 * may be broken while it is edited (the designer's live check says how); publishing refuses a
 * broken one and freezes a version, which every case started on it keeps.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = casesKit(strapi);
  const types = () => strapi.db.query(CASES.caseType);
  const versions = () => strapi.db.query(CASES.caseTypeVersion);
  // A published version never changes: safe to keep in memory in any number of processes.
  const frozen = new Map<string, CaseTypeDefinition>();

  const summary = (t: TypeRow): CaseTypeSummary => ({
    documentId: t.documentId,
    key: t.key,
    name: t.name,
    nameEn: t.nameEn ?? null,
    numberPrefix: t.numberPrefix,
    currentVersion: t.currentVersion ?? 0,
    intakeForm: t.intakeForm ?? null,
    active: t.active !== false,
  });

  async function load(key: unknown): Promise<TypeRow> {
    if (typeof key !== 'string' || !KEY.test(key)) kit.notFound();
    const row = (await types().findOne({ where: { key } })) as TypeRow | null;
    if (!row) kit.notFound();
    return row as TypeRow;
  }

  async function definitionOf(key: string, version: number): Promise<CaseTypeDefinition> {
    const cacheKey = `${key}@${version}`;
    const cached = frozen.get(cacheKey);
    if (cached) return cached;
    const row = (await versions().findOne({
      where: { typeKey: key, version },
      select: ['definition'],
    })) as Pick<VersionRow, 'definition'> | null;
    if (!row) kit.notFound();
    frozen.set(cacheKey, (row as VersionRow).definition);
    return (row as VersionRow).definition;
  }

  async function detail(t: TypeRow): Promise<CaseTypeDetail> {
    const list = (await versions().findMany({
      where: { typeKey: t.key },
      select: ['version', 'publishedOn', 'author'],
      orderBy: { version: 'desc' },
    })) as VersionRow[];
    return {
      ...summary(t),
      description: t.description ?? null,
      draft: t.draft ?? null,
      current: t.currentVersion ? await definitionOf(t.key, t.currentVersion) : null,
      versions: list.map((v) => ({
        version: v.version,
        publishedOn: new Date(v.publishedOn).toISOString(),
        author: v.author ?? null,
      })),
    };
  }

  /** The fields a client may set on a type, checked; issues name the field. */
  async function fieldsOf(body: Record<string, unknown>, creating: boolean) {
    const issues = [];
    const data: Record<string, unknown> = {};
    const text = (field: string, max: number, required: boolean) => {
      const v = body[field];
      if (v === undefined && !required) return;
      if (typeof v !== 'string' || (required && !v.trim()) || v.length > max)
        issues.push(
          kit.issue(
            field,
            required && (v === undefined || v === '') ? 'required' : 'invalid_value',
            `must be text of at most ${max} characters`,
            `应为不超过 ${max} 个字的文字`,
          ),
        );
      else data[field] = v.trim();
    };
    if (creating) {
      if (typeof body.key !== 'string' || !KEY.test(body.key))
        issues.push(
          kit.issue(
            'key',
            'invalid_value',
            'must be 2–40 lower-case letters, digits, hyphens or underscores, starting with a letter',
            '应为 2–40 位小写字母、数字、连字符或下划线，以字母开头',
          ),
        );
      else data.key = body.key;
    }
    text('name', 100, creating);
    text('nameEn', 100, false);
    text('description', 2000, false);
    if (body.numberPrefix !== undefined || creating) {
      if (typeof body.numberPrefix !== 'string' || !PREFIX.test(body.numberPrefix))
        issues.push(
          kit.issue(
            'numberPrefix',
            'invalid_value',
            'must be 1–8 capital letters (case numbers start with it)',
            '应为 1–8 位大写字母（事项编号以此开头）',
          ),
        );
      else data.numberPrefix = body.numberPrefix;
    }
    if (body.intakeForm !== undefined && body.intakeForm !== null) {
      const purpose =
        typeof body.intakeForm === 'string'
          ? await formsService(strapi, 'definitions').purposeBySlug(body.intakeForm)
          : null;
      if (purpose !== 'case-intake')
        issues.push(
          kit.issue(
            'intakeForm',
            'invalid_value',
            'must be a form whose purpose is case intake',
            '应为用途为“事项受理”的表单',
          ),
        );
      else data.intakeForm = body.intakeForm;
    } else if (body.intakeForm === null) data.intakeForm = null;
    if (body.active !== undefined) {
      if (typeof body.active !== 'boolean')
        issues.push(kit.issue('active', 'invalid_value', 'must be true or false', '应为是或否'));
      else data.active = body.active;
    }
    if (body.draft !== undefined) {
      const size = JSON.stringify(body.draft ?? null).length;
      if (!body.draft || typeof body.draft !== 'object' || Array.isArray(body.draft))
        issues.push(
          kit.issue('draft', 'invalid_value', 'must be a case type definition', '应为事项类型定义'),
        );
      else if (size > MAX_DRAFT_BYTES)
        issues.push(kit.issue('draft', 'invalid_value', 'is too large', '内容过大'));
      else data.draft = body.draft;
    }
    if (issues.length) throw kit.invalid(issues);
    return data;
  }

  return {
    definitionOf,

    async list(): Promise<CaseTypeSummary[]> {
      const rows = (await types().findMany({ orderBy: { id: 'asc' } })) as TypeRow[];
      return rows.map(summary);
    },

    async show(key: unknown): Promise<CaseTypeDetail> {
      return detail(await load(key));
    },

    /** The version new cases of this type start on; refuses a type not published or not active. */
    async published(key: unknown, path = 'type'): Promise<PublishedType> {
      const t =
        typeof key === 'string' && KEY.test(key)
          ? ((await types().findOne({ where: { key } })) as TypeRow | null)
          : null;
      if (!t || !t.currentVersion || t.active === false)
        kit.refuse(path, 'invalid_value', 'no such case type is in use', '没有在用的此事项类型');
      const type = t as TypeRow;
      return {
        type,
        version: type.currentVersion,
        definition: await definitionOf(type.key, type.currentVersion),
      };
    },

    async create(body: Record<string, unknown>): Promise<CaseTypeDetail> {
      const data = await fieldsOf(body, true);
      if (await types().findOne({ where: { key: data.key }, select: ['id'] }))
        kit.refuse(
          'key',
          'duplicate_key',
          'another case type has this key',
          '已有事项类型使用此代码',
        );
      const row = (await types().create({
        data: { ...data, documentId: kit.newDocumentId(), currentVersion: 0, active: true },
      })) as TypeRow;
      await kit.record(CASES.caseType, 'create', null, row);
      return detail(row);
    },

    async update(key: unknown, body: Record<string, unknown>): Promise<CaseTypeDetail> {
      const before = await load(key);
      const data = await fieldsOf(body, false);
      const after = (await types().update({ where: { id: before.id }, data })) as TypeRow;
      await kit.record(CASES.caseType, 'update', before, after);
      return detail(after);
    },

    /** The designer's live check of a definition (nothing is saved). */
    check(definition: unknown): WorkflowCheck {
      return checkWorkflow(definition);
    },

    /**
     * Freezes the draft as the next version. A broken draft is refused with every issue; two
     * administrators publishing at once get one version each or a 409, never two with one number.
     */
    async publish(key: unknown): Promise<CaseTypeDetail> {
      const t = await load(key);
      const issues = definitionIssues(t.draft);
      if (issues.length) throw kit.invalid(issues.map((i) => ({ ...i, path: `draft.${i.path}` })));
      const actor = kit.actor();
      return strapi.db.transaction(async ({ trx }) => {
        await kit.lock(trx, 'case_types', t.id);
        const fresh = (await types().findOne({ where: { id: t.id } })) as TypeRow;
        const version = (fresh.currentVersion ?? 0) + 1;
        await versions().create({
          data: {
            documentId: kit.newDocumentId(),
            typeKey: t.key,
            version,
            definition: fresh.draft,
            publishedOn: new Date(),
            author: actor.name,
          },
        });
        const after = (await types().update({
          where: { id: t.id },
          data: { currentVersion: version },
        })) as TypeRow;
        await kit.record(CASES.caseType, 'update', fresh, after, 'publish');
        return detail(after);
      });
    },

    /**
     * Creates and publishes a type from a preset when it does not exist (the defaults a new
     * district starts with, and the demo's).
     */
    async ensure(preset: {
      key: string;
      name: string;
      nameEn: string;
      numberPrefix: string;
      description?: string;
      intakeForm?: string | null;
      definition: CaseTypeDefinition;
    }): Promise<void> {
      if (await types().findOne({ where: { key: preset.key }, select: ['id'] })) return;
      const row = (await types().create({
        data: {
          documentId: kit.newDocumentId(),
          key: preset.key,
          name: preset.name,
          nameEn: preset.nameEn,
          description: preset.description ?? null,
          numberPrefix: preset.numberPrefix,
          intakeForm: preset.intakeForm ?? null,
          draft: preset.definition,
          currentVersion: 0,
          active: true,
        },
      })) as TypeRow;
      await this.publish(row.key);
    },
  };
};
