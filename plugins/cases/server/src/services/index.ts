import attachments from './attachments';
import calendar from './calendar';
import cases from './cases';
import clock from './clock';
import inbox from './inbox';
import receipts from './receipts';
import reports from './reports';
import sweep from './sweep';
import types from './types';
import whistles from './whistles';

export default {
  attachments,
  calendar,
  cases,
  clock,
  inbox,
  receipts,
  reports,
  sweep,
  types,
  whistles,
};
