import type { Tree } from '../tree';

/** The console's words for this topic, merged into app-messages (keys must not repeat). */
export const dashboardMessages: Tree = {};
