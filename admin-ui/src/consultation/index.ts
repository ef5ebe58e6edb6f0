import ForumIcon from '@mui/icons-material/Forum';
import GavelIcon from '@mui/icons-material/Gavel';
import HowToVoteIcon from '@mui/icons-material/HowToVote';
import RuleIcon from '@mui/icons-material/Rule';
import SettingsIcon from '@mui/icons-material/Settings';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import FormatListNumberedIcon from '@mui/icons-material/FormatListNumbered';
import type { ComponentType } from 'react';
import { screen } from '../screen';
import {
  mayCloseRanking,
  mayCreateMeeting,
  mayListMeetings,
  mayListVotes,
  mayProcedure,
  mayRaise,
  mayReadRules,
  mayWorkTopics,
} from './access';

const topics = () => import('./TopicsPage');
const topic = () => import('./TopicShow');
const create = () => import('./TopicCreate');
const ranking = () => import('./RankingPage');
const meetings = () => import('./MeetingsPage');
const meetingForm = () => import('./MeetingForm');
const meeting = () => import('./MeetingShow');
const votes = () => import('./VotesPage');
const vote = () => import('./VoteShow');
const notices = () => import('./VoteNotices');
const rules = () => import('./RulesPage');
const procedure = () => import('./ProcedurePage');

export interface ConsultationRoute {
  path: string;
  element: ComponentType;
  usable: () => boolean;
}
export interface ConsultationPage extends ConsultationRoute {
  label: string;
  icon: ComponentType;
}

/**
 * The consultation console (menu group 协商议事), REST pages shown to the roles whose
 * permissions hold the controller action (foundation staff and community workers; a street
 * office is a community worker over a subdistrict).
 */
export const CONSULTATION_PAGES: ConsultationPage[] = [
  {
    path: '/consultation/topics',
    label: 'linli.consultation.menu.topics',
    icon: ForumIcon,
    usable: mayWorkTopics,
    element: screen(topics, 'TopicsPage'),
  },
  {
    path: '/consultation/board',
    label: 'linli.consultation.menu.board',
    icon: ViewKanbanIcon,
    usable: mayWorkTopics,
    element: screen(topics, 'TopicsBoard'),
  },
  {
    path: '/consultation/ranking',
    label: 'linli.consultation.menu.ranking',
    icon: FormatListNumberedIcon,
    usable: mayCloseRanking,
    element: screen(ranking, 'RankingPage'),
  },
  {
    path: '/consultation/meetings',
    label: 'linli.consultation.menu.meetings',
    icon: GavelIcon,
    usable: () => mayListMeetings() && mayCreateMeeting(),
    element: screen(meetings, 'MeetingsPage'),
  },
  {
    path: '/consultation/votes',
    label: 'linli.consultation.menu.votes',
    icon: HowToVoteIcon,
    usable: () => mayListVotes() && mayCreateMeeting(),
    element: screen(votes, 'VotesPage'),
  },
  {
    path: '/consultation/procedure',
    label: 'linli.consultation.menu.procedure',
    icon: SettingsIcon,
    usable: mayProcedure,
    element: screen(procedure, 'ProcedurePage'),
  },
  {
    path: '/consultation/rules',
    label: 'linli.consultation.menu.rules',
    icon: RuleIcon,
    usable: () => mayReadRules() && mayCreateMeeting(),
    element: screen(rules, 'RulesPage'),
  },
];

/** Routes reached from the pages, not the menu ("new" before ":id"). */
export const CONSULTATION_ROUTES: ConsultationRoute[] = [
  { path: '/consultation/topics/new', usable: mayRaise, element: screen(create, 'TopicCreate') },
  { path: '/consultation/topics/:id', usable: mayWorkTopics, element: screen(topic, 'TopicShow') },
  {
    path: '/consultation/meetings/new',
    usable: mayCreateMeeting,
    element: screen(meetingForm, 'MeetingCreate'),
  },
  {
    path: '/consultation/meetings/:id/edit',
    usable: mayCreateMeeting,
    element: screen(meetingForm, 'MeetingEdit'),
  },
  {
    path: '/consultation/meetings/:id',
    usable: mayListMeetings,
    element: screen(meeting, 'MeetingShow'),
  },
  { path: '/consultation/votes/:id', usable: mayListVotes, element: screen(vote, 'VoteShow') },
  {
    path: '/consultation/votes/:id/notices',
    usable: mayListVotes,
    element: screen(notices, 'VoteNotices'),
  },
];
