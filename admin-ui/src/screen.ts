import { lazy, type ComponentType } from 'react';

/**
 * One screen of a module, loaded the first time it is shown: each screen is its own chunk, so the
 * login page loads none of them. `name` is checked against the module's exports.
 */
export const screen = <M>(load: () => Promise<M>, name: keyof M & string) =>
  lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
