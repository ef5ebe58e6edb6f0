import {
  Box,
  Stack,
  Step,
  StepContent,
  StepLabel,
  Stepper,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  FunctionField,
  Labeled,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ActionDialog, ConfirmButton, useDialogAction } from '../actions';
import { formatDate } from '../dates';
import { mayCancelService, mayConfirm, mayRecord, mayResolve } from './access';
import { HOUR_TYPES, SERVICE_STATES, tbChoices } from './choices';
import { minutesOfHours } from './hours';
import { useHours } from './useHours';
import { HoursField, TB_API } from './shared';
import type { ServiceRecord } from './types';

/** What happened to the service, in order: accepted, checked in/out, confirmed (or not yet). */
function Timeline() {
  const s = useRecordContext<ServiceRecord>();
  const translate = useTranslate();
  const hours = useHours();
  if (!s) return null;
  const steps: { key: string; at?: string | null; detail?: string }[] = [
    { key: 'accepted', at: s.acceptedAt, detail: s.volunteer?.name },
    { key: 'checked_in', at: s.checkedInAt },
    {
      key: 'checked_out',
      at: s.checkedOutAt,
      detail:
        s.rawMinutes != null
          ? translate('linli.tb.services.raw_counted', {
              raw: hours(s.rawMinutes),
              counted: hours(s.countedMinutes ?? 0),
            })
          : undefined,
    },
    {
      key: 'confirmed',
      at: s.confirmedAt,
      detail:
        s.confirmedAt != null
          ? [
              translate('linli.tb.services.credited', { hours: hours(s.creditedMinutes ?? 0) }),
              s.confirmedOnBehalf
                ? translate('linli.tb.services.on_behalf_by', { name: s.confirmedBy ?? '' })
                : s.confirmedBy
                  ? translate('linli.tb.services.confirmed_by', { name: s.confirmedBy })
                  : '',
              s.toPoolMinutes
                ? translate('linli.tb.services.to_pool', { hours: hours(s.toPoolMinutes) })
                : '',
            ]
              .filter(Boolean)
              .join(' · ')
          : undefined,
    },
  ];
  const done = steps.filter((st) => st.at).length;
  return (
    <Box data-testid="service-timeline" sx={{ my: 1 }}>
      <Stepper activeStep={done} orientation="vertical">
        {steps.map((st) => (
          <Step key={st.key} completed={!!st.at} expanded>
            <StepLabel
              optional={
                st.at ? (
                  <Typography variant="caption" color="text.secondary">
                    {formatDate(st.at, true)}
                  </Typography>
                ) : undefined
              }
            >
              {translate(`linli.tb.services.step.${st.key}`)}
            </StepLabel>
            <StepContent>
              {st.detail && (
                <Typography variant="body2" data-testid={`service-step-${st.key}`}>
                  {st.detail}
                </Typography>
              )}
            </StepContent>
          </Step>
        ))}
      </Stepper>
      {s.state === 'disputed' && (
        <Typography color="warning.main" variant="body2" data-testid="service-dispute">
          {translate('linli.tb.services.disputed_because', { reason: s.disputeReason ?? '' })}
        </Typography>
      )}
      {s.state === 'cancelled' && s.cancelReason && (
        <Typography color="text.secondary" variant="body2">
          {translate('linli.tb.services.cancelled_because', { reason: s.cancelReason })}
        </Typography>
      )}
    </Box>
  );
}

