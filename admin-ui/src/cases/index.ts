import AssessmentIcon from '@mui/icons-material/Assessment';
import AssignmentIcon from '@mui/icons-material/Assignment';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import MailIcon from '@mui/icons-material/Mail';
import MilitaryTechIcon from '@mui/icons-material/MilitaryTech';
import type { ComponentType } from 'react';
import { screen } from '../screen';
import {
  mayCreateCase,
  mayListTypes,
  mayDesignTypes,
  mayReadCalendar,
  mayReadDashboard,
  mayReadInbox,
  mayReadQueue,
  mayReadRatings,
  maySaveCalendar,
  mayShowCase,
} from './access';

const queue = () => import('./QueuePage');
const show = () => import('./CaseShow');
const create = () => import('./CaseCreate');
const types = () => import('./TypeList');
const designer = () => import('./TypeDesigner');
const calendar = () => import('./CalendarPage');
const ratings = () => import('./RatingsPage');
const dashboard = () => import('./DashboardPage');
const inbox = () => import('./Inbox');

export interface CasesRoute {
  path: string;
  element: ComponentType;
  usable: () => boolean;
}
export interface CasesPage extends CasesRoute {
  /** translation key of the menu entry */
  label: string;
  icon: ComponentType;
  /** Offered in the menu (besides being usable); absent: whenever usable. */
  inMenu?: () => boolean;
}

/**
 * The cases console (menu group 事项办理): REST pages, each shown to the roles whose permissions
 * hold its controller action (GET /api/cms/me `can['plugin::cases.<controller>']`), so a
 * department's staff see their queue and messages, never the designer they could not save.
 */
export const CASES_PAGES: CasesPage[] = [
  {
    path: '/cases',
    label: 'linli.cases.menu.queue',
    icon: AssignmentIcon,
    usable: mayReadQueue,
    element: screen(queue, 'QueuePage'),
  },
  {
    path: '/case-inbox',
    label: 'linli.cases.menu.inbox',
    icon: MailIcon,
    usable: mayReadInbox,
    // Everyone signed in has an inbox; those who handle no cases (incubators, reviewers) reach
    // it from the bell, without a 事项办理 group of one entry.
    inMenu: mayReadQueue,
    element: screen(inbox, 'InboxPage'),
  },
  {
    path: '/case-dashboard',
    label: 'linli.cases.menu.dashboard',
    icon: AssessmentIcon,
    usable: mayReadDashboard,
    element: screen(dashboard, 'DashboardPage'),
  },
  {
    path: '/case-ratings',
    label: 'linli.cases.menu.ratings',
    icon: MilitaryTechIcon,
    usable: mayReadRatings,
    element: screen(ratings, 'RatingsPage'),
  },
  {
    path: '/case-types',
    label: 'linli.cases.menu.types',
    icon: AccountTreeIcon,
    // The designer is for those who may change types; reading the list alone (to register a
    // case) is no reason for the menu entry.
    usable: () => mayListTypes() && mayDesignTypes(),
    element: screen(types, 'TypeList'),
  },
  {
    path: '/case-calendar',
    label: 'linli.cases.menu.calendar',
    icon: CalendarMonthIcon,
    usable: mayReadCalendar,
    // Everyone working cases may read the calendar (the server counts in it); the page is the
    // district administrators' editor.
    inMenu: maySaveCalendar,
    element: screen(calendar, 'CalendarPage'),
  },
];

/** Routes that are reached from the pages, not the menu. */
export const CASES_ROUTES: CasesRoute[] = [
  // Before /cases/:id, so "new" is not taken for a case's id.
  { path: '/cases/new', usable: mayCreateCase, element: screen(create, 'CaseCreate') },
  { path: '/cases/:id', usable: mayShowCase, element: screen(show, 'CaseShow') },
  {
    path: '/case-types/:key',
    usable: () => mayListTypes() && mayDesignTypes(),
    element: screen(designer, 'TypeDesigner'),
  },
];
