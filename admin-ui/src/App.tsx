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
import { Divider, ListSubheader, ThemeProvider, type Theme } from '@mui/material';
import { Fragment, Suspense, lazy } from 'react';
import { Route } from 'react-router-dom';
import {
  Admin,
  AppBar,
  CustomRoutes,
  Layout,
  LoadingIndicator,
  LocalesMenuButton,
  Menu,
  Resource,
  useLocaleState,
  useLogin,
  usePermissions,
  useSidebarState,
  useTranslate,
  type LayoutProps,
} from 'react-admin';
import { authProvider, can } from './authProvider';
import { LoginForm } from './login/LoginForm';
import { dataProvider } from './dataProvider';
import { DATE_FIELD_DEFAULTS } from './dates';
import { RESOURCES } from './dataProvider/resources';
import { i18nProvider } from './i18n';
import { screen } from './screen';
import { AppTitle, NotFound } from './NotFound';
import { localisedName } from './LocalisedName';
import applications from './applications';
import awards from './awards';
import disbursements from './disbursements';
import donations from './donations';
import funds from './funds';
import reports from './reports';
import rounds from './rounds';
import { TIME_BANK_PAGES, TIME_BANK_SCREENS } from './timebank';
import { CASES_PAGES, CASES_ROUTES } from './cases';
import { PROPERTIES_PAGE } from './properties';
// --- consultation index (协商指数, 协商成效) ---
import { CONSULTATION_INDEX_PAGES } from './consultation/index/index';
// --- end consultation index ---
import { CONSULTATION_PAGES, CONSULTATION_ROUTES } from './consultation';

// Each screen is its own chunk: the login page loads none of them.
const Dashboard = lazy(() =>
  import('./dashboard/Dashboard').then((m) => ({ default: m.Dashboard })),
);
const InboxBell = lazy(() => import('./cases/Inbox').then((m) => ({ default: m.InboxBell })));
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

/** The menu's groups, in order (linli.roles.menu.<group>). */
const GROUPS = [
  'grassroots',
  'cases',
  'consultation',
  'organisations',
  'foundation',
  'timebank',
  'forms',
  'system',
] as const;
type Group = (typeof GROUPS)[number];

interface ResourceScreens {
  name: string;
  group: Group;
  icon: React.ComponentType;
  list: Screen;
  show: Screen;
  edit?: Screen;
  create?: Screen;
  recordRepresentation?:
    | string
    | ((record: { organisation?: { name?: string }; [field: string]: unknown }) => string);
  /** Who is offered create, when that is a REST action rather than the type's `create`. */
  mayCreate?: () => boolean;
  /** Who sees it at all, beyond reading its type (the time bank's screens are staff work). */
  usable?: () => boolean;
}

/**
 * The console's resources. Who may open and write each is not kept here: it is the role's own
 * permissions on the resource's GraphQL type, as GET /api/cms/me reports them (`find` to list,
 * `create` / `update` to be offered those screens), so the menu and the server cannot disagree.
 */
const SCREENS: ResourceScreens[] = [
  {
    name: 'cms-areas',
    group: 'grassroots',
    icon: MapIcon,
    list: AreaList,
    show: AreaShow,
    recordRepresentation: 'name',
  },
  {
    name: 'cms-grids',
    group: 'grassroots',
    icon: GridOnIcon,
    list: GridList,
    show: GridShow,
    edit: GridEdit,
    create: GridCreate,
    recordRepresentation: 'name',
  },
  {
    name: 'cms-compounds',
    group: 'grassroots',
    icon: ApartmentIcon,
    list: CompoundList,
    show: CompoundShow,
    edit: CompoundEdit,
    create: CompoundCreate,
    recordRepresentation: 'name',
  },
  {
    name: 'cms-people',
    group: 'grassroots',
    icon: PeopleIcon,
    list: PersonList,
    show: PersonShow,
    edit: PersonEdit,
    create: PersonCreate,
    recordRepresentation: 'name',
  },
  {
    name: 'cms-organisations',
    group: 'organisations',
    icon: BusinessIcon,
    list: OrganisationList,
    show: OrganisationShow,
    edit: OrganisationEdit,
    create: OrganisationCreate,
    recordRepresentation: 'name',
  },
  {
    name: 'cms-incubations',
    group: 'organisations',
    icon: EggIcon,
    list: IncubationList,
    show: IncubationShow,
    edit: IncubationEdit,
    create: IncubationCreate,
    recordRepresentation: (r) => r.organisation?.name ?? '',
  },
  {
    name: 'forms-forms',
    group: 'forms',
    icon: DynamicFormIcon,
    list: FormList,
    show: FormShow,
    edit: FormEdit,
    create: FormCreate,
    recordRepresentation: localisedName('name', 'nameEn'),
  },
  {
    name: 'forms-submissions',
    group: 'forms',
    icon: InboxIcon,
    list: SubmissionList,
    show: SubmissionShow,
    edit: SubmissionEdit,
    recordRepresentation: 'receiptCode',
  },
  { name: 'grants-funds', group: 'foundation', ...funds },
  { name: 'grants-donations', group: 'foundation', ...donations },
  { name: 'grants-rounds', group: 'foundation', ...rounds },
  { name: 'grants-applications', group: 'foundation', ...applications },
  { name: 'grants-awards', group: 'foundation', ...awards },
  { name: 'grants-disbursements', group: 'foundation', ...disbursements },
  { name: 'grants-reports', group: 'foundation', ...reports },
  ...TIME_BANK_SCREENS.map((r) => ({ ...r, group: 'timebank' as const })),
  {
    name: 'cms-audit-entries',
    group: 'system',
    icon: HistoryIcon,
    list: AuditList,
    show: AuditShow,
  },
];