/** 线下登记时长 / 处理异议: a dialog for hours (and, for a dispute, the resolution). */
function MinutesDialog({ service, kind }: { service: ServiceRecord; kind: 'record' | 'resolve' }) {
  const translate = useTranslate();
  const hours = useHours();
  const [text, setText] = useState('');
  const [resolution, setResolution] = useState('');
  const { run, errors, general, reset } = useDialogAction();
  const minutes = minutesOfHours(text);
  const valid = minutes !== null && minutes >= 0 && (kind === 'record' ? minutes > 0 : true);
  return (
    <ActionDialog
      label={`linli.tb.services.${kind}`}
      buttonProps={{ variant: 'outlined', 'data-testid': `service-${kind}` }}
      confirmProps={{
        disabled: !valid || (kind === 'resolve' && !resolution.trim()),
        'data-testid': `service-${kind}-confirm`,
      }}
      error={general}
      onOpen={() => {
        reset();
        setText(
          kind === 'resolve' && service.countedMinutes != null
            ? String(service.countedMinutes / 60)
            : '',
        );
        setResolution('');
      }}
      onConfirm={() =>
        run(
          `${TB_API}/services/${service.id}/${kind}`,
          kind === 'record' ? { minutes } : { minutes, resolution: resolution.trim() },
          { fields: ['minutes', 'resolution'] },
        )
      }
    >
      {kind === 'resolve' && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {translate('linli.tb.services.disputed_because', { reason: service.disputeReason ?? '' })}
        </Typography>
      )}
      <MuiTextField
        autoFocus
        fullWidth
        type="number"
        label={translate('linli.tb.hours_input')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={!!errors.minutes}
        helperText={errors.minutes}
        inputProps={{ min: 0, step: 0.5, 'data-testid': `service-${kind}-hours` }}
        sx={{ mt: 1 }}
      />
      {kind === 'resolve' && (
        <MuiTextField
          fullWidth
          multiline
          required
          label={translate('linli.tb.services.resolution')}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
          error={!!errors.resolution}
          helperText={errors.resolution}
          sx={{ mt: 2 }}
        />
      )}
      {valid && (
        <Typography variant="body2" sx={{ mt: 2 }}>
          {translate(`linli.tb.services.${kind}_what`, {
            hours: hours(minutes),
            name: service.volunteer?.name ?? '',
          })}
        </Typography>
      )}
    </ActionDialog>
  );
}

function ServiceActions() {
  const s = useRecordContext<ServiceRecord>();
  const translate = useTranslate();
  const hours = useHours();
  if (!s) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }} useFlexGap flexWrap="wrap">
      {s.state === 'checked_out' && mayConfirm() && (
        <ConfirmButton
          label="linli.tb.services.confirm_on_behalf"
          variant="contained"
          testId="service-confirm"
          url={`${TB_API}/services/${s.id}/confirm`}
          body={() => ({ onBehalf: true })}
          consequences={[
            translate('linli.tb.services.confirm_what', {
              name: s.volunteer?.name ?? '',
              hours: hours(s.countedMinutes ?? 0),
              recipient: s.recipient?.name ?? '',
            }),
            translate('linli.tb.services.confirm_on_behalf_note'),
          ]}
          done="linli.tb.services.confirmed_done"
        />
      )}
      {(s.state === 'accepted' || s.state === 'checked_in') && mayRecord() && (
        <MinutesDialog service={s} kind="record" />
      )}
      {s.state === 'disputed' && mayResolve() && <MinutesDialog service={s} kind="resolve" />}
      {['accepted', 'checked_in', 'checked_out'].includes(s.state) && mayCancelService() && (
        <ConfirmButton
          label="linli.tb.services.cancel"
          color="warning"
          testId="service-cancel"
          url={`${TB_API}/services/${s.id}/cancel`}
          reason="required"
          consequences={[translate('linli.tb.services.cancel_what', { number: s.number })]}
        />
      )}
    </Stack>
  );
}

export function ServiceShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="number" />
        <SelectField source="state" choices={tbChoices('serviceState', SERVICE_STATES)} />
        <ServiceActions />
        <ReferenceField source="request.documentId" reference="time-bank-requests" link="show" />
        <ReferenceField source="volunteer.documentId" reference="time-bank-members" link="show" />
        <ReferenceField source="recipient.documentId" reference="time-bank-members" link="show" />
        <ReferenceField
          source="category.documentId"
          reference="time-bank-categories"
          link={false}
        />
        <SelectField source="hourType" choices={tbChoices('hourType', HOUR_TYPES)} />
        <Labeled label="linli.tb.services.timeline">
          <Timeline />
        </Labeled>
        <HoursField source="rawMinutes" />
        <HoursField source="countedMinutes" />
        <HoursField source="creditedMinutes" />
        <FunctionField source="resolution" render={(r: ServiceRecord) => r.resolution ?? ''} />
      </SimpleShowLayout>
    </Show>
  );
}
