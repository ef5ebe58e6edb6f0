import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism';
import { screen } from '../screen';

export default {
  list: screen(() => import('./DonationList'), 'DonationList'),
  show: screen(() => import('./DonationShow'), 'DonationShow'),
  edit: screen(() => import('./DonationEdit'), 'DonationEdit'),
  create: screen(() => import('./DonationCreate'), 'DonationCreate'),
  icon: VolunteerActivismIcon,
  recordRepresentation: 'receiptNo',
};
