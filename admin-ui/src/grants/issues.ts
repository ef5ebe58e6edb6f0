import type { Issue } from '../../../plugins/grants/server/src/domain/donations';
import { withoutFieldKey } from '../rest';

/**
 * The grants plugin's own domain issues (the same functions the server refuses with), as a
 * dialog shows them: by field path, in the user's language, without the internal key.
 */
export function issuesByField(issues: readonly Issue[], zh: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues)
    out[i.path] ??= withoutFieldKey(zh ? i.messageZh : i.message, i.path.split('.'));
  return out;
}
