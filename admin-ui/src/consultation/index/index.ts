import AssessmentIcon from '@mui/icons-material/Assessment';
import InsightsIcon from '@mui/icons-material/Insights';
import TuneIcon from '@mui/icons-material/Tune';
import type { ComponentType } from 'react';
import { screen } from '../../screen';
import { mayReadIndex, mayReadSolved } from './api';

const indexPage = () => import('./IndexPage');
const indicators = () => import('./IndicatorsPage');
const reports = () => import('./ReportsPage');

export interface ConsultationIndexPage {
  path: string;
  /** translation key of the menu entry */
  label: string;
  icon: ComponentType;
  usable: () => boolean;
  element: ComponentType;
}

/**
 * The consultation index and results pages (menu group 基层治理), each shown to the roles whose
 * permissions hold its REST action; the server still scopes every answer to the viewer's area.
 */
export const CONSULTATION_INDEX_PAGES: ConsultationIndexPage[] = [
  {
    path: '/consultation-index',
    label: 'linli.cindex.menu.index',
    icon: InsightsIcon,
    usable: mayReadIndex,
    element: screen(indexPage, 'IndexPage'),
  },
  {
    path: '/consultation-index/indicators',
    label: 'linli.cindex.menu.indicators',
    icon: TuneIcon,
    usable: mayReadIndex,
    element: screen(indicators, 'IndicatorsPage'),
  },
  {
    path: '/consultation-results',
    label: 'linli.cindex.menu.reports',
    icon: AssessmentIcon,
    usable: mayReadSolved,
    element: screen(reports, 'ReportsPage'),
  },
];
