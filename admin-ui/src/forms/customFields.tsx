import { Box, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import {
  NullableBooleanInput,
  NumberInput,
  SelectInput,
  TextInput,
  downloadCSV,
  useDataProvider,
  useInput,
  useRecordContext,
  useTranslate,
  type Exporter,
  type Identifier,
  type TranslateFunction,
} from 'react-admin';
import { formatAnswer, toCsv } from '../../../plugins/forms/server/src/domain/export-table';
import {
  labelIn,
  type FieldDef,
  type FormDefinition,
} from '../../../plugins/forms/server/src/domain/fields';
import { fenToYuan } from '../../../plugins/forms/server/src/domain/money';
import * as chinaClock from '../../../cms/server/src/domain/china-time';
import { exportName, labelledTable, type Column } from '../exporters';
import { Answers } from './answers';
import { useLang } from './Designer';
import { FORM_CSS, FormRenderer } from './FormRenderer';
import { restServices } from './services';
import type { Form, FormVersion } from './types';
import { clientErrors } from './validation';

/** A cms record with its custom fields' stored values (JSON, keyed by field). */
interface WithCustomFields {
  id: Identifier;
  customFields?: Record<string, unknown> | null;
}

/**
 * Custom fields in a record's console screens: the live custom-field form of its type, shown on
 * the show page, edited on the edit page with the same renderer and rules as any form, offered
 * as list filters and exported with their labels.
 */
export function useCustomFieldDefinition(appliesTo: string): FormDefinition | null {
  const dataProvider = useDataProvider();
  const [definition, setDefinition] = useState<FormDefinition | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const { data: forms } = await dataProvider.getList<Form>('forms-forms', {
        filter: { purpose: 'custom-fields', appliesTo, archived: false },
        pagination: { page: 1, perPage: 1 },
        sort: { field: 'updatedAt', order: 'DESC' },
      });
      const form = forms[0];
      if (!form?.liveVersion) return;
      const { data: versions } = await dataProvider.getList<FormVersion>('forms-form-versions', {
        filter: { formKey: form.id, number: form.liveVersion },
        pagination: { page: 1, perPage: 1 },
        sort: { field: 'number', order: 'DESC' },
      });
      if (live) setDefinition(versions[0]?.definition ?? null);
    })().catch(() => undefined); // roles that may not read forms simply see no custom fields
    return () => {
      live = false;
    };
  }, [dataProvider, appliesTo]);
  return definition;
}

export function CustomFieldsShow({ appliesTo }: { appliesTo: string }) {
  const record = useRecordContext<WithCustomFields>();
  const definition = useCustomFieldDefinition(appliesTo);
  const translate = useTranslate();
  const lang = useLang();
  const values: Record<string, unknown> = record?.customFields ?? {};
  if (!definition && Object.keys(values).length === 0) return null;
  const current = new Set((definition?.fields ?? []).map((f) => f.key));
  const former = Object.keys(values).filter((k) => !current.has(k));
  return (
    <Box sx={{ width: '100%' }} data-testid="custom-fields">
      <Typography variant="subtitle1">{translate('linli.forms.custom_fields')}</Typography>
      {definition && (
        <Answers
          definition={definition}
          data={Object.fromEntries(Object.entries(values).filter(([k]) => current.has(k)))}
          lang={lang}
        />
      )}
      {former.length > 0 && (
        <>
          <Typography variant="subtitle2" sx={{ mt: 1 }}>
            {translate('linli.forms.former_fields')}
          </Typography>
          <Answers
            definition={{ fields: [] }}
            data={Object.fromEntries(former.map((k) => [k, values[k]]))}
            lang={lang}
          />
        </>
      )}
    </Box>
  );
}

/** Stored values as a person edits them: money back in yuan. */
function forEditing(fields: FieldDef[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const f of fields) {
    const v = values[f.key];
    if (f.kind === 'money' && typeof v === 'number') out[f.key] = fenToYuan(v);
    if (f.kind === 'group' && Array.isArray(v))
      out[f.key] = v.map((item) => forEditing(f.fields ?? [], item ?? {}));
  }
  return out;
}

export function CustomFieldsInput({ appliesTo }: { appliesTo: string }) {
  const definition = useCustomFieldDefinition(appliesTo);
  if (!definition) return null;
  return <CustomFieldsEditor definition={definition} />;
}

