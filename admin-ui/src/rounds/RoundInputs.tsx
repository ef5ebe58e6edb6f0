import {
  ArrayInput,
  AutocompleteInput,
  DateInput,
  NumberInput,
  ReferenceInput,
  SimpleFormIterator,
  TextInput,
  required,
  useRecordContext,
} from 'react-admin';
import type { Round } from '../grants/types';
import { MoneyInput } from '../money';

export function RoundInputs() {
  const record = useRecordContext<Round>();
  const opened = !!record && record.status !== 'draft';
  return (
    <>
      <TextInput source="title" validate={required()} fullWidth />
      <TextInput source="titleEn" fullWidth />
      <TextInput source="description" multiline fullWidth />
      <ReferenceInput
        source="fund.documentId"
        reference="grants-funds"
        filter={{ status: 'active' }}
      >
        <AutocompleteInput
          optionText="name"
          validate={required()}
          label="resources.grants-rounds.fields.fund"
          disabled={opened}
        />
      </ReferenceInput>
      <MoneyInput source="budget" />
      <MoneyInput source="cap" />
      <DateInput source="opensOn" validate={required()} />
      <DateInput source="closesOn" validate={required()} />
      <ReferenceInput
        source="form.documentId"
        reference="forms-forms"
        filter={{ purpose: 'grant-application' }}
      >
        <AutocompleteInput optionText="name" label="resources.grants-rounds.fields.form" />
      </ReferenceInput>
      <ArrayInput source="rubric">
        <SimpleFormIterator inline>
          <TextInput source="key" label="linli.grants.criterion_key" helperText={false} />
          <TextInput source="label" label="linli.grants.criterion" helperText={false} />
          <TextInput source="labelEn" label="linli.grants.criterion_en" helperText={false} />
          <NumberInput
            source="weight"
            label="linli.grants.weight"
            min={1}
            max={100}
            helperText={false}
          />
          <NumberInput source="max" label="linli.grants.max" min={1} max={100} helperText={false} />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}
