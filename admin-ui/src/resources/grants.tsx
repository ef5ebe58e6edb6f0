import PrintIcon from '@mui/icons-material/Print';
import ReplayIcon from '@mui/icons-material/Replay';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import {
  Box,
  Button,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Create,
  CreateButton,
  DataTable,
  DateField,
  DateInput,
  Edit,
  ExportButton,
  FilterButton,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import {
  DONATION_CHANNELS,
  DONATION_STATUSES,
  DONOR_KINDS,
  FUND_KINDS,
  FUND_STATUSES,
  WRITERS,
  choices,
} from '../choices';
import { getToken } from '../authProvider';
import { MoneyInput, yuan } from '../money';
import { NoteButton, postAction } from '../actions';
import { download, restJson, useRest } from '../rest';
import { chinaYear, todayInChina } from '../../../cms/server/src/domain/china-time';

/* eslint-disable @typescript-eslint/no-explicit-any -- records from the data provider */

export function FundList() {
  return (
    <List
      sort={{ field: 'code', order: 'ASC' }}
      filters={[
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput key="kind" source="kind" choices={choices('fundKind', FUND_KINDS)} />,
      ]}
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="kind">
          <SelectField source="kind" choices={choices('fundKind', FUND_KINDS)} />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('fundStatus', FUND_STATUSES)} />
        </DataTable.Col>
        <DataTable.Col source="openedOn">
          <DateField source="openedOn" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

/** The fund's money, read from the ledger. */
function Balances() {
  const record = useRecordContext<any>();
  const translate = useTranslate();
  const b = useRest<Record<string, number>>(
    record?.id ? `/api/grants/funds/${record.id}/balance` : null,
  );
  if (!b) return null;
  return (
    <Box data-testid="fund-balances">
      <Typography variant="subtitle1">{translate('linli.money.balances')}</Typography>
      <Stack direction="row" spacing={4}>
        {(['available', 'reserved', 'committed', 'total'] as const).map((k) => (
          <Box key={k}>
            <Typography variant="body2" color="text.secondary">
              {translate(`linli.money.${k}`)}
            </Typography>
            <Typography variant="h6" data-testid={`balance-${k}`}>
              {yuan(b[k])}
            </Typography>
          </Box>
        ))}
      </Stack>
    </Box>
  );
}

/** A period's statement of the fund, read from the ledger, reconciled, printable. */
function Statement() {
  const record = useRecordContext<any>();
  const translate = useTranslate();
  const notify = useNotify();
  const today = todayInChina();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [s, setS] = useState<any>(null);
  if (!record) return null;
  const make = async () => {
    try {
      setS(
        await restJson<any>(
          `/api/grants/funds/${record.id}/statement?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        ),
      );
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  const line = (key: string, fen: number, sign = '') => (
    <TableRow key={key} data-testid={`statement-${key}`}>
      <TableCell>{translate(`linli.grants.${key}`)}</TableCell>
      <TableCell align="right">
        {sign}
        {yuan(fen)}
      </TableCell>
    </TableRow>
  );
  return (
    <Box data-testid="statement">
      <Typography variant="subtitle1">{translate('linli.grants.statement')}</Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1 }} className="no-print">
        <MuiTextField
          size="small"
          type="date"
          label={translate('linli.grants.from')}
          InputLabelProps={{ shrink: true }}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <MuiTextField
          size="small"
          type="date"
          label={translate('linli.grants.to')}
          InputLabelProps={{ shrink: true }}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <Button
          variant="outlined"
          onClick={make}
          data-testid="make-statement"
          sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
        >
          {translate('linli.grants.make_statement')}
        </Button>
        {s && (
          <Button
            startIcon={<PrintIcon />}
            onClick={() => window.print()}
            sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
          >
            {translate('linli.grants.print')}
          </Button>
        )}
      </Stack>
      {s && (
        <Table size="small" sx={{ maxWidth: 520 }}>
          <TableBody>
            {line('opening', s.opening)}
            {line('donations', s.donations, '+')}
            {Object.entries(s.donationsByChannel as Record<string, any>).map(([channel, c]) => (
              <TableRow key={channel}>
                <TableCell sx={{ pl: 4 }}>
                  {translate(`enums.donationChannel.${channel}`)}（{c.count}）
                </TableCell>
                <TableCell align="right">{yuan(c.amount)}</TableCell>
              </TableRow>
            ))}
            {s.funding !== 0 && line('funding', s.funding, '+')}
            {line('refunds', s.refunds, '−')}
            {line('disbursed', s.disbursed, '−')}
            {s.other !== 0 && line('other', s.other)}
            {line('closing', s.closing)}
            <TableRow>
              <TableCell colSpan={2} sx={{ color: 'text.secondary' }}>
                {translate('linli.grants.within_fund')}
              </TableCell>
            </TableRow>
            {line('awarded', s.awarded)}
            {line('returned', s.returned)}
            <TableRow>
              <TableCell colSpan={2} data-testid="statement-reconciles">
                {translate(
                  s.reconciles ? 'linli.grants.reconciles' : 'linli.grants.does_not_reconcile',
                )}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/** The year's public disclosure (names masked unless the donor agreed), CSV or XLSX. */
export function DisclosureButtons() {
  const translate = useTranslate();
  const notify = useNotify();
  const year = chinaYear(Date.now());
  const get = (what: string, format: string) =>
    download(
      `/api/grants/disclosure/${year}/${what}.${format}`,
      `disclosure-${year}-${what}.${format}`,
    ).catch((error: Error) => notify(error.message, { type: 'error' }));
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <Typography variant="body2">{translate('linli.grants.disclosure', { year })}</Typography>
      {(['donations', 'awards'] as const).map((what) =>
        (['csv', 'xlsx'] as const).map((format) => (
          <Button key={`${what}-${format}`} size="small" onClick={() => get(what, format)}>
            {translate(`linli.grants.disclosure_${what}`)} {format.toUpperCase()}
          </Button>
        )),
      )}
    </Stack>
  );
}

export function FundShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="code" />
        <TextField source="name" />
        <SelectField source="kind" choices={choices('fundKind', FUND_KINDS)} />
        <TextField source="purpose" />
        <ReferenceField
          source="area.documentId"
          reference="cms-areas"
          link="show"
          label="resources.grants-funds.fields.area"
        />
        <DateField source="openedOn" />
        <SelectField source="status" choices={choices('fundStatus', FUND_STATUSES)} />
        <Balances />
        <Statement />
        <ReferenceManyField
          reference="grants-donations"
          target="fund"
          label="resources.grants-donations.name"
          sort={{ field: 'donatedOn', order: 'DESC' }}
        >
          <DataTable bulkActionButtons={false}>
            <DataTable.Col source="receiptNo" />
            <DataTable.Col source="donatedOn">
              <DateField source="donatedOn" />
            </DataTable.Col>
            <DataTable.Col source="amount">
              <FunctionField render={(r: any) => yuan(r.amount)} />
            </DataTable.Col>
            <DataTable.Col source="status">
              <SelectField source="status" choices={choices('donationStatus', DONATION_STATUSES)} />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

const FundForm = () => (
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

export const FundEdit = () => (
  <Edit mutationMode="pessimistic">
    <FundForm />
  </Edit>
);
export const FundCreate = () => (
  <Create redirect="show">
    <FundForm />
  </Create>
);

const donationFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    choices={choices('donationStatus', DONATION_STATUSES)}
  />,
  <SelectInput
    key="channel"
    source="channel"
    choices={choices('donationChannel', DONATION_CHANNELS)}
  />,
  <ReferenceInput key="fund" source="fund" reference="grants-funds">
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
];

const donorOf = (r: any) =>
  r.donorKind === 'anonymous'
    ? '—'
    : (r.donorOrganisation?.name ?? r.donorPerson?.name ?? r.donorName ?? '');

export function DonationList() {
  return (
    <List
      filters={donationFilters}
      sort={{ field: 'donatedOn', order: 'DESC' }}
      actions={
        <TopToolbar>
          <DisclosureButtons />
          <FilterButton />
          <CreateButton />
          <ExportButton />
        </TopToolbar>
      }
    >
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="donatedOn">
          <DateField source="donatedOn" />
        </DataTable.Col>
        <DataTable.Col source="donorKind" label="resources.grants-donations.fields.donorName">
          <FunctionField render={donorOf} />
        </DataTable.Col>
        <DataTable.Col source="amount">
          <FunctionField render={(r: any) => yuan(r.amount)} />
        </DataTable.Col>
        <DataTable.Col source="channel">
          <SelectField source="channel" choices={choices('donationChannel', DONATION_CHANNELS)} />
        </DataTable.Col>
        <DataTable.Col source="fund">
          <ReferenceField source="fund.documentId" reference="grants-funds" link="show" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={choices('donationStatus', DONATION_STATUSES)} />
        </DataTable.Col>
        <DataTable.Col source="receiptNo" />
      </DataTable>
    </List>
  );
}

/** Receive, refund, print: the donation's life, each step through the server. */
function DonationActions() {
  const record = useRecordContext<any>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { permissions } = usePermissions<string>();
  if (!record || !WRITERS['grants-donations']?.includes(permissions as string)) return null;
  const act = async (what: 'receive' | 'refund', body: object = {}) => {
    try {
      const d = await postAction(`/api/grants/donations/${record.id}/${what}`, body);
      notify(what === 'receive' ? 'linli.money.received' : 'linli.money.refunded', {
        type: 'success',
        messageArgs: { receiptNo: d.receiptNo },
      });
      refresh();
      return true;
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      return false;
    }
  };
  const print = async () => {
    const res = await fetch(`/api/grants/donations/${record.id}/receipt`, {
      headers: { Authorization: `Bearer ${getToken()}` },
    });
    const html = await res.text();
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    window.open(url, '_blank');
  };
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }}>
      {record.status === 'pledged' && (
        <Button variant="contained" startIcon={<TaskAltIcon />} onClick={() => act('receive')}>
          {translate('linli.money.receive')}
        </Button>
      )}
      {record.status === 'received' && (
        <>
          <Button startIcon={<PrintIcon />} onClick={print}>
            {translate('linli.money.receipt')}
          </Button>
          <NoteButton
            label="linli.money.refund"
            color="warning"
            startIcon={<ReplayIcon />}
            noteLabel="linli.money.refund_reason"
            confirmLabel="linli.money.refund"
            onSubmit={(reason) => act('refund', { reason })}
          />
        </>
      )}
    </Stack>
  );
}

export function DonationShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <SelectField source="status" choices={choices('donationStatus', DONATION_STATUSES)} />
        <TextField source="receiptNo" />
        <DonationActions />
        <SelectField source="donorKind" choices={choices('donorKind', DONOR_KINDS)} />
        <FunctionField source="donorName" render={donorOf} />
        <BooleanField source="namedConsent" />
        <FunctionField source="amount" render={(r: any) => yuan(r.amount)} />
        <SelectField source="channel" choices={choices('donationChannel', DONATION_CHANNELS)} />
        <TextField source="inKindDescription" />
        <DateField source="donatedOn" />
        <ReferenceField
          source="fund.documentId"
          reference="grants-funds"
          link="show"
          label="resources.grants-donations.fields.fund"
        />
        <BooleanField source="restricted" />
        <DateField source="receivedAt" showTime />
        <DateField source="refundedAt" showTime />
        <TextField source="refundReason" />
        <TextField source="note" />
      </SimpleShowLayout>
    </Show>
  );
}

const DonationForm = () => (
  <SimpleForm>
    <DonationInputs />
  </SimpleForm>
);

/** Inside the form: the donor and channel decide which inputs follow. */
function DonationInputs() {
  const donorKind = useWatch({ name: 'donorKind' });
  const channel = useWatch({ name: 'channel' });
  const record = useRecordContext<any>();
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

export const DonationEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <DonationForm />
  </Edit>
);
export const DonationCreate = () => (
  <Create redirect="show">
    <DonationForm />
  </Create>
);
