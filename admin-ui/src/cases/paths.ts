/**
 * The server names a field `workflow.states[2].key` (its issues' paths, split on dots); the
 * console's inputs know it as `workflow.states.2.key`, and a name's two languages as one input
 * (`….label.zh` → `….label`).
 */
export const normalisePath = (path: string): string =>
  path.replace(/\[(\d+)\]/g, '.$1').replace(/\.label\.(zh|en)$/, '.label');

/** Field messages keyed by the console's paths (the first message for a path wins). */
export function byInputPath(messages: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(messages)) {
    const key = normalisePath(path);
    if (!(key in out)) out[key] = message;
  }
  return out;
}
