import {
  BooleanField,
  BooleanInput,
  Create,
  CreateButton,
  DataTable,
  Edit,
  List,
  NumberField,
  NumberInput,
  SimpleForm,
  TextInput,
  TopToolbar,
  regex,
  required,
} from 'react-admin';
import { can } from '../authProvider';

const TYPE = 'TimeBankCategory';

/** 服务类别: the codes requests, rates and matching use (a code, once used, should stay). */
export function CategoryList() {
  return (
    <List
      sort={{ field: 'sort', order: 'ASC' }}
      actions={<TopToolbar>{can(TYPE, 'create') && <CreateButton />}</TopToolbar>}
    >
      <DataTable bulkActionButtons={false} rowClick={can(TYPE, 'update') ? 'edit' : false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="nameZh" />
        <DataTable.Col source="nameEn" />
        <DataTable.Col source="sort">
          <NumberField source="sort" />
        </DataTable.Col>
        <DataTable.Col source="active">
          <BooleanField source="active" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

const CategoryForm = () => (
  <SimpleForm>
    <TextInput
      source="code"
      validate={[required(), regex(/^[a-z][a-z0-9_-]*$/, 'linli.tb.categories.code_rule')]}
      helperText="linli.tb.categories.code_help"
    />
    <TextInput source="nameZh" validate={required()} />
    <TextInput source="nameEn" />
    <NumberInput source="sort" step={1} />
    <BooleanInput source="active" defaultValue />
  </SimpleForm>
);

export const CategoryCreate = () => (
  <Create redirect="list">
    <CategoryForm />
  </Create>
);
export const CategoryEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <CategoryForm />
  </Edit>
);

export { CategoryShow } from './CategoryShow';
