import caseType from './case-type';
import caseTypeVersion from './case-type-version';
import caseRecord from './case';
import caseStep from './case-step';
import whistle from './whistle';
import calendarYear from './calendar-year';
import notification from './notification';

export default {
  'case-type': caseType,
  'case-type-version': caseTypeVersion,
  case: caseRecord,
  'case-step': caseStep,
  whistle,
  'calendar-year': calendarYear,
  notification,
};
