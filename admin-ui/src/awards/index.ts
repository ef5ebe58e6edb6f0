import WorkspacePremiumIcon from '@mui/icons-material/WorkspacePremium';
import { screen } from '../screen';

export default {
  list: screen(() => import('./AwardList'), 'AwardList'),
  show: screen(() => import('./AwardShow'), 'AwardShow'),
  icon: WorkspacePremiumIcon,
  recordRepresentation: 'projectTitle',
};
