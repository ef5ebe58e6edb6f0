import HomeWorkIcon from '@mui/icons-material/HomeWork';
import { can } from '../authProvider';
import { screen } from '../screen';

/** 房屋与住户 (menu group 基层治理), for the roles that hold the room list's action. */
export const PROPERTIES_PAGE = {
  to: '/properties',
  label: 'linli.properties.menu',
  icon: HomeWorkIcon,
  usable: () => can('plugin::cms.properties', 'list'),
  element: screen(() => import('./PropertiesPage'), 'PropertiesPage'),
};
