import DescriptionIcon from '@mui/icons-material/Description';
import { screen } from '../screen';

export default {
  list: screen(() => import('./ReportList'), 'ReportList'),
  show: screen(() => import('./ReportShow'), 'ReportShow'),
  icon: DescriptionIcon,
};
