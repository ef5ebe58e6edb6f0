import CampaignIcon from '@mui/icons-material/Campaign';
import { screen } from '../screen';
import { localisedName } from '../LocalisedName';

export default {
  list: screen(() => import('./RoundList'), 'RoundList'),
  show: screen(() => import('./RoundShow'), 'RoundShow'),
  edit: screen(() => import('./RoundEdit'), 'RoundEdit'),
  create: screen(() => import('./RoundCreate'), 'RoundCreate'),
  icon: CampaignIcon,
  recordRepresentation: localisedName('title', 'titleEn'),
};
