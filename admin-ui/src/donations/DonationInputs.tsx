import {
  AutocompleteInput,
  BooleanInput,
  DateInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  useRecordContext,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { DONATION_CHANNELS, DONOR_KINDS, choices } from '../choices';
import type { Donation } from '../grants/types';
import { MoneyInput } from '../money';

export const DonationForm = () => (
  <SimpleForm>
    <DonationInputs />
  </SimpleForm>
);

/** Inside the form: the donor and channel decide which inputs follow. */
function DonationInputs() {
  const donorKind = useWatch({ name: 'donorKind' });
  const channel = useWatch({ name: 'channel' });
  const record = useRecordContext<Donation>();
  const fixed = !!record && record.status !== 'pledged';
  return (
    <>
      <SelectInput
        source="donorKind"
        choices={choices('donorKind', DONOR_KINDS)}
        validate={required()}
        defaultValue="person"
        disabled={fixed}
      />
      {donorKind === 'person' && (
        <ReferenceInput source="donorPerson.documentId" reference="cms-people">
          <AutocompleteInput
            optionText="name"
            validate={required()}
            label="resources.grants-donations.fields.donorPerson"
            disabled={fixed}
          />
        </ReferenceInput>
      )}
      {donorKind === 'organisation' && (
        <ReferenceInput source="donorOrganisation.documentId" reference="cms-organisations">
          <AutocompleteInput
            optionText="name"
            validate={required()}
            label="resources.grants-donations.fields.donorOrganisation"
            disabled={fixed}
          />
        </ReferenceInput>
      )}
      {donorKind !== 'anonymous' && <BooleanInput source="namedConsent" />}
      <MoneyInput source="amount" disabled={fixed} />
      <SelectInput
        source="channel"
        choices={choices('donationChannel', DONATION_CHANNELS)}
        validate={required()}
        disabled={fixed}
      />
      {channel === 'in_kind' && (
        <TextInput
          source="inKindDescription"
          multiline
          fullWidth
          validate={required()}
          disabled={fixed}
        />
      )}
      <DateInput source="donatedOn" validate={required()} disabled={fixed} />
      <ReferenceInput
        source="fund.documentId"
        reference="grants-funds"
        filter={{ status: 'active' }}
      >
        <AutocompleteInput
          optionText="name"
          validate={required()}
          label="resources.grants-donations.fields.fund"
          disabled={fixed}
        />
      </ReferenceInput>
      <BooleanInput source="restricted" disabled={fixed} />
      <TextInput source="note" multiline fullWidth />
    </>
  );
}
