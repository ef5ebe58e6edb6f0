import {
  AutocompleteInput,
  DateTimeInput,
  NumberInput,
  ReferenceInput,
  SimpleForm,
  TextInput,
  minValue,
  required,
} from 'react-admin';
import type { ReactElement } from 'react';

/** An activity's details; its status, check-in code and crediting are the server's. */
export const ActivityForm = ({ toolbar }: { toolbar?: ReactElement }) => (
  <SimpleForm toolbar={toolbar}>
    <TextInput source="title" validate={required()} fullWidth />
    <TextInput source="description" multiline fullWidth />
    <ReferenceInput source="category.documentId" reference="time-bank-categories">
      <AutocompleteInput
        label="resources.time-bank-activities.fields.category"
        validate={required()}
      />
    </ReferenceInput>
    <ReferenceInput
      source="area.documentId"
      reference="cms-areas"
      filter={{ level: ['community', 'village'] }}
    >
      <AutocompleteInput
        optionText="name"
        label="resources.time-bank-activities.fields.area"
        validate={required()}
      />
    </ReferenceInput>
    <TextInput source="place" fullWidth />
    <DateTimeInput source="startsAt" validate={required()} />
    <DateTimeInput source="endsAt" validate={required()} />
    <NumberInput source="capacity" step={1} validate={minValue(1)} />
    <ReferenceInput
      source="pool.documentId"
      reference="time-bank-members"
      filter={{ kind: 'pool', status: 'active' }}
    >
      <AutocompleteInput
        optionText="name"
        label="resources.time-bank-activities.fields.pool"
        helperText="linli.tb.activities.pool_help"
        validate={required()}
      />
    </ReferenceInput>
  </SimpleForm>
);
