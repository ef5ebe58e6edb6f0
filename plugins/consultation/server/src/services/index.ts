import clock from './clock';
import decisions from './decisions';
import procedures from './procedures';
import reports from './reports';
import scores from './scores';
import topics from './topics';
import votes from './votes';

export default { clock, topics, decisions, votes, procedures, reports, scores };
