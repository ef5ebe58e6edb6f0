import PaymentsIcon from '@mui/icons-material/Payments';
import { screen } from '../screen';

export default {
  list: screen(() => import('./DisbursementList'), 'DisbursementList'),
  show: screen(() => import('./DisbursementShow'), 'DisbursementShow'),
  icon: PaymentsIcon,
  recordRepresentation: 'label',
};
