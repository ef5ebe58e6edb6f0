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
  useTranslate,
} from 'react-admin';
import { Alert } from '@mui/material';
import type { ReactElement } from 'react';
import { useWatch } from 'react-hook-form';
import { DONATION_CHANNELS, DONOR_KINDS, choices } from '../choices';
import type { Donation } from '../grants/types';
import { MoneyInput } from '../money';
import { maskPhone } from '../../../cms/server/src/domain/mask';
import { todayInChina } from '../../../cms/server/src/domain/china-time';

export const DonationForm = ({ toolbar }: { toolbar?: ReactElement }) => (
  <SimpleForm toolbar={toolbar}>
    <DonationInputs />
  </SimpleForm>
);

/** A person in the donor picker with `community` and `phone` as the people query reads them. */
interface DonorPerson {
  name: string;
  phone?: string | null;
  community?: { name?: string } | null;
}

/**
 * Two residents may share a name (two 丁兰): the picker tells them apart by community and phone —
 * masked with the kit's own rule, whatever the viewer's scope, since a picker is no place to
 * read a number.
 */
const donorText = (p: DonorPerson | undefined) =>
  p
    ? [p.name, p.community?.name, p.phone ? maskPhone(p.phone) : null].filter(Boolean).join(' · ')
    : '';

/** Inside the form: the donor and channel decide which inputs follow. */
function DonationInputs() {
  const donorKind = useWatch({ name: 'donorKind' });
  const channel = useWatch({ name: 'channel' });
  const record = useRecordContext<Donation>();
  const translate = useTranslate();
  const fixed = !!record && record.status !== 'pledged';
  const closed = record?.status === 'refunded';
  return (
    <>
      {fixed && !closed && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="donation-fixed">
          {translate('linli.money.received_fixed')}
        </Alert>
      )}
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
            optionText={donorText}
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
      {donorKind !== 'anonymous' && <BooleanInput source="namedConsent" disabled={closed} />}
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
      {/* A donation is most often recorded the day it comes: today, in China. */}
      <DateInput
        source="donatedOn"
        validate={required()}
        disabled={fixed}
        defaultValue={todayInChina()}
      />
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
      <TextInput source="note" multiline fullWidth disabled={closed} />
    </>
  );
}
