import SavingsIcon from '@mui/icons-material/Savings';
import { screen } from '../screen';
import { localisedName } from '../LocalisedName';

export default {
  list: screen(() => import('./FundList'), 'FundList'),
  show: screen(() => import('./FundShow'), 'FundShow'),
  edit: screen(() => import('./FundEdit'), 'FundEdit'),
  create: screen(() => import('./FundCreate'), 'FundCreate'),
  icon: SavingsIcon,
  recordRepresentation: localisedName('name', 'nameEn'),
};
