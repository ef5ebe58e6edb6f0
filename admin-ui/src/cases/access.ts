import { can } from '../authProvider';

/**
 * What the signed-in role may do in cases (事项办理), from GET /api/cms/me's `can`: each REST
 * action under its controller's UID (`plugin::cases.queue` → `['counts', 'list']`). The server
 * still decides per case (scope, assignment); these only keep a role from menus that would fail.
 */
const action = (controller: string, name: string) => can(`plugin::cases.${controller}`, name);

export const mayReadQueue = () => action('queue', 'list');
export const mayShowCase = () => action('cases', 'show');
export const mayCreateCase = () => action('cases', 'create');
export const mayListTypes = () => action('types', 'list');
export const mayShowType = () => action('types', 'show');
export const mayDesignTypes = () => action('types', 'update') || action('types', 'create');
export const mayCreateType = () => action('types', 'create');
export const mayCheckType = () => action('types', 'check');
export const mayPublishType = () => action('types', 'publish');
export const mayReadCalendar = () => action('calendar', 'list');
export const maySaveCalendar = () => action('calendar', 'save');
export const mayReadRatings = () => action('reports', 'departments');
export const mayReadDashboard = () => action('reports', 'dashboard');
export const mayReadInbox = () => action('inbox', 'list');
export const mayReadNotification = () => action('inbox', 'read');
export const mayReadAll = () => action('inbox', 'readAll');
export const mayUpload = () => action('attachments', 'upload');

/**
 * The case screen's operations by the controller action each calls: the server offers an
 * operation by the case and the viewer's place in it, and the role's permissions still decide
 * (a grid worker may be offered a whistle its role cannot blow).
 */
const OPERATION_ACTIONS = {
  press: 'press',
  extend: 'extension',
  decide_extension: 'decideExtension',
  merge: 'merge',
  split: 'split',
  comment: 'comment',
  callback: 'callback',
  whistle: 'whistle',
} as const;
export const mayOperate = (operation: keyof typeof OPERATION_ACTIONS) =>
  action('cases', OPERATION_ACTIONS[operation]);
export const mayTransition = () => action('cases', 'transition');
export const mayWhistleStep = (step: 'report' | 'act' | 'rate') => action('whistles', step);
