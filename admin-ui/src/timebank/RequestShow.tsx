import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import {
  BooleanField,
  FunctionField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useGetList,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ConfirmButton } from '../actions';
import { useRest } from '../rest';
import { mayAccept, mayCancelRequest, mayReadCandidates } from './access';
import { REQUEST_SIDES, REQUEST_STATUSES, tbChoices } from './choices';
import { useHours } from './useHours';
import { windowOf } from './RequestList';
import { HoursField, TB_API } from './shared';
import type { CandidateView, RequestRecord, ServiceRecord } from './types';

/** 派给此志愿者: opens a service for the candidate, after saying what will happen. */
function Dispatch({ request, candidate: c }: { request: RequestRecord; candidate: CandidateView }) {
  const translate = useTranslate();
  const hours = useHours();
  if (!mayAccept() || request.status !== 'open') return null;
  return (
    <ConfirmButton
      label="linli.tb.requests.dispatch"
      variant="contained"
      testId="candidate-dispatch"
      url={`${TB_API}/requests/${request.id}/accept`}
      body={() => ({ volunteer: c.member.documentId })}
      consequences={[
        translate('linli.tb.requests.dispatch_what', {
          name: c.member.name,
          title: request.title,
          when: windowOf(request),
        }),
        translate('linli.tb.requests.dispatch_hours', {
          hours: hours(request.estimatedMinutes),
        }),
      ]}
      done="linli.tb.requests.dispatched"
    />
  );
}

/**
 * The matching candidates, best first, with why each was proposed; "派给此志愿者" dispatches
 * the request to one of them (a service is opened for them), after a confirmation.
 */
function Candidates({ request }: { request: RequestRecord }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const candidates = useRest<CandidateView[]>(`${TB_API}/requests/${request.id}/candidates`);
  return (
    <Card variant="outlined" sx={{ my: 2 }} data-testid="candidates">
      <CardHeader
        title={translate('linli.tb.requests.candidates')}
        titleTypographyProps={{ variant: 'subtitle1' }}
      />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        {candidates && candidates.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {translate('linli.tb.requests.no_candidates')}
          </Typography>
        )}
        {candidates && candidates.length > 0 && phone && (
          <Box>
            {candidates.map((c) => (
              <Box
                key={c.member.documentId}
                data-testid="candidate"
                sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}
              >
                <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
                  <a href={`#/time-bank-members/${c.member.documentId}/show`}>{c.member.name}</a>
                  <Typography variant="body2" fontWeight="bold" data-testid="candidate-score">
                    {Math.round(c.score * 100) / 100}
                  </Typography>
                </Box>
                <Typography variant="caption" color="text.secondary" component="div">
                  {c.reasons
                    .map((r) => (locale === 'en' ? r.en : r.zh))
                    .join(locale === 'en' ? '; ' : '；')}
                </Typography>
                <Dispatch request={request} candidate={c} />
              </Box>
            ))}
          </Box>
        )}
        {candidates && candidates.length > 0 && !phone && (
          <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('linli.tb.requests.volunteer')}</TableCell>
                <TableCell align="right">{translate('linli.tb.requests.score')}</TableCell>
                <TableCell>{translate('linli.tb.requests.reasons')}</TableCell>
                <TableCell align="right">{translate('linli.tb.requests.commitments')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {candidates.map((c) => (
                <TableRow key={c.member.documentId} data-testid="candidate">
                  <TableCell>
                    <a href={`#/time-bank-members/${c.member.documentId}/show`}>{c.member.name}</a>
                    <Typography variant="caption" color="text.secondary" component="div">
                      {c.member.passbookNo}
                    </Typography>
                  </TableCell>
                  <TableCell align="right" data-testid="candidate-score">
                    {Math.round(c.score * 100) / 100}
                  </TableCell>
                  <TableCell>
                    {c.reasons
                      .map((r) => (locale === 'en' ? r.en : r.zh))
                      .join(locale === 'en' ? '; ' : '；')}
                  </TableCell>
                  <TableCell align="right">
                    {translate('linli.tb.requests.commitments_value', {
                      open: c.openCommitments,
                      done: c.confirmedServices,
                    })}
                  </TableCell>
                  <TableCell align="right">
                    <Dispatch request={request} candidate={c} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** The services opened for the request (one per volunteer who took it). */
function RequestServices({ request }: { request: RequestRecord }) {
  const translate = useTranslate();
  const { data } = useGetList<ServiceRecord>('time-bank-services', {
    filter: { request: request.id },
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'acceptedAt', order: 'ASC' },
  });
  if (!data?.length) return null;
  return (
    <Card variant="outlined" sx={{ my: 2 }} data-testid="request-services">
      <CardHeader
        title={translate('resources.time-bank-services.name', { smart_count: 2 })}
        titleTypographyProps={{ variant: 'subtitle1' }}
      />
      <CardContent sx={{ pt: 0 }}>
        {data.map((s) => (
          <Stack key={s.id} direction="row" spacing={2} sx={{ py: 0.5 }}>
            <a href={`#/time-bank-services/${s.id}/show`} data-testid="request-service">
              {s.number}
            </a>
            <span>{s.volunteer?.name}</span>
            <span>{translate(`linli.tb.enums.serviceState.${s.state}`)}</span>
          </Stack>
        ))}
      </CardContent>
    </Card>
  );
}

function RequestPanels() {
  const request = useRecordContext<RequestRecord>();
  const translate = useTranslate();
  if (!request) return null;
  const open = request.status === 'open' || request.status === 'full';
  return (
    <>
      {open && mayCancelRequest() && (
        <ConfirmButton
          label="linli.tb.requests.cancel"
          color="warning"
          testId="request-cancel"
          url={`${TB_API}/requests/${request.id}/cancel`}
          reason="required"
          consequences={[translate('linli.tb.requests.cancel_what', { title: request.title })]}
        />
      )}
      <RequestServices request={request} />
      {request.status === 'open' && mayReadCandidates() && <Candidates request={request} />}
    </>
  );
}

export function RequestShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="title" />
        <SelectField source="side" choices={tbChoices('side', REQUEST_SIDES)} />
        <SelectField source="status" choices={tbChoices('requestStatus', REQUEST_STATUSES)} />
        <ReferenceField
          source="category.documentId"
          reference="time-bank-categories"
          link={false}
        />
        <ReferenceField source="member.documentId" reference="time-bank-members" link="show" />
        <BooleanField source="onBehalf" />
        <TextField source="description" />
        <TextField source="address" />
        <FunctionField source="windowStart" render={windowOf} />
        <HoursField source="estimatedMinutes" />
        <FunctionField
          source="taken"
          render={(r: RequestRecord) => `${r.taken ?? 0} / ${r.volunteersNeeded ?? 1}`}
        />
        <RequestPanels />
      </SimpleShowLayout>
    </Show>
  );
}
