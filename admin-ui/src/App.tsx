import ApartmentIcon from '@mui/icons-material/Apartment';
import BusinessIcon from '@mui/icons-material/Business';
import DynamicFormIcon from '@mui/icons-material/DynamicForm';
import InboxIcon from '@mui/icons-material/Inbox';
import RateReviewIcon from '@mui/icons-material/RateReview';
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
  usePermissions,
  useTranslate,
  type LayoutProps,
} from 'react-admin';
import { authProvider } from './authProvider';
import { AUDITORS, READERS, WRITERS } from './choices';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { screen } from './screen';
import applications from './applications';
import awards from './awards';
import disbursements from './disbursements';
import donations from './donations';
import funds from './funds';
import reports from './reports';
import rounds from './rounds';

// Each screen is its own chunk: the login page loads none of them.
const Dashboard = lazy(() =>
  import('./dashboard/Dashboard').then((m) => ({ default: m.Dashboard })),
);
const areas = () => import('./resources/areas');
const grids = () => import('./resources/grids');
const compounds = () => import('./resources/compounds');
const people = () => import('./resources/people');
const organisations = () => import('./resources/organisations');
const incubations = () => import('./incubations');
const audit = () => import('./audit');
const forms = () => import('./resources/forms');
const submissions = () => import('./resources/submissions');

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
const FormList = screen(forms, 'FormList');
const FormShow = screen(forms, 'FormShow');
const FormEdit = screen(forms, 'FormEdit');
const FormCreate = screen(forms, 'FormCreate');
const SubmissionList = screen(submissions, 'SubmissionList');
const SubmissionShow = screen(submissions, 'SubmissionShow');
const SubmissionEdit = screen(submissions, 'SubmissionEdit');
const MyReviews = screen(() => import('./reviews/MyReviews'), 'MyReviews');
const AuditList = screen(audit, 'AuditList');
const AuditShow = screen(audit, 'AuditShow');

type Screen = React.ComponentType;
interface ResourceScreens {
  name: string;
  icon: React.ComponentType;
  list: Screen;
  show: Screen;
  edit?: Screen;
  create?: Screen;
  /** Roles that may open it; absent: every role (what is public). */
  readers?: readonly string[];
  /** Roles offered edit and create. */
  writers?: readonly string[];
  recordRepresentation?: string | ((record: { organisation?: { name?: string } }) => string);
}

/** The console's resources, who may read them and who may write (the server decides too). */
const SCREENS: ResourceScreens[] = (
  [
    {
      name: 'cms-areas',
      icon: MapIcon,
      list: AreaList,
      show: AreaShow,
      recordRepresentation: 'name',
    },
    {
      name: 'cms-grids',
      icon: GridOnIcon,
      list: GridList,
      show: GridShow,
      edit: GridEdit,
      create: GridCreate,
      recordRepresentation: 'name',
    },
    {
      name: 'cms-compounds',
      icon: ApartmentIcon,
      list: CompoundList,
      show: CompoundShow,
      edit: CompoundEdit,
      create: CompoundCreate,
      recordRepresentation: 'name',
    },
    {
      name: 'cms-people',
      icon: PeopleIcon,
      list: PersonList,
      show: PersonShow,
      edit: PersonEdit,
      create: PersonCreate,
      recordRepresentation: 'name',
    },
    {
      name: 'cms-organisations',
      icon: BusinessIcon,
      list: OrganisationList,
      show: OrganisationShow,
      edit: OrganisationEdit,
      create: OrganisationCreate,
      recordRepresentation: 'name',
    },
    {
      name: 'cms-incubations',
      icon: EggIcon,
      list: IncubationList,
      show: IncubationShow,
      edit: IncubationEdit,
      create: IncubationCreate,
      recordRepresentation: (r) => r.organisation?.name ?? '',
    },
    {
      name: 'forms-forms',
      icon: DynamicFormIcon,
      list: FormList,
      show: FormShow,
      edit: FormEdit,
      create: FormCreate,
      recordRepresentation: 'name',
    },
    {
      name: 'forms-submissions',
      icon: InboxIcon,
      list: SubmissionList,
      show: SubmissionShow,
      edit: SubmissionEdit,
      recordRepresentation: 'receiptCode',
    },
    { name: 'grants-funds', ...funds },
    { name: 'grants-donations', ...donations },
    { name: 'grants-rounds', ...rounds },
    { name: 'grants-applications', ...applications },
    { name: 'grants-awards', ...awards },
    { name: 'grants-disbursements', ...disbursements },
    { name: 'grants-reports', ...reports },
    { name: 'cms-audit-entries', icon: HistoryIcon, list: AuditList, show: AuditShow },
  ] as ResourceScreens[]
).map((r) => ({
  ...r,
  readers: READERS[r.name] ?? AUDITORS[r.name],
  writers: WRITERS[r.name],
}));

/** Who has a reviewer's desk (mirrors the grants plugin's permissions). */
const REVIEWING_ROLES = ['reviewer', 'foundation-staff'];

function LinliMenu() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  return (
    <Menu>
      <Menu.DashboardItem />
      {REVIEWING_ROLES.includes(permissions as string) && (
        <Menu.Item
          to="/my-reviews"
          primaryText={translate('linli.grants.my_reviews')}
          leftIcon={<RateReviewIcon />}
        />
      )}
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
          {SCREENS.filter((r) => !r.readers || r.readers.includes(role)).map((r) => {
            const writes = r.writers?.includes(role) ?? false;
            return (
              <Resource
                key={r.name}
                name={r.name}
                icon={r.icon}
                list={r.list}
                show={r.show}
                edit={writes ? r.edit : undefined}
                create={writes ? r.create : undefined}
                recordRepresentation={r.recordRepresentation}
              />
            );
          })}
          <CustomRoutes>
            <Route path="/incubation-board" element={<IncubationBoard />} />
            <Route path="/my-reviews" element={<MyReviews />} />
          </CustomRoutes>
        </>
      )}
    </Admin>
  );
}
