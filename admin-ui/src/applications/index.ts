import AssignmentIcon from '@mui/icons-material/Assignment';
import { screen } from '../screen';

export default {
  list: screen(() => import('./ApplicationList'), 'ApplicationList'),
  show: screen(() => import('./ApplicationShow'), 'ApplicationShow'),
  icon: AssignmentIcon,
  recordRepresentation: 'projectTitle',
};
