import { Card, CardContent } from '@mui/material';
import {
  DateTimeInput,
  Form,
  NumberInput,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  Toolbar,
  minValue,
  required,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { useState } from 'react';
import { REQUEST_SIDES, tbChoices } from './choices';
import { minutesOfHours } from './hours';
import { MemberPicker, TB_API, useCategoryChoices, useFormAction } from './shared';
import type { MemberRecord, RequestRecord } from './types';

/**
 * 代老人发布需求: staff post a request (or an offer) on a member's behalf, e.g. an elder without a
 * phone; the server records it as posted on their behalf and matching starts at once.
 */
export function RequestCreate() {
  const translate = useTranslate();
  const redirect = useRedirect();
  const submit = useFormAction();
  const categories = useCategoryChoices();
  const [member, setMember] = useState<MemberRecord | null>(null);
  const [memberError, setMemberError] = useState<string | undefined>();
  const onSubmit = async (values: Record<string, unknown>) => {
    if (!member) {
      setMemberError(translate('ra.validation.required'));
      return undefined;
    }
    setMemberError(undefined);
    const toIso = (v: unknown) => (v ? new Date(v as string).toISOString() : undefined);
    const errors = await submit<RequestRecord & { documentId: string }>(
      `${TB_API}/requests`,
      {
        side: values.side,
        title: values.title,
        category: values.category,
        description: values.description || undefined,
        member: member.id,
        address: values.address || undefined,
        windowStart: toIso(values.windowStart),
        windowEnd: toIso(values.windowEnd),
        estimatedMinutes: minutesOfHours(values.estimatedHours as number),
        volunteersNeeded: values.volunteersNeeded,
      },
      (request) => redirect('show', 'time-bank-requests', request.documentId),
      'linli.tb.requests.posted',
    );
    if (errors?.member) setMemberError(errors.member);
    if (errors?.estimatedMinutes) errors.estimatedHours = errors.estimatedMinutes;
    return errors;
  };
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="linli.tb.requests.create" />
      <CardContent>
        <Form
          onSubmit={onSubmit}
          defaultValues={{ side: 'need', volunteersNeeded: 1, estimatedHours: 1 }}
        >
          <MemberPicker
            label="linli.tb.requests.for_member"
            value={member}
            onChange={setMember}
            error={memberError}
            testId="request-member"
          />
          <SelectInput
            source="side"
            resource="time-bank-requests"
            choices={tbChoices('side', REQUEST_SIDES)}
            validate={required()}
          />
          <TextInput source="title" resource="time-bank-requests" validate={required()} />
          <SelectInput
            source="category"
            resource="time-bank-requests"
            choices={categories}
            validate={required()}
          />
          <TextInput source="description" resource="time-bank-requests" multiline fullWidth />
          <TextInput source="address" resource="time-bank-requests" fullWidth />
          <DateTimeInput source="windowStart" resource="time-bank-requests" validate={required()} />
          <DateTimeInput source="windowEnd" resource="time-bank-requests" validate={required()} />
          <NumberInput
            source="estimatedHours"
            label="linli.tb.requests.estimated_hours"
            step={0.5}
            validate={[required(), minValue(0.5)]}
          />
          <NumberInput
            source="volunteersNeeded"
            resource="time-bank-requests"
            step={1}
            validate={[required(), minValue(1)]}
          />
          <Toolbar disableGutters sx={{ bgcolor: 'transparent' }}>
            <SaveButton label="linli.tb.requests.post" alwaysEnable />
          </Toolbar>
        </Form>
      </CardContent>
    </Card>
  );
}
