import { factories } from '@strapi/strapi';
import { FORMS } from '../uids';
import dashboard from './dashboard';
import mine from './mine';
import publicForm from './public-form';
import staff from './staff';

export default {
  form: factories.createCoreController(FORMS.form as never),
  'form-version': factories.createCoreController(FORMS.version as never),
  submission: factories.createCoreController(FORMS.submission as never),
  'public-form': publicForm,
  staff,
  dashboard,
  mine,
};
