import { Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  Form,
  ReferenceInput,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  Toolbar,
  required,
  useTranslate,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router-dom';
import type {
  Attachment,
  CaseIntake,
  CaseSummary,
  CaseTypeDetail,
} from '../../../plugins/cases/server/src/shared/contracts/cases';
import { useRest } from '../rest';
import { useCaseTypes } from './QueuePage';
import {
  AttachmentInput,
  caseLink,
  CASES_API,
  CategoryCascader,
  useFormPost,
  useLabel,
} from './shared';

const CHANNELS = ['phone', 'proactive'] as const;

/** The category and item of the chosen type's current definition (the form's `category`, `item`). */
function CategoryFields({ errors }: { errors: { category?: string; item?: string } }) {
  const type = useWatch({ name: 'type' }) as string | undefined;
  const category = (useWatch({ name: 'category' }) as string | undefined) ?? '';
  const item = (useWatch({ name: 'item' }) as string | undefined) ?? '';
  const { setValue } = useFormContext();
  const detail = useRest<CaseTypeDetail>(type ? `${CASES_API}/types/${type}` : null);
  const categories = detail?.current?.categories ?? [];
  if (!categories.length) return null;
  return (
    <CategoryCascader
      categories={categories}
      category={category}
      item={item}
      onChange={(c, i) => {
        setValue('category', c, { shouldDirty: true });
        setValue('item', i, { shouldDirty: true });
      }}
      errors={errors}
    />
  );
}

/**
 * 受理登记: staff register a case taken by phone or found on patrol. The type's current
 * definition gives the categories; the server numbers it, places it on its workflow's initial
 * state and dispatches it by the type's rules.
 */
export function CaseCreate() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const text = useLabel();
  const submit = useFormPost();
  const types = useCaseTypes().filter((t) => t.active && t.currentVersion > 0);
  const [files, setFiles] = useState<Attachment[]>([]);
  const [extra, setExtra] = useState<Record<string, string>>({});
  const onSubmit = async (values: Record<string, unknown>) => {
    const str = (k: string) => {
      const v = values[k];
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    const body: CaseIntake = {
      type: str('type') ?? '',
      channel: (str('channel') ?? 'phone') as CaseIntake['channel'],
      title: str('title') ?? '',
      description: str('description'),
      category: str('category'),
      item: str('item'),
      area: str('area') ?? '',
      address: str('address'),
      reporterName: str('reporterName'),
      reporterPhone: str('reporterPhone'),
      attachments: files.length ? files.map((f) => f.id) : undefined,
    };
    const errors = await submit<CaseSummary>(
      `${CASES_API}/cases`,
      body,
      (created) => navigate(caseLink(created.documentId)),
      'linli.cases.create.done',
    );
    setExtra({
      category: errors?.category ?? '',
      item: errors?.item ?? '',
      attachments: errors?.attachments ?? '',
    });
    return errors;
  };
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="linli.cases.create.title" />
      <CardContent>
        <Typography variant="h6" sx={{ mb: 1 }}>
          {translate('linli.cases.create.title')}
        </Typography>
        <Form onSubmit={onSubmit} defaultValues={{ channel: 'phone', category: '', item: '' }}>
          <SelectInput
            source="type"
            label="linli.cases.fields.type"
            choices={types.map((t) => ({
              id: t.key,
              name: text({ zh: t.name, en: t.nameEn ?? '' }),
            }))}
            validate={required()}
          />
          <SelectInput
            source="channel"
            label="linli.cases.fields.channel"
            choices={CHANNELS.map((c) => ({ id: c, name: `linli.cases.channel.${c}` }))}
            validate={required()}
          />
          <TextInput
            source="title"
            label="linli.cases.fields.title"
            validate={required()}
            fullWidth
          />
          <TextInput
            source="description"
            label="linli.cases.fields.description"
            multiline
            minRows={3}
            fullWidth
          />
          <CategoryFields
            errors={{ category: extra.category || undefined, item: extra.item || undefined }}
          />
          <ReferenceInput
            source="area"
            reference="cms-areas"
            filter={{ level: ['community', 'village'] }}
            sort={{ field: 'name', order: 'ASC' }}
          >
            <AutocompleteInput
              optionText="name"
              label="linli.cases.fields.area"
              validate={required()}
              sx={{ minWidth: { xs: 0, sm: 320 } }}
            />
          </ReferenceInput>
          <TextInput source="address" label="linli.cases.fields.address" fullWidth />
          <TextInput source="reporterName" label="linli.cases.fields.reporter_name" />
          <TextInput source="reporterPhone" label="linli.cases.fields.reporter_phone" />
          <AttachmentInput
            value={files}
            onChange={setFiles}
            error={extra.attachments || undefined}
          />
          <Toolbar disableGutters sx={{ bgcolor: 'transparent' }}>
            <SaveButton label="linli.cases.create.submit" alwaysEnable />
          </Toolbar>
        </Form>
      </CardContent>
    </Card>
  );
}
