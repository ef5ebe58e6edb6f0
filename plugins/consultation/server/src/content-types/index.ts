import topicType from './topic';
import topicStepType from './topic-step';
import supportType from './support';
import commentType from './comment';
import rankMarkType from './rank-mark';
import meetingType from './meeting';
import decisionType from './decision';
import voteRuleType from './vote-rule';
import voteType from './vote';
import electorType from './elector';
import ballotType from './ballot';
import procedureType from './procedure';
import indexIndicatorType from './index-indicator';
import indexEntryType from './index-entry';

export default {
  topic: topicType,
  'topic-step': topicStepType,
  support: supportType,
  comment: commentType,
  'rank-mark': rankMarkType,
  meeting: meetingType,
  decision: decisionType,
  'vote-rule': voteRuleType,
  vote: voteType,
  elector: electorType,
  ballot: ballotType,
  procedure: procedureType,
  'index-indicator': indexIndicatorType,
  'index-entry': indexEntryType,
};
