import type {
  CustomFieldTarget,
  FormDefinition,
} from '../../../plugins/forms/server/src/domain/fields';

/**
 * The forms records the console reads from the data provider (`id` is the documentId; enums
 * come as GraphQL spells them: `custom_fields`, not `custom-fields`). Only the fields the
 * screens read.
 */

export interface Form {
  id: string;
  name: string;
  slug: string;
  /** FORM_PURPOSES as a GraphQL enum */
  purpose: string;
  appliesTo?: CustomFieldTarget | null;
  roles?: string[] | null;
  draft?: FormDefinition | null;
  liveVersion?: number | null;
  archived?: boolean | null;
}

export interface FormVersion {
  id: string;
  formKey: string;
  number: number;
  definition: FormDefinition;
}

/** The record a submission was filed against (an incubation, an organisation …). */
export interface SubmissionTarget {
  uid: string;
  documentId: string;
  label?: string | null;
}

export interface Submission {
  id: string;
  formKey: string;
  versionNumber: number;
  data?: Record<string, unknown> | null;
  target?: SubmissionTarget | null;
}
