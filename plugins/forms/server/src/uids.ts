/** The forms plugin's content types. */
export const FORMS = {
  form: 'plugin::forms.form',
  version: 'plugin::forms.form-version',
  submission: 'plugin::forms.submission',
} as const;

/** cms content types that custom-field forms may extend, by the name a form's appliesTo uses. */
export const CUSTOM_FIELD_UIDS: Record<string, string> = {
  organisation: 'plugin::cms.organisation',
  person: 'plugin::cms.person',
  compound: 'plugin::cms.compound',
  grid: 'plugin::cms.grid',
  incubation: 'plugin::cms.incubation',
};

export const USER_UID = 'plugin::users-permissions.user';
export const DOCUMENT_ID_PATTERN = /^[a-z0-9]{24}$/;
