import type { FormDefinition, Localised } from '../domain/fields';
import type { FormIssue } from '../domain/issues';
import type { FormRow } from '../rows';

/**
 * Where a submission can lead: other plugins register a target under a form purpose
 * (`strapi.plugin('forms').service('targets').register({...})`): the grants plugin its
 * `grant-application`, the time bank `volunteer-signup`, cases `case-intake`. A target checks at
 * publish time that a definition has the fields it needs, and on every valid submission creates
 * its record — inside the submission's transaction, so both are written or neither is.
 */
export interface TargetContext {
  form: FormRow;
  versionNumber: number;
  definition: FormDefinition;
  /** the validated, normalised answers, by field key (their kinds are the definition's) */
  data: Record<string, unknown>;
  /** the submitter's user id when they were signed in (a resident following their own requests) */
  submission: { id: number; documentId: string; receiptCode: string; submitterId?: number | null };
}

export interface TargetResult {
  uid: string;
  documentId: string;
  label?: string;
}

export interface FormTarget {
  purpose: string;
  label: Localised;
  /** the field keys the target reads, for the designer to show */
  bindings: { key: string; kinds: string[]; required: boolean; label: Localised }[];
  /** extra publish-time checks; without it, the bound fields' presence and kinds are checked */
  definitionIssues?(
    definition: FormDefinition,
    settings: Record<string, unknown>,
  ): FormIssue[] | Promise<FormIssue[]>;
  onSubmit(context: TargetContext): Promise<TargetResult>;
  /** the form field a refusal of the target's own record concerns (e.g. cms `name` → `organisationName`) */
  fieldOf?(path: string): string;
  /**
   * The status of the target's records made from these submissions, by receipt code (a grant
   * application's, which moves on while the submission stays received): what the submitter's
   * own page shows instead of the submission's.
   */
  statusesOf?(receiptCodes: string[]): Promise<Record<string, string>>;
  /**
   * Why an open form's target takes nothing now (a grant round not open, or past its closing
   * date), in both languages; null when it does. Asked before anyone fills the form in.
   */
  accepting?(form: FormRow): Promise<Localised | null>;
}

export default () => {
  const registry = new Map<string, FormTarget>();
  return {
    register(target: FormTarget): void {
      registry.set(target.purpose, target);
    },
    get(purpose: string): FormTarget | undefined {
      return registry.get(purpose);
    },
    list(): FormTarget[] {
      return [...registry.values()];
    },
  };
};
