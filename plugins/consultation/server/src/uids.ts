export const CONSULTATION = {
  topic: 'plugin::consultation.topic',
  topicStep: 'plugin::consultation.topic-step',
  support: 'plugin::consultation.support',
  comment: 'plugin::consultation.comment',
  rankMark: 'plugin::consultation.rank-mark',
  meeting: 'plugin::consultation.meeting',
  decision: 'plugin::consultation.decision',
  voteRule: 'plugin::consultation.vote-rule',
  vote: 'plugin::consultation.vote',
  elector: 'plugin::consultation.elector',
  ballot: 'plugin::consultation.ballot',
  procedure: 'plugin::consultation.procedure',
  indexIndicator: 'plugin::consultation.index-indicator',
  indexEntry: 'plugin::consultation.index-entry',
} as const;

export const DOCUMENT_ID_PATTERN = /^[a-z0-9]{24}$/;
