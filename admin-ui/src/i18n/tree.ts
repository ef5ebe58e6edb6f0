/** A message is a Chinese and English pair; messages nest as react-admin's keys do. */
export type Pair = readonly [string, string];
export type Tree = { [key: string]: Pair | Tree };

const isPair = (v: Pair | Tree): v is Pair => Array.isArray(v);

/**
 * Merges message trees (app-messages.ts and each topic's file under topics/). A key defined
 * twice is a mistake that would silently hide one translation, so it throws at start-up.
 */
export function mergeTrees(...trees: Tree[]): Tree {
  const out: Tree = {};
  const visit = (target: Tree, source: Tree, at: string) => {
    for (const [key, value] of Object.entries(source)) {
      const here = at ? `${at}.${key}` : key;
      const existing = target[key];
      if (existing === undefined) {
        target[key] = isPair(value) ? value : visit({}, value, here);
      } else if (isPair(existing) || isPair(value)) {
        throw new Error(`message ${here} is defined twice`);
      } else {
        visit(existing, value, here);
      }
    }
    return target;
  };
  for (const tree of trees) visit(out, tree, '');
  return out;
}
