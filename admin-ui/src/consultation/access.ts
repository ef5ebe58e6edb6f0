import { can } from '../authProvider';

/**
 * What the signed-in role may do in consultation (协商议事), from GET /api/cms/me's `can`: each
 * REST action under its controller's UID. The server still decides per topic and vote (scope).
 */
const action = (controller: string, name: string) =>
  can(`plugin::consultation.${controller}`, name);

export const mayScreen = () => action('topics', 'screen');
export const mayRaise = () => action('topics', 'create') && mayScreen();
export const mayCloseRanking = () => action('topics', 'closeRanking');
export const mayCloseTopic = () => action('topics', 'close');
export const mayListMeetings = () => action('meetings', 'list');
export const mayCreateMeeting = () => action('meetings', 'create');
export const mayDecide = () => action('meetings', 'decide');
export const mayImplement = () => action('decisions', 'implement');
export const mayListVotes = () => action('votes', 'list');
export const mayRunVote = () => action('votes', 'open');
export const mayCreateVote = () => action('votes', 'create');
export const mayReadRules = () => action('votes', 'rules');
export const maySaveRule = () => action('votes', 'saveRule');
export const mayProcedure = () => action('procedures', 'save');
/** The console's topics screens: staff screening topics (foundation staff, community workers). */
export const mayWorkTopics = () => action('topics', 'list') && mayScreen();
