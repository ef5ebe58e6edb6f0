import { Card, CardContent } from '@mui/material';
import {
  AutocompleteInput,
  CheckboxGroupInput,
  Form,
  FormDataConsumer,
  ReferenceInput,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  Toolbar,
  required,
  useRedirect,
} from 'react-admin';
import { MEMBER_KINDS, tbChoices } from './choices';
import { TB_API, useCategoryChoices, useFormAction } from './shared';
import type { MemberRecord } from './types';

interface JoinValues {
  kind: string;
  name: string;
  area?: string;
  person?: string;
  organisation?: string;
  microGrid?: string;
  categories?: string[];
}

/**
 * 加入时间银行: opens an account (and its passbook) for a person, a team, an organisation or a
 * community pool, through POST /api/time-bank/members; the server numbers the passbook.
 */
export function MemberCreate() {
  const redirect = useRedirect();
  const submit = useFormAction();
  const categories = useCategoryChoices();
  const onSubmit = (values: Record<string, unknown>) => {
    const v = values as unknown as JoinValues;
    const body = {
      kind: v.kind,
      name: v.name,
      area: v.area,
      person: v.kind === 'person' ? v.person || undefined : undefined,
      organisation: v.kind === 'organisation' ? v.organisation || undefined : undefined,
      microGrid: v.microGrid || undefined,
      categories: v.categories ?? [],
    };
    return submit<MemberRecord>(
      `${TB_API}/members`,
      body,
      (member) => redirect('show', 'time-bank-members', member.documentId),
      'linli.tb.members.joined',
    );
  };
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="linli.tb.members.join" />
      <CardContent>
        <Form onSubmit={onSubmit} defaultValues={{ kind: 'person', categories: [] }}>
          <SelectInput
            source="kind"
            resource="time-bank-members"
            choices={tbChoices('memberKind', MEMBER_KINDS)}
            validate={required()}
          />
          <TextInput source="name" resource="time-bank-members" validate={required()} />
          <ReferenceInput
            source="area"
            reference="cms-areas"
            filter={{ level: ['community', 'village'] }}
          >
            <AutocompleteInput
              optionText="name"
              label="resources.time-bank-members.fields.area"
              validate={required()}
            />
          </ReferenceInput>
          <FormDataConsumer<JoinValues>>
            {({ formData }) =>
              formData.kind === 'person' ? (
                <ReferenceInput source="person" reference="cms-people">
                  <AutocompleteInput
                    optionText="name"
                    label="resources.time-bank-members.fields.person"
                  />
                </ReferenceInput>
              ) : formData.kind === 'organisation' ? (
                <ReferenceInput source="organisation" reference="cms-organisations">
                  <AutocompleteInput
                    optionText="name"
                    label="resources.time-bank-members.fields.organisation"
                  />
                </ReferenceInput>
              ) : null
            }
          </FormDataConsumer>
          <ReferenceInput source="microGrid" reference="cms-grids" filter={{ level: 'micro' }}>
            <AutocompleteInput
              optionText="name"
              label="resources.time-bank-members.fields.microGrid"
            />
          </ReferenceInput>
          <CheckboxGroupInput
            source="categories"
            resource="time-bank-members"
            choices={categories}
          />
          <Toolbar disableGutters sx={{ bgcolor: 'transparent' }}>
            <SaveButton label="linli.tb.members.join" alwaysEnable />
          </Toolbar>
        </Form>
      </CardContent>
    </Card>
  );
}
