import ApartmentIcon from '@mui/icons-material/Apartment';
import BusinessIcon from '@mui/icons-material/Business';
import EggIcon from '@mui/icons-material/Egg';
import GridOnIcon from '@mui/icons-material/GridOn';
import HistoryIcon from '@mui/icons-material/History';
import MapIcon from '@mui/icons-material/Map';
import PeopleIcon from '@mui/icons-material/People';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import { lazy } from 'react';
import { Route } from 'react-router-dom';
import {
  Admin,
  CustomRoutes,
  Layout,
  Menu,
  Resource,
  useTranslate,
  type LayoutProps,
} from 'react-admin';
import { authProvider } from './authProvider';
import { AUDITORS, READERS, WRITERS } from './choices';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';

// Each screen is its own chunk: the login page loads none of them.
const Dashboard = lazy(() => import('./Dashboard').then((m) => ({ default: m.Dashboard })));
const areas = () => import('./resources/areas');
const grids = () => import('./resources/grids');
const compounds = () => import('./resources/compounds');
const people = () => import('./resources/people');
const organisations = () => import('./resources/organisations');
const incubations = () => import('./resources/incubations');
const audit = () => import('./resources/audit');

type Loader = () => Promise<Record<string, React.ComponentType>>;
const screen = (load: Loader, name: string) =>
  lazy(() => load().then((m) => ({ default: m[name] as React.ComponentType })));

const AreaList = screen(areas, 'AreaList');
const AreaShow = screen(areas, 'AreaShow');
const GridList = screen(grids, 'GridList');
const GridShow = screen(grids, 'GridShow');
const GridEdit = screen(grids, 'GridEdit');
const GridCreate = screen(grids, 'GridCreate');
const CompoundList = screen(compounds, 'CompoundList');
const CompoundShow = screen(compounds, 'CompoundShow');
const CompoundEdit = screen(compounds, 'CompoundEdit');
const CompoundCreate = screen(compounds, 'CompoundCreate');
const PersonList = screen(people, 'PersonList');
const PersonShow = screen(people, 'PersonShow');
const PersonEdit = screen(people, 'PersonEdit');
const PersonCreate = screen(people, 'PersonCreate');
const OrganisationList = screen(organisations, 'OrganisationList');
const OrganisationShow = screen(organisations, 'OrganisationShow');
const OrganisationEdit = screen(organisations, 'OrganisationEdit');
const OrganisationCreate = screen(organisations, 'OrganisationCreate');
const IncubationList = screen(incubations, 'IncubationList');
const IncubationShow = screen(incubations, 'IncubationShow');
const IncubationEdit = screen(incubations, 'IncubationEdit');
const IncubationCreate = screen(incubations, 'IncubationCreate');
const IncubationBoard = screen(incubations, 'IncubationBoard');
const AuditList = screen(audit, 'AuditList');
const AuditShow = screen(audit, 'AuditShow');

function LinliMenu() {
  const translate = useTranslate();
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItems />
      <Menu.Item
        to="/incubation-board"
        primaryText={translate('linli.board.menu')}
        leftIcon={<ViewKanbanIcon />}
      />
    </Menu>
  );
}

const LinliLayout = (props: LayoutProps) => <Layout {...props} menu={LinliMenu} />;

const may = (table: Record<string, readonly string[]>, resource: string, role: string) =>
  table[resource]?.includes(role) ?? false;

export function App() {
  return (
    <Admin
      title="linli.title"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      layout={LinliLayout}
      requireAuth
      disableTelemetry
    >
      {(role: string) => (
        <>
          <Resource
            name="cms-areas"
            icon={MapIcon}
            list={AreaList}
            show={AreaShow}
            recordRepresentation="name"
          />
          {may(READERS, 'cms-grids', role) && (
            <Resource
              name="cms-grids"
              icon={GridOnIcon}
              list={GridList}
              show={GridShow}
              edit={may(WRITERS, 'cms-grids', role) ? GridEdit : undefined}
              create={may(WRITERS, 'cms-grids', role) ? GridCreate : undefined}
              recordRepresentation="name"
            />
          )}
          {may(READERS, 'cms-compounds', role) && (
            <Resource
              name="cms-compounds"
              icon={ApartmentIcon}
              list={CompoundList}
              show={CompoundShow}
              edit={may(WRITERS, 'cms-compounds', role) ? CompoundEdit : undefined}
              create={may(WRITERS, 'cms-compounds', role) ? CompoundCreate : undefined}
              recordRepresentation="name"
            />
          )}
          {may(READERS, 'cms-people', role) && (
            <Resource
              name="cms-people"
              icon={PeopleIcon}
              list={PersonList}
              show={PersonShow}
              edit={may(WRITERS, 'cms-people', role) ? PersonEdit : undefined}
              create={may(WRITERS, 'cms-people', role) ? PersonCreate : undefined}
              recordRepresentation="name"
            />
          )}
          <Resource
            name="cms-organisations"
            icon={BusinessIcon}
            list={OrganisationList}
            show={OrganisationShow}
            edit={may(WRITERS, 'cms-organisations', role) ? OrganisationEdit : undefined}
            create={may(WRITERS, 'cms-organisations', role) ? OrganisationCreate : undefined}
            recordRepresentation="name"
          />
          {may(READERS, 'cms-incubations', role) && (
            <Resource
              name="cms-incubations"
              icon={EggIcon}
              list={IncubationList}
              show={IncubationShow}
              edit={may(WRITERS, 'cms-incubations', role) ? IncubationEdit : undefined}
              create={may(WRITERS, 'cms-incubations', role) ? IncubationCreate : undefined}
              recordRepresentation={(r: { organisation?: { name?: string } }) =>
                r.organisation?.name ?? ''
              }
            />
          )}
          {may(AUDITORS, 'cms-audit-entries', role) && (
            <Resource
              name="cms-audit-entries"
              icon={HistoryIcon}
              list={AuditList}
              show={AuditShow}
            />
          )}
          <CustomRoutes>
            <Route path="/incubation-board" element={<IncubationBoard />} />
          </CustomRoutes>
        </>
      )}
    </Admin>
  );
}