const typeOf = (resource: string) => RESOURCES[resource]?.type ?? '';
const readable = (resource: string) => can(typeOf(resource), 'find');
const shown = (r: ResourceScreens) => (r.usable?.() ?? true) && readable(r.name);

/** Menu entries that are pages rather than resources, each shown to the roles that can use it. */
const PAGES: {
  to: string;
  group: Group;
  label: string;
  icon: React.ComponentType;
  /** Placed before the group's resources. */
  first?: boolean;
  usable: () => boolean;
}[] = [
  {
    to: '/my-reviews',
    group: 'foundation',
    label: 'linli.grants.my_reviews',
    icon: RateReviewIcon,
    first: true,
    usable: () => can('plugin::grants.grant-actions', 'myReviews'),
  },
  {
    to: '/incubation-board',
    group: 'organisations',
    label: 'linli.board.menu',
    icon: ViewKanbanIcon,
    usable: () => readable('cms-incubations'),
  },
  {
    to: PROPERTIES_PAGE.to,
    group: 'grassroots',
    label: PROPERTIES_PAGE.label,
    icon: PROPERTIES_PAGE.icon,
    usable: PROPERTIES_PAGE.usable,
  },
  ...TIME_BANK_PAGES.map(({ to, label, icon, usable }) => ({
    to,
    label,
    icon,
    usable,
    group: 'timebank' as const,
  })),
  ...CASES_PAGES.map(({ path, label, icon, usable, inMenu }) => ({
    to: path,
    label,
    icon,
    usable: () => usable() && (inMenu?.() ?? true),
    group: 'cases' as const,
  })),
  ...CONSULTATION_PAGES.map(({ path, label, icon, usable }) => ({
    to: path,
    label,
    icon,
    usable,
    group: 'consultation' as const,
  })),
  // The consultation index and its results report (协商指数, 协商成效), in the same group.
  ...CONSULTATION_INDEX_PAGES.map(({ path, label, icon, usable }) => ({
    to: path,
    label,
    icon,
    usable,
    group: 'consultation' as const,
  })),
];

/** The menu in groups (基层治理, 社会组织, 基金会, 表单, 系统), each holding only what the role may use. */
function LinliMenu() {
  const translate = useTranslate();
  // Re-rendered when the role changes (a new sign-in), which is when `can` changes.
  usePermissions<string>();
  const [open] = useSidebarState();
  return (
    <Menu>
      <Menu.DashboardItem />
      {GROUPS.map((group) => {
        const pages = PAGES.filter((p) => p.group === group && p.usable());
        const items = [
          ...pages
            .filter((p) => p.first)
            .map((p) => (
              <Menu.Item
                key={p.to}
                to={p.to}
                primaryText={translate(p.label)}
                leftIcon={<p.icon />}
              />
            )),
          ...SCREENS.filter((r) => r.group === group && shown(r)).map((r) => (
            <Menu.ResourceItem key={r.name} name={r.name} />
          )),
          ...pages
            .filter((p) => !p.first)
            .map((p) => (
              <Menu.Item
                key={p.to}
                to={p.to}
                primaryText={translate(p.label)}
                leftIcon={<p.icon />}
              />
            )),
        ];
        if (items.length === 0) return null;
        return (
          <Fragment key={group}>
            {open ? (
              <ListSubheader
                disableSticky
                sx={{ lineHeight: '32px', mt: 1, bgcolor: 'transparent' }}
                data-menu-group={group}
              >
                {translate(`linli.roles.menu.${group}`)}
              </ListSubheader>
            ) : (
              <Divider sx={{ my: 0.5 }} />
            )}
            {items}
          </Fragment>
        );
      })}
    </Menu>
  );
}

