/**
 * The forms plugin's rows as its services read them from the query engine (Strapi types rows
 * per known UID only; these say what the services rely on). Dates come back as strings or
 * Dates depending on the database, JSON columns as whatever was stored.
 */
import type { FormDefinition } from './domain/fields';

/** A form (`forms_forms`): its settings, its draft and which version is live. */
export interface FormRow {
  id: number;
  documentId: string;
  name: string;
  nameEn?: string | null;
  slug: string;
  description?: string | null;
  descriptionEn?: string | null;
  purpose: string;
  appliesTo?: string | null;
  access: string;
  roles?: unknown;
  opensAt?: string | Date | null;
  closesAt?: string | Date | null;
  archived?: boolean | null;
  settings?: Record<string, unknown> | null;
  draft?: unknown;
  liveVersion?: number | null;
}

/** A published version (`forms_form_versions`): frozen once written. */
export interface VersionRow {
  id: number;
  documentId: string;
  formKey: string;
  number: number;
  definition: FormDefinition;
  /** the JSON Schema the definition compiled to */
  schema: object;
  uiSchema?: unknown;
  releasedAt: string | Date;
  releasedBy?: string | null;
}

/** A submission (`forms_submissions`), as far as the services read it back. */
export interface SubmissionRow {
  id: number;
  documentId: string;
  receiptCode: string;
  status: string;
  statusNote?: string | null;
  createdAt: string | Date;
  updatedAt?: string | Date;
  versionNumber?: number;
  form?: (Pick<FormRow, 'name' | 'nameEn' | 'slug'> & Partial<Pick<FormRow, 'purpose'>>) | null;
}
