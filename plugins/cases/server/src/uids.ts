export const CASES = {
  caseType: 'plugin::cases.case-type',
  caseTypeVersion: 'plugin::cases.case-type-version',
  case: 'plugin::cases.case',
  caseStep: 'plugin::cases.case-step',
  whistle: 'plugin::cases.whistle',
  calendarYear: 'plugin::cases.calendar-year',
  notification: 'plugin::cases.notification',
} as const;

export const DOCUMENT_ID_PATTERN = /^[a-z0-9]{24}$/;