function CustomFieldsEditor({ definition }: { definition: FormDefinition }) {
  const translate = useTranslate();
  const lang = useLang();
  const current = useMemo(() => new Set(definition.fields.map((f) => f.key)), [definition]);
  const { field } = useInput({
    source: 'customFields',
    validate: (value: unknown) => {
      const answers = Object.fromEntries(
        Object.entries((value as Record<string, unknown>) ?? {}).filter(([k]) => current.has(k)),
      );
      const errors = clientErrors(definition, answers, lang);
      return Object.keys(errors).length ? Object.values(errors)[0] : undefined;
    },
  });
  const stored = (field.value as Record<string, unknown> | null) ?? {};
  const [answers, setAnswers] = useState(() =>
    forEditing(
      definition.fields,
      Object.fromEntries(Object.entries(stored).filter(([k]) => current.has(k))),
    ),
  );
  const retired = useMemo(
    () => Object.fromEntries(Object.entries(stored).filter(([k]) => !current.has(k))),
    [stored, current],
  );
  const services = useMemo(() => restServices(null, localStorage.getItem('linli.jwt')), []);
  const errors = clientErrors(definition, answers, lang);
  return (
    <Box sx={{ width: '100%', maxWidth: 640, my: 2 }} data-testid="custom-fields-input">
      <style>{FORM_CSS}</style>
      <Typography variant="subtitle1">{translate('linli.forms.custom_fields')}</Typography>
      <FormRenderer
        definition={definition}
        value={answers}
        onChange={(next) => {
          setAnswers(next);
          field.onChange({ ...retired, ...next });
        }}
        lang={lang}
        errors={errors}
        services={services}
      />
    </Box>
  );
}

/** List filters for each custom field, named cf_<op>_<key> (see the data provider). */
export function customFieldFilters(
  definition: FormDefinition | null,
  lang: 'zh' | 'en',
): React.ReactElement[] {
  if (!definition) return [];
  return definition.fields.flatMap((f) => {
    const label = labelIn(f.label, lang);
    const options = (f.options ?? []).map((o) => ({ id: o.value, name: labelIn(o.label, lang) }));
    switch (f.kind) {
      case 'integer':
      case 'number':
      case 'rating':
        return [<NumberInput key={f.key} source={`cf_gte_${f.key}`} label={`${label} ≥`} />];
      case 'money':
        return [
          <NumberInput
            key={f.key}
            source={`cf_gte_${f.key}`}
            label={`${label} ≥ (${lang === 'zh' ? '分' : 'fen'})`}
          />,
        ];
      case 'choice':
      case 'multichoice':
        return [
          <SelectInput key={f.key} source={`cf_eq_${f.key}`} label={label} choices={options} />,
        ];
      case 'boolean':
        return [<NullableBooleanInput key={f.key} source={`cf_eq_${f.key}`} label={label} />];
      case 'date':
        return [
          <TextInput key={f.key} source={`cf_gte_${f.key}`} label={`${label} ≥ (YYYY-MM-DD)`} />,
        ];
      case 'group':
      case 'file':
        return [];
      default:
        return [<TextInput key={f.key} source={`cf_containsi_${f.key}`} label={label} />];
    }
  });
}

/**
 * CSV export of a list: the columns the list names (labelled, in the user's language, see
 * exporters.ts), then its custom fields as labelled columns (react-admin's default would write
 * them as one JSON column). Lists longer than a page are read page by page by the data provider
 * before this runs.
 */
export function exporterWithCustomFields(
  definition: FormDefinition | null,
  lang: 'zh' | 'en',
  resource: string,
  columns: readonly Column[],
  translate: TranslateFunction,
): Exporter<WithCustomFields & Record<string, unknown>> {
  return (records) => {
    const base = labelledTable(columns, records, translate);
    const custom = definition?.fields.filter((f) => f.kind !== 'group' && f.kind !== 'file') ?? [];
    const table = {
      header: [...base.header, ...custom.map((f) => labelIn(f.label, lang))],
      kinds: [...(base.kinds ?? []), ...custom.map(() => 'text' as const)],
      rows: records.map((r, i) => [
        ...(base.rows[i] ?? []),
        ...custom.map((f) =>
          r.customFields?.[f.key] === undefined ? '' : formatAnswer(f, r.customFields[f.key], lang),
        ),
      ]),
    };
    downloadCSV(toCsv(table, chinaClock), exportName(translate, resource));
  };
}

/**
 * A cms list's extra filters and its exporter, from its type's custom fields; `columns` are the
 * list's own (a module constant, so the exporter is made again only when the fields change).
 */
export function useCustomFieldsForList(
  appliesTo: string,
  resource: string,
  columns: readonly Column[],
) {
  const definition = useCustomFieldDefinition(appliesTo);
  const lang = useLang();
  const translate = useTranslate();
  return useMemo(
    () => ({
      filters: customFieldFilters(definition, lang),
      exporter: exporterWithCustomFields(definition, lang, resource, columns, translate),
    }),
    [definition, lang, resource, columns, translate],
  );
}
