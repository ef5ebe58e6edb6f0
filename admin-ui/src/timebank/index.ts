import CategoryIcon from '@mui/icons-material/Category';
import CelebrationIcon from '@mui/icons-material/Celebration';
import HandshakeIcon from '@mui/icons-material/Handshake';
import RedeemIcon from '@mui/icons-material/Redeem';
import StorefrontIcon from '@mui/icons-material/Storefront';
import CampaignIcon from '@mui/icons-material/Campaign';
import GavelIcon from '@mui/icons-material/Gavel';
import SavingsIcon from '@mui/icons-material/Savings';
import type { ComponentType } from 'react';
import { localisedName } from '../LocalisedName';
import { screen } from '../screen';
import { mayJoinMembers, mayPostRequest, mayPublishPolicy, mayReadBalance } from './access';

const members = () => import('./MemberList');
const memberShow = () => import('./MemberShow');
const memberCreate = () => import('./MemberCreate');
const requests = () => import('./RequestList');
const requestShow = () => import('./RequestShow');
const requestCreate = () => import('./RequestCreate');
const services = () => import('./ServiceList');
const serviceShow = () => import('./ServiceShow');
const activities = () => import('./ActivityList');
const activityShow = () => import('./ActivityShow');
const catalogue = () => import('./CatalogueItems');
const redemptions = () => import('./Redemptions');
const categories = () => import('./Categories');

export interface TimeBankScreen {
  name: string;
  icon: ComponentType;
  list: ComponentType;
  show: ComponentType;
  edit?: ComponentType;
  create?: ComponentType;
  /** Who is offered the create screen, when it is a REST action rather than a GraphQL mutation. */
  mayCreate?: () => boolean;
  recordRepresentation?: string | ((record: Record<string, unknown>) => string);
  usable?: () => boolean;
}

/**
 * The time bank's console resources (menu group 时间银行). Minutes-moving records are read over
 * GraphQL and changed through the plugin's REST actions; members and requests are created by
 * those actions too (mayCreate), categories, activities and the catalogue as ordinary records.
 */
const SCREENS: TimeBankScreen[] = [
  {
    name: 'time-bank-members',
    icon: SavingsIcon,
    list: screen(members, 'MemberList'),
    show: screen(memberShow, 'MemberShow'),
    create: screen(memberCreate, 'MemberCreate'),
    mayCreate: mayJoinMembers,
    recordRepresentation: 'name',
  },
  {
    name: 'time-bank-requests',
    icon: CampaignIcon,
    list: screen(requests, 'RequestList'),
    show: screen(requestShow, 'RequestShow'),
    create: screen(requestCreate, 'RequestCreate'),
    mayCreate: mayPostRequest,
    recordRepresentation: 'title',
  },
  {
    name: 'time-bank-services',
    icon: HandshakeIcon,
    list: screen(services, 'ServiceList'),
    show: screen(serviceShow, 'ServiceShow'),
    recordRepresentation: 'number',
  },
  {
    name: 'time-bank-activities',
    icon: CelebrationIcon,
    list: screen(activities, 'ActivityList'),
    show: screen(activityShow, 'ActivityShow'),
    edit: screen(activities, 'ActivityEdit'),
    create: screen(activities, 'ActivityCreate'),
    recordRepresentation: 'title',
  },
  {
    name: 'time-bank-catalogue-items',
    icon: StorefrontIcon,
    list: screen(catalogue, 'CatalogueList'),
    show: screen(catalogue, 'CatalogueShow'),
    edit: screen(catalogue, 'CatalogueEdit'),
    create: screen(catalogue, 'CatalogueCreate'),
    recordRepresentation: localisedName('nameZh', 'nameEn'),
  },
  {
    name: 'time-bank-redemptions',
    icon: RedeemIcon,
    list: screen(redemptions, 'RedemptionList'),
    show: screen(redemptions, 'RedemptionShow'),
    recordRepresentation: 'number',
  },
  {
    name: 'time-bank-categories',
    icon: CategoryIcon,
    list: screen(categories, 'CategoryList'),
    show: screen(categories, 'CategoryShow'),
    edit: screen(categories, 'CategoryEdit'),
    create: screen(categories, 'CategoryCreate'),
    recordRepresentation: localisedName('nameZh', 'nameEn'),
  },
];

/**
 * Shown to the staff who run the exchange (those who read members' balances): an incubator or a
 * reviewer may read the categories, but has no time-bank work in the console.
 */
export const TIME_BANK_SCREENS: TimeBankScreen[] = SCREENS.map((s) => ({
  ...s,
  usable: mayReadBalance,
}));

/** Pages of the group that are not resources. */
export const TIME_BANK_PAGES = [
  {
    to: '/time-bank-policy',
    label: 'linli.tb.policy.menu',
    icon: GavelIcon,
    usable: mayPublishPolicy,
    element: screen(() => import('./PolicyPage'), 'PolicyPage'),
  },
];
