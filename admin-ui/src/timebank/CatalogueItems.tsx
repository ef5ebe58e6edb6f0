import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  CreateButton,
  DataTable,
  Edit,
  EditButton,
  FilterButton,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  minValue,
  required,
} from 'react-admin';
import { can } from '../authProvider';
import { LocalisedName } from '../LocalisedName';
import { ITEM_KINDS, tbChoices } from './choices';
import { HoursField } from './shared';

const TYPE = 'TimeBankCatalogueItem';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={tbChoices('itemKind', ITEM_KINDS)} />,
];

export function CatalogueList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'priceMinutes', order: 'ASC' }}
      actions={
        <TopToolbar>
          <FilterButton />
          {can(TYPE, 'create') && <CreateButton />}
        </TopToolbar>
      }
    >
      <DataTable bulkActionButtons={false} rowClick="show">
        <DataTable.Col source="nameZh" label="resources.time-bank-catalogue-items.fields.name">
          <LocalisedName zh="nameZh" en="nameEn" />
        </DataTable.Col>
        <DataTable.Col source="kind">
          <SelectField source="kind" choices={tbChoices('itemKind', ITEM_KINDS)} />
        </DataTable.Col>
        <DataTable.Col source="priceMinutes">
          <HoursField source="priceMinutes" />
        </DataTable.Col>
        <DataTable.Col source="stock">
          <NumberField source="stock" />
        </DataTable.Col>
        <DataTable.Col source="area">
          <ReferenceField source="area.documentId" reference="cms-areas" link={false} />
        </DataTable.Col>
        <DataTable.Col source="active">
          <BooleanField source="active" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

/** The price is typed in hours and kept in minutes. */
const CatalogueForm = () => (
  <SimpleForm>
    <TextInput source="nameZh" validate={required()} />
    <TextInput source="nameEn" />
    <SelectInput source="kind" choices={tbChoices('itemKind', ITEM_KINDS)} validate={required()} />
    <TextInput source="description" multiline fullWidth />
    <NumberInput
      source="priceMinutes"
      label="linli.tb.catalogue.price_hours"
      step={0.5}
      format={(v?: number | null) => (v == null ? '' : v / 60)}
      parse={(v: string) => (v === '' || v == null ? null : Math.round(Number(v) * 60))}
      validate={[required(), minValue(1)]}
    />
    <NumberInput source="stock" step={1} validate={minValue(0)} />
    <ReferenceInput
      source="area.documentId"
      reference="cms-areas"
      filter={{ level: ['district', 'subdistrict', 'town', 'community', 'village'] }}
    >
      <AutocompleteInput
        optionText="name"
        label="resources.time-bank-catalogue-items.fields.area"
      />
    </ReferenceInput>
    <BooleanInput source="active" defaultValue />
  </SimpleForm>
);

export const CatalogueCreate = () => (
  <Create redirect="show">
    <CatalogueForm />
  </Create>
);
export const CatalogueEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <CatalogueForm />
  </Edit>
);
export const CatalogueShow = () => (
  <Show actions={<TopToolbar>{can(TYPE, 'update') && <EditButton />}</TopToolbar>}>
    <SimpleShowLayout>
      <TextField source="nameZh" />
      <TextField source="nameEn" />
      <SelectField source="kind" choices={tbChoices('itemKind', ITEM_KINDS)} />
      <TextField source="description" />
      <HoursField source="priceMinutes" />
      <NumberField source="stock" />
      <ReferenceField source="area.documentId" reference="cms-areas" link={false} />
      <BooleanField source="active" />
    </SimpleShowLayout>
  </Show>
);
