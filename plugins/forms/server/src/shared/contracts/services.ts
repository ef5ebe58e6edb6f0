/**
 * What the forms plugin offers other plugins through `strapi.plugin('forms').service(name)`,
 * typed. Imported with `import type` only (the boundaries lint refuses anything else): the call
 * still goes through Strapi, but a changed signature fails the caller's compile.
 */
import type definitions from '../../services/definitions';
import type receipts from '../../services/receipts';
import type tables from '../../services/tables';
import type targets from '../../services/targets';

export type { FormTarget } from '../../services/targets';
/** A table or sheet to write with `tables`, each column typed (money in fen, dates, counts). */
export type { CellKind, Sheet, Table } from '../../domain/sheet';

/** The forms services other plugins may call, by service name. */
export interface FormsServices {
  /**
   * What other plugins may ask of form definitions: a form's purpose (a grants round takes only
   * a grant-application form) and the versions answers were given on (a reviewer reads them
   * under their own labels).
   */
  definitions: Pick<
    ReturnType<typeof definitions>,
    'purposeOf' | 'purposeBySlug' | 'versionDefinitions'
  >;
  /**
   * What a receipt code opens after the submission: the per-client look-up allowance and the
   * files a submitter sends later (the grants applicant's page answers staff with them).
   */
  receipts: ReturnType<typeof receipts>;
  /** Builds CSV/XLSX downloads (the grants disclosure and fund statements). */
  tables: ReturnType<typeof tables>;
  /** Where a submission leads: other plugins register their target here. */
  targets: ReturnType<typeof targets>;
}
