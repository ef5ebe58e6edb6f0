import {
  AutocompleteInput,
  DateInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { FUND_KINDS, FUND_STATUSES, choices } from '../choices';

export const FundForm = () => (
  <SimpleForm>
    <FundInputs />
  </SimpleForm>
);

/** Inside the form: it watches the kind (useWatch needs the form around it). */
function FundInputs() {
  const kind = useWatch({ name: 'kind' });
  return (
    <>
      <TextInput source="name" validate={required()} />
      <TextInput source="nameEn" />
      <TextInput source="code" validate={required()} parse={(v: string) => v?.toUpperCase()} />
      <SelectInput source="kind" choices={choices('fundKind', FUND_KINDS)} validate={required()} />
      <TextInput source="purpose" multiline fullWidth />
      {kind === 'community' && (
        <ReferenceInput
          source="area.documentId"
          reference="cms-areas"
          filter={{ level: 'community' }}
        >
          <AutocompleteInput
            optionText="name"
            validate={required()}
            label="resources.grants-funds.fields.area"
          />
        </ReferenceInput>
      )}
      <DateInput source="openedOn" />
      <SelectInput
        source="status"
        choices={choices('fundStatus', FUND_STATUSES)}
        defaultValue="active"
      />
    </>
  );
}