/**
 * Every DateField in one format (dates.ts), through the theme's default props (react-admin
 * reads RaDateField's), so no screen passes `locales` itself; a field's own props still win.
 */
const withDates = (outer: Theme): Theme => ({
  ...outer,
  components: {
    ...outer.components,
    RaDateField: { defaultProps: DATE_FIELD_DEFAULTS },
    // MUI's own "No options" is English whatever the language; a key react-admin translates.
    RaAutocompleteInput: { defaultProps: { noOptionsText: 'linli.no_options' } },
  } as Theme['components'],
});

/** react-admin's top bar with the cases inbox's bell before the language menu. */
function LinliAppBar() {
  return (
    <AppBar
      toolbar={
        <>
          <Suspense fallback={null}>
            <InboxBell />
          </Suspense>
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    />
  );
}

function LinliLayout(props: LayoutProps) {
  return (
    <ThemeProvider theme={withDates}>
      <Layout
        {...props}
        menu={LinliMenu}
        appBar={LinliAppBar}
        // react-admin hides the menu's scrollbar: with every group shown (foundation staff) the
        // menu is taller than a laptop screen, and a hidden scrollbar hides that there is more.
        sx={{
          '& .RaSidebar-fixed': {
            scrollbarWidth: 'thin',
            '&::-webkit-scrollbar': { display: 'block', width: 6 },
          },
        }}
      />
    </ThemeProvider>
  );
}

/**
 * react-admin's login page (after a sign-out or an expired session): the login page's own form,
 * signing in through react-admin so that it returns to the page that asked.
 */
function ConsoleLogin() {
  const login = useLogin();
  const [locale, setLocale] = useLocaleState();
  return (
    <LoginForm
      onSignIn={(username, password) => login({ username, password })}
      lang={locale === 'en' ? 'en' : 'zh'}
      onLang={(l) => setLocale(l === 'en' ? 'en' : 'zh-CN')}
    />
  );
}

export function App() {
  return (
    <Admin
      title={<AppTitle />}
      catchAll={NotFound}
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      layout={LinliLayout}
      loginPage={ConsoleLogin}
      requireAuth
      disableTelemetry
    >
      {/* Called again when the role changes; `can` reads the signed-in role's permissions. */}
      {() => (
        <>
          {SCREENS.filter(shown).map((r) => (
            <Resource
              key={r.name}
              name={r.name}
              icon={r.icon}
              list={r.list}
              show={r.show}
              edit={can(typeOf(r.name), 'update') ? r.edit : undefined}
              create={
                (r.mayCreate ? r.mayCreate() : can(typeOf(r.name), 'create')) ? r.create : undefined
              }
              recordRepresentation={r.recordRepresentation}
            />
          ))}
          <CustomRoutes>
            <Route path="/incubation-board" element={<IncubationBoard />} />
            <Route path="/my-reviews" element={<MyReviews />} />
            {PROPERTIES_PAGE.usable() && (
              <Route path={PROPERTIES_PAGE.to} element={<PROPERTIES_PAGE.element />} />
            )}
            {TIME_BANK_PAGES.filter((p) => p.usable()).map((p) => (
              <Route key={p.to} path={p.to} element={<p.element />} />
            ))}
            {[...CASES_ROUTES, ...CASES_PAGES]
              .filter((p) => p.usable())
              .map((p) => (
                <Route key={p.path} path={p.path} element={<p.element />} />
              ))}
            {[...CONSULTATION_ROUTES, ...CONSULTATION_PAGES]
              .filter((p) => p.usable())
              .map((p) => (
                <Route key={p.path} path={p.path} element={<p.element />} />
              ))}
            {/* --- consultation index (协商指数, 协商成效) --- */}
            {CONSULTATION_INDEX_PAGES.filter((p) => p.usable()).map((p) => (
              <Route key={p.path} path={p.path} element={<p.element />} />
            ))}
            {/* --- end consultation index --- */}
          </CustomRoutes>
        </>
      )}
    </Admin>
  );
}
