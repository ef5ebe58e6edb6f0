/** The smallest `grant-application` form definition: the fields the grants target binds. */
export const APPLICATION_FORM = {
  fields: [
    {
      key: 'organisationName',
      kind: 'text',
      label: { zh: '申报组织', en: 'Organisation' },
      required: true,
    },
    { key: 'projectTitle', kind: 'text', label: { zh: '项目名称', en: 'Project' }, required: true },
    {
      key: 'requestedAmount',
      kind: 'money',
      label: { zh: '申请金额', en: 'Amount' },
      required: true,
    },
    { key: 'summary', kind: 'textarea', label: { zh: '项目简介', en: 'Summary' } },
  ],
};
