import type { Core } from '@strapi/strapi';
import { bindingIssues, type Binding } from '../domain/bindings';
import { formIssue } from '../domain/issues';
import type { FormTarget } from './targets';
import { cmsService } from '../utils';

const ORGANISATION = 'plugin::cms.organisation';
const INCUBATION = 'plugin::cms.incubation';

/** The answers an incubation application reads, by field key. */
export const INCUBATION_BINDINGS: Binding[] = [
  {
    key: 'organisationName',
    kinds: ['text'],
    required: true,
    label: { zh: '组织名称', en: 'Organisation name' },
  },
  { key: 'area', kinds: ['area'], required: true, label: { zh: '所在社区', en: 'Community' } },
  {
    key: 'creditCode',
    kinds: ['creditCode'],
    required: false,
    label: { zh: '统一社会信用代码', en: 'Credit code' },
  },
  {
    key: 'registration',
    kinds: ['choice'],
    required: false,
    label: { zh: '登记情况', en: 'Registration' },
  },
  {
    key: 'serviceCategory',
    kinds: ['choice'],
    required: false,
    label: { zh: '服务领域', en: 'Service category' },
  },
  {
    key: 'description',
    kinds: ['textarea', 'text'],
    required: false,
    label: { zh: '组织简介', en: 'Description' },
  },
  { key: 'members', kinds: ['integer'], required: false, label: { zh: '成员人数', en: 'Members' } },
  {
    key: 'foundedOn',
    kinds: ['date'],
    required: false,
    label: { zh: '成立日期', en: 'Founded on' },
  },
  {
    key: 'hub',
    kinds: ['organisation'],
    required: false,
    label: { zh: '申请入驻的孵化平台', en: 'Hub applied to' },
  },
];

/**
 * `incubation-application`: a social organisation applies to a hub's incubator. A submission
 * creates the organisation (the cms plugin validates it: credit code, area, registration) and
 * its incubation in stage `applied`, through the cms Document Service so the usual rules and the
 * audit log apply — all in the submission's transaction: both records and the submission, or
 * none of them. A cms refusal is answered on the form's own field (e.g. `creditCode`).
 */
export function incubationTarget(strapi: Core.Strapi): FormTarget {
  return {
    purpose: 'incubation-application',
    label: { zh: '入驻孵化申请', en: 'Incubation application' },
    bindings: INCUBATION_BINDINGS,
    definitionIssues(definition, settings) {
      const issues = bindingIssues(definition, INCUBATION_BINDINGS);
      if (!definition.fields.some((f) => f.key === 'hub') && !settings?.hub) {
        issues.push(
          formIssue(
            'binding_missing',
            'settings.hub',
            'choose the hub that receives the applications, or add a field hub',
            '请指定接收申请的孵化平台，或添加字段 hub',
          ),
        );
      }
      return issues;
    },
    fieldOf: (path) => (path === 'name' || path === 'organisation' ? 'organisationName' : path),
    async onSubmit({ form, data }) {
      const hub = data.hub ?? form.settings?.hub;
      const organisation = await strapi.documents(ORGANISATION).create({
        data: {
          name: data.organisationName,
          kind: 'social_organisation',
          registration: data.registration ?? (data.creditCode ? 'registered' : 'none'),
          ...(data.creditCode ? { creditCode: data.creditCode } : {}),
          ...(data.serviceCategory ? { serviceCategory: data.serviceCategory } : {}),
          ...(data.description ? { description: data.description } : {}),
          ...(data.members !== undefined && { members: data.members }),
          ...(data.foundedOn ? { foundedOn: data.foundedOn } : {}),
          area: data.area,
        },
      });
      const incubation = await strapi.documents(INCUBATION).create({
        data: {
          organisation: organisation.documentId,
          hub,
          stage: 'applied',
          appliedOn: cmsService(strapi, 'chinaTime').todayInChina(),
        },
      });
      return {
        uid: INCUBATION,
        documentId: incubation.documentId,
        label: data.organisationName as string,
      };
    },
  };
}
