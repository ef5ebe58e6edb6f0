import form from './form';
import formVersion from './form-version';
import submission from './submission';

export default {
  form,
  'form-version': formVersion,
  submission,
};
