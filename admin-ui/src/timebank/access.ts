import { can } from '../authProvider';

/**
 * What the signed-in role may do in the time bank, from GET /api/cms/me's `can`: the REST
 * actions under their controller's UID, the records under their GraphQL type.
 */
const action = (controller: string, name: string) => can(`plugin::time-bank.${controller}`, name);

export const mayJoinMembers = () => action('members', 'join');
export const mayIssue = () => action('members', 'issue');
export const mayLink = () => action('members', 'link');
export const mayUnlink = () => action('members', 'unlink');
export const mayAddTeamMember = () => action('members', 'addTeamMember');
export const mayLeave = () => action('members', 'leave');
export const mayReadBalance = () => action('members', 'balance');
export const mayReadPassbook = () => action('members', 'passbook');
export const mayPostRequest = () => action('services', 'post');
export const mayReadCandidates = () => action('services', 'candidates');
export const mayAccept = () => action('services', 'accept');
export const mayCancelRequest = () => action('services', 'cancelRequest');
export const mayConfirm = () => action('services', 'confirm');
export const mayRecord = () => action('services', 'record');
export const mayResolve = () => action('services', 'resolve');
export const mayCancelService = () => action('services', 'cancel');
export const mayRoster = () => action('activities', 'roster');
export const mayCredit = () => action('activities', 'credit');
export const mayCancelActivity = () => action('activities', 'cancel');
export const mayFulfil = () => action('redemptions', 'fulfil');
export const mayCancelRedemption = () => action('redemptions', 'cancel');
export const mayPublishPolicy = () => action('policy', 'publish');
export const mayPreviewPolicy = () => action('policy', 'preview');
export const mayReadPolicy = () => action('policy', 'show');
export const mayReadStats = () => action('stats', 'totals');
export const mayReadQueue = () => action('stats', 'queue');
export const mayReadAwardHours = () => action('stats', 'awardHours');
