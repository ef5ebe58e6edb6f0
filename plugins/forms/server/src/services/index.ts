import { factories } from '@strapi/strapi';
import { FORMS } from '../uids';
import customFields from './custom-fields';
import dashboard from './dashboard';
import definitions from './definitions';
import mine from './mine';
import submissionExports from './submission-exports';
import rateLimit from './rate-limit';
import receipts from './receipts';
import submissions from './submissions';
import tables from './tables';
import targets from './targets';
import uploads from './uploads';

export default {
  // Strapi's core services, which the core controllers call.
  form: factories.createCoreService(FORMS.form as never),
  'form-version': factories.createCoreService(FORMS.version as never),
  submission: factories.createCoreService(FORMS.submission as never),
  customFields,
  dashboard,
  definitions,
  mine,
  rateLimit,
  receipts,
  submissionExports,
  submissions,
  tables,
  targets,
  uploads,
};
