// Each topic keeps its messages in its own file, so work on one screen does not collide with
// another's in one long file; app-messages.ts merges them and refuses a key defined twice.
import type { Tree } from '../tree';
import { applicantMessages } from './applicant';
import { auditMessages } from './audit';
import { boardMessages } from './board';
import { casesMessages } from './cases';
import { consultationIndexMessages } from './consultation-index';
import { consultationMessages } from './consultation';
import { dashboardMessages } from './dashboard';
import { moneyMessages } from './money';
import { propertiesMessages } from './properties';
import { rolesMessages } from './roles';
import { roundsMessages } from './rounds';
import { sheetsMessages } from './sheets';
import { timebankMessages } from './timebank';

export const TOPICS: Tree[] = [
  applicantMessages,
  auditMessages,
  boardMessages,
  casesMessages,
  consultationIndexMessages,
  consultationMessages,
  dashboardMessages,
  moneyMessages,
  propertiesMessages,
  rolesMessages,
  roundsMessages,
  sheetsMessages,
  timebankMessages,
];
