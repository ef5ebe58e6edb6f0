import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  IconButton,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { definitionIssues } from '../../../plugins/forms/server/src/domain/definition';
import {
  FIELD_KINDS,
  labelIn,
  type Condition,
  type FieldDef,
  type FieldKind,
  type FormDefinition,
  type SectionDef,
} from '../../../plugins/forms/server/src/domain/fields';
import { fenToYuan, yuanToFen } from '../../../plugins/forms/server/src/domain/money';
import { FORM_CSS, FormRenderer } from './FormRenderer';
import { restServices } from './services';
import { clientErrors, type Lang } from './validation';

/**
 * The form designer: sections and fields (add, reorder, remove), both languages' labels,
 * options, rules and conditions — beside a live preview rendered by the same component, and
 * checked by the same rule book, as the published form.
 */
export interface DesignerProps {
  value: FormDefinition;
  onChange(next: FormDefinition): void;
}

const clean = <T extends object>(o: T): T =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;

export function useLang(): Lang {
  const [locale] = useLocaleState();
  return locale === 'en' ? 'en' : 'zh';
}

export function Designer({ value, onChange }: DesignerProps) {
  const translate = useTranslate();
  const lang = useLang();
  const issues = useMemo(() => definitionIssues(value), [value]);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<Record<string, string> | null>(null);
  const services = useMemo(() => restServices(null, localStorage.getItem('linli.jwt')), []);
  const sections = value.sections ?? [];

  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', width: '100%' }} data-testid="designer">
      <Box sx={{ flex: '1 1 480px', minWidth: 320 }}>
        <Typography variant="h6">{translate('linli.forms.sections')}</Typography>
        <SectionsEditor
          sections={sections}
          onChange={(next) => onChange(clean({ ...value, sections: next }))}
        />
        <Typography variant="h6" sx={{ mt: 2 }}>
          {translate('linli.forms.fields')}
        </Typography>
        <FieldList
          fields={value.fields}
          sections={sections}
          onChange={(fields) => onChange({ ...value, fields })}
          allowGroups
        />
        {issues.length > 0 && (
          <Alert severity="warning" sx={{ mt: 2 }} data-testid="designer-problems">
            <strong>{translate('linli.forms.problems')}</strong>
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {issues.map((i, n) => (
                <li key={n}>{lang === 'zh' ? i.messageZh : i.message}</li>
              ))}
            </ul>
          </Alert>
        )}
      </Box>
      <Paper
        variant="outlined"
        sx={{ flex: '1 1 360px', maxWidth: 480, p: 2, alignSelf: 'flex-start' }}
        data-testid="preview"
      >
        <style>{FORM_CSS}</style>
        <Typography variant="subtitle1" sx={{ mb: 1 }}>
          {translate('linli.forms.preview')}
        </Typography>
        {issues.length === 0 && value.fields.length > 0 && (
          <>
            <FormRenderer
              definition={value}
              value={answers}
              onChange={(next) => {
                setAnswers(next);
                if (errors) setErrors(clientErrors(value, next, lang));
              }}
              lang={lang}
              errors={errors ?? {}}
              services={services}
            />
            <Stack direction="row" spacing={1}>
              <Button
                variant="outlined"
                onClick={() => setErrors(clientErrors(value, answers, lang))}
              >
                {translate('linli.forms.try_submit')}
              </Button>
              <Button
                onClick={() => {
                  setAnswers({});
                  setErrors(null);
                }}
              >
                {translate('linli.forms.preview_reset')}
              </Button>
            </Stack>
            {errors && Object.keys(errors).length === 0 && (
              <Alert severity="success" sx={{ mt: 1 }}>
                {translate('linli.forms.preview_ok')}
              </Alert>
            )}
          </>
        )}
      </Paper>
    </Box>
  );
}

function SectionsEditor({
  sections,
  onChange,
}: {
  sections: SectionDef[];
  onChange(next: SectionDef[]): void;
}) {
  const translate = useTranslate();
  return (
    <Stack spacing={1}>
      {sections.map((s, i) => (
        <Stack direction="row" spacing={1} key={i} alignItems="center">
          <TextField
            size="small"
            label={translate('linli.forms.key')}
            value={s.key}
            onChange={(e) =>
              onChange(sections.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))
            }
          />
          <TextField
            size="small"
            label={translate('linli.forms.title_zh')}
            value={s.title.zh}
            onChange={(e) =>
              onChange(
                sections.map((x, j) =>
                  j === i ? { ...x, title: { ...x.title, zh: e.target.value } } : x,
                ),
              )
            }
          />
          <TextField
            size="small"
            label={translate('linli.forms.title_en')}
            value={s.title.en ?? ''}
            onChange={(e) =>
              onChange(
                sections.map((x, j) =>
                  j === i ? { ...x, title: { ...x.title, en: e.target.value } } : x,
                ),
              )
            }
          />
          <IconButton
            aria-label={translate('linli.forms.remove')}
            onClick={() => onChange(sections.filter((_, j) => j !== i))}
          >
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <Box>
        <Button
          startIcon={<AddIcon />}
          onClick={() =>
            onChange([
              ...sections,
              { key: `s${sections.length + 1}`, title: { zh: `第${sections.length + 1}部分` } },
            ])
          }
        >
          {translate('linli.forms.add_section')}
        </Button>
      </Box>
    </Stack>
  );
}

function nextKey(fields: FieldDef[]): string {
  for (let n = fields.length + 1; ; n += 1)
    if (!fields.some((f) => f.key === `field${n}`)) return `field${n}`;
}

function newField(kind: FieldKind, fields: FieldDef[]): FieldDef {
  const base: FieldDef = { key: nextKey(fields), kind, label: { zh: '新字段', en: 'New field' } };
  if (kind === 'choice' || kind === 'multichoice') {
    base.options = [
      { value: 'a', label: { zh: '选项一', en: 'Option 1' } },
      { value: 'b', label: { zh: '选项二', en: 'Option 2' } },
    ];
  }
  if (kind === 'group')
    base.fields = [{ key: 'item', kind: 'text', label: { zh: '内容', en: 'Item' } }];
  return base;
}

export function FieldList({
  fields,
  sections,
  onChange,
  allowGroups,
}: {
  fields: FieldDef[];
  sections: SectionDef[];
  onChange(next: FieldDef[]): void;
  allowGroups: boolean;
}) {
  const translate = useTranslate();
  const lang = useLang();
  const [open, setOpen] = useState<number | null>(null);
  const [kind, setKind] = useState<FieldKind>('text');
  const move = (i: number, by: number) => {
    const next = [...fields];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item as FieldDef);
    onChange(next);
    setOpen(open === i ? i + by : open);
  };
  return (
    <Stack spacing={1}>
      {fields.length === 0 && (
        <Typography color="text.secondary">{translate('linli.forms.no_fields')}</Typography>
      )}
      {fields.map((field, i) => (
        <Paper key={i} variant="outlined" sx={{ p: 1 }} data-testid={`designer-field-${field.key}`}>
          <Stack direction="row" alignItems="center" spacing={1}>
            <Typography sx={{ flex: 1 }}>
              <strong>{labelIn(field.label, lang) || '—'}</strong>{' '}
              <Typography component="span" color="text.secondary" variant="body2">
                {field.key} · {translate(`enums.fieldKind.${field.kind}`)}
                {field.required ? ` · ${translate('linli.forms.required')}` : ''}
              </Typography>
            </Typography>
            <IconButton
              size="small"
              aria-label={translate('linli.forms.up')}
              disabled={i === 0}
              onClick={() => move(i, -1)}
            >
              <ArrowUpwardIcon fontSize="small" />
            </IconButton>
            <IconButton
              size="small"
              aria-label={translate('linli.forms.down')}
              disabled={i === fields.length - 1}
              onClick={() => move(i, 1)}
            >
              <ArrowDownwardIcon fontSize="small" />
            </IconButton>
            <IconButton
              size="small"
              aria-label={translate('linli.forms.edit')}
              onClick={() => setOpen(open === i ? null : i)}
            >
              <EditIcon fontSize="small" />
            </IconButton>
            <IconButton
              size="small"
              aria-label={translate('linli.forms.remove')}
              onClick={() => {
                onChange(fields.filter((_, j) => j !== i));
                setOpen(null);
              }}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Stack>
          {open === i && (
            <FieldEditor
              field={field}
              earlier={fields.slice(0, i)}
              sections={sections}
              onChange={(next) => onChange(fields.map((f, j) => (j === i ? next : f)))}
            />
          )}
        </Paper>
      ))}
      <Stack direction="row" spacing={1} alignItems="center">
        <TextField
          select
          size="small"
          label={translate('linli.forms.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as FieldKind)}
          sx={{ minWidth: 180 }}
          data-testid="designer-kind"
        >
          {FIELD_KINDS.filter((k) => allowGroups || k !== 'group').map((k) => (
            <MenuItem key={k} value={k}>
              {translate(`enums.fieldKind.${k}`)}
            </MenuItem>
          ))}
        </TextField>
        <Button
          startIcon={<AddIcon />}
          variant="outlined"
          onClick={() => {
            onChange([...fields, newField(kind, fields)]);
            setOpen(fields.length);
          }}
        >
          {translate('linli.forms.add_field')}
        </Button>
      </Stack>
    </Stack>
  );
}

const num = (text: string): number | undefined =>
  text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text);

function FieldEditor({
  field,
  earlier,
  sections,
  onChange,
}: {
  field: FieldDef;
  earlier: FieldDef[];
  sections: SectionDef[];
  onChange(next: FieldDef): void;
}) {
  const translate = useTranslate();
  const set = (patch: Partial<FieldDef>) => onChange(clean({ ...field, ...patch }));
  const t = (key: string) => translate(`linli.forms.${key}`);
  const text = (
    key: keyof FieldDef,
    label: string,
    value: unknown,
    parse: (s: string) => unknown = (s) => s,
    type = 'text',
  ) => (
    <TextField
      size="small"
      type={type}
      label={label}
      value={value === undefined || value === null ? '' : String(value)}
      onChange={(e) => set({ [key]: parse(e.target.value) } as Partial<FieldDef>)}
      InputLabelProps={type === 'date' ? { shrink: true } : undefined}
    />
  );
  const k = field.kind;
  return (
    <Stack spacing={1.5} sx={{ mt: 1.5 }} data-testid="field-editor">
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        {text('key', t('key'), field.key)}
        <TextField
          size="small"
          label={t('label_zh')}
          value={field.label.zh}
          onChange={(e) => set({ label: { ...field.label, zh: e.target.value } })}
          inputProps={{ 'data-testid': 'label-zh' }}
        />
        <TextField
          size="small"
          label={t('label_en')}
          value={field.label.en ?? ''}
          onChange={(e) => set({ label: { ...field.label, en: e.target.value } })}
        />
      </Stack>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        <TextField
          size="small"
          label={t('help_zh')}
          value={field.help?.zh ?? ''}
          onChange={(e) =>
            set({
              help:
                e.target.value || field.help?.en
                  ? { zh: e.target.value, en: field.help?.en }
                  : undefined,
            })
          }
        />
        <TextField
          size="small"
          label={t('help_en')}
          value={field.help?.en ?? ''}
          onChange={(e) =>
            set({
              help:
                field.help?.zh || e.target.value
                  ? { zh: field.help?.zh ?? '', en: e.target.value }
                  : undefined,
            })
          }
        />
        {sections.length > 0 && (
          <TextField
            select
            size="small"
            label={t('section')}
            value={field.section ?? ''}
            onChange={(e) => set({ section: e.target.value || undefined })}
            sx={{ minWidth: 140 }}
          >
            <MenuItem value="">{t('none')}</MenuItem>
            {sections.map((s) => (
              <MenuItem key={s.key} value={s.key}>
                {s.title.zh}
              </MenuItem>
            ))}
          </TextField>
        )}
        <FormControlLabel
          control={
            <Checkbox
              checked={!!field.required}
              onChange={(e) => set({ required: e.target.checked || undefined })}
            />
          }
          label={t('required')}
        />
      </Stack>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        {(k === 'integer' || k === 'number') && (
          <>
            {text('min', t('min'), field.min, num, 'number')}
            {text('max', t('max'), field.max, num, 'number')}
          </>
        )}
        {k === 'money' && (
          <>
            <TextField
              size="small"
              label={t('min_yuan')}
              defaultValue={typeof field.min === 'number' ? fenToYuan(field.min) : ''}
              onChange={(e) => set({ min: yuanToFen(e.target.value) ?? undefined })}
            />
            <TextField
              size="small"
              label={t('max_yuan')}
              defaultValue={typeof field.max === 'number' ? fenToYuan(field.max) : ''}
              onChange={(e) => set({ max: yuanToFen(e.target.value) ?? undefined })}
            />
          </>
        )}
        {k === 'date' && (
          <>
            {text('min', t('min_date'), field.min, (s) => s || undefined, 'date')}
            {text('max', t('max_date'), field.max, (s) => s || undefined, 'date')}
          </>
        )}
        {k === 'rating' && text('max', t('rating_max'), field.max, num, 'number')}
        {(k === 'text' || k === 'textarea') && (
          <>
            {text('minLength', t('min_length'), field.minLength, num, 'number')}
            {text('maxLength', t('max_length'), field.maxLength, num, 'number')}
            {text('pattern', t('pattern'), field.pattern, (s) => s || undefined)}
          </>
        )}
        {(k === 'multichoice' || k === 'group' || k === 'file') && (
          <>
            {text('minItems', t('min_items'), field.minItems, num, 'number')}
            {text('maxItems', t('max_items'), field.maxItems, num, 'number')}
          </>
        )}
        {k === 'file' && (
          <>
            <TextField
              size="small"
              sx={{ minWidth: 320 }}
              label={t('accept')}
              value={(field.accept ?? []).join(',')}
              onChange={(e) =>
                set({
                  accept: e.target.value
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean),
                })
              }
            />
            <TextField
              size="small"
              type="number"
              label={t('max_mb')}
              value={field.maxBytes ? field.maxBytes / 1024 / 1024 : ''}
              onChange={(e) =>
                set({
                  maxBytes:
                    num(e.target.value) !== undefined
                      ? Math.round((num(e.target.value) as number) * 1024 * 1024)
                      : undefined,
                })
              }
            />
          </>
        )}
        {k === 'area' && (
          <AreaRootPicker value={field.areaRoot} onChange={(areaRoot) => set({ areaRoot })} />
        )}
        {k === 'choice' && (
          <TextField
            select
            size="small"
            label={t('widget')}
            value={field.widget ?? 'radio'}
            onChange={(e) => set({ widget: e.target.value as FieldDef['widget'] })}
            sx={{ minWidth: 140 }}
          >
            <MenuItem value="radio">{t('widget_radio')}</MenuItem>
            <MenuItem value="select">{t('widget_select')}</MenuItem>
          </TextField>
        )}
      </Stack>
      {(k === 'choice' || k === 'multichoice') && (
        <OptionsEditor field={field} onChange={(options) => set({ options })} />
      )}
      {k === 'group' && (
        <Box sx={{ pl: 2, borderLeft: '3px solid #d9e2ec' }}>
          <Typography variant="subtitle2">{t('group_fields')}</Typography>
          <FieldList
            fields={field.fields ?? []}
            sections={[]}
            onChange={(fields) => set({ fields })}
            allowGroups={false}
          />
        </Box>
      )}
      <ConditionEditor
        label={t('show_if')}
        value={field.showIf}
        earlier={earlier}
        onChange={(showIf) => set({ showIf })}
      />
      <ConditionEditor
        label={t('require_if')}
        value={field.requireIf}
        earlier={earlier}
        onChange={(requireIf) => set({ requireIf })}
      />
    </Stack>
  );
}

function OptionsEditor({
  field,
  onChange,
}: {
  field: FieldDef;
  onChange(next: FieldDef['options']): void;
}) {
  const translate = useTranslate();
  const options = field.options ?? [];
  const t = (key: string) => translate(`linli.forms.${key}`);
  const patch = (i: number, p: Partial<{ value: string; zh: string; en: string }>) =>
    onChange(
      options.map((o, j) =>
        j === i
          ? { value: p.value ?? o.value, label: { zh: p.zh ?? o.label.zh, en: p.en ?? o.label.en } }
          : o,
      ),
    );
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2">{t('options')}</Typography>
      {options.map((o, i) => (
        <Stack direction="row" spacing={1} key={i} alignItems="center">
          <TextField
            size="small"
            label={t('option_value')}
            value={o.value}
            onChange={(e) => patch(i, { value: e.target.value })}
          />
          <TextField
            size="small"
            label={t('label_zh')}
            value={o.label.zh}
            onChange={(e) => patch(i, { zh: e.target.value })}
          />
          <TextField
            size="small"
            label={t('label_en')}
            value={o.label.en ?? ''}
            onChange={(e) => patch(i, { en: e.target.value })}
          />
          <IconButton
            aria-label={t('remove')}
            onClick={() => onChange(options.filter((_, j) => j !== i))}
          >
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <Box>
        <Button
          startIcon={<AddIcon />}
          onClick={() =>
            onChange([
              ...options,
              { value: `o${options.length + 1}`, label: { zh: `选项${options.length + 1}` } },
            ])
          }
        >
          {t('add_option')}
        </Button>
      </Box>
    </Stack>
  );
}

function ConditionEditor({
  label,
  value,
  earlier,
  onChange,
}: {
  label: string;
  value?: Condition;
  earlier: FieldDef[];
  onChange(next?: Condition): void;
}) {
  const translate = useTranslate();
  const lang = useLang();
  const t = (key: string) => translate(`linli.forms.${key}`);
  const candidates = earlier.filter((f) => f.kind !== 'group' && f.kind !== 'file');
  const source = candidates.find((f) => f.key === value?.field);
  const valuesText = (value?.values ?? []).map(String).join(',');
  const parseValues = (s: string) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) =>
        source?.kind === 'boolean'
          ? v === 'true'
          : source &&
              ['integer', 'rating', 'number'].includes(source.kind) &&
              !Number.isNaN(Number(v))
            ? Number(v)
            : v,
      );
  if (candidates.length === 0) return null;
  return (
    <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
      <Typography variant="body2" sx={{ minWidth: 110 }}>
        {label}
      </Typography>
      <TextField
        select
        size="small"
        label={t('condition_field')}
        value={value?.field ?? ''}
        onChange={(e) =>
          onChange(e.target.value ? { field: e.target.value, values: [] } : undefined)
        }
        sx={{ minWidth: 160 }}
      >
        <MenuItem value="">{t('none')}</MenuItem>
        {candidates.map((f) => (
          <MenuItem key={f.key} value={f.key}>
            {labelIn(f.label, lang)}
          </MenuItem>
        ))}
      </TextField>
      {source &&
      (source.kind === 'choice' || source.kind === 'multichoice' || source.kind === 'boolean') ? (
        (source.kind === 'boolean'
          ? [
              { value: 'true', label: { zh: '是', en: 'Yes' } },
              { value: 'false', label: { zh: '否', en: 'No' } },
            ]
          : (source.options ?? [])
        ).map((o) => {
          const typed = source.kind === 'boolean' ? o.value === 'true' : o.value;
          const checked = (value?.values ?? []).some((v) => v === typed);
          return (
            <FormControlLabel
              key={o.value}
              control={
                <Checkbox
                  checked={checked}
                  onChange={(e) =>
                    onChange({
                      field: source.key,
                      values: e.target.checked
                        ? [...(value?.values ?? []), typed]
                        : (value?.values ?? []).filter((v) => v !== typed),
                    })
                  }
                />
              }
              label={labelIn(o.label, lang)}
            />
          );
        })
      ) : source ? (
        <TextField
          size="small"
          label={t('condition_values')}
          defaultValue={valuesText}
          onChange={(e) => onChange({ field: source.key, values: parseValues(e.target.value) })}
        />
      ) : null}
    </Stack>
  );
}

function AreaRootPicker({ value, onChange }: { value?: string; onChange(next?: string): void }) {
  const translate = useTranslate();
  const [options, setOptions] = useState<{ id: string; label: string }[]>([]);
  const services = useMemo(() => restServices(null, localStorage.getItem('linli.jwt')), []);
  const [text, setText] = useState('');
  return (
    <Stack direction="row" spacing={1}>
      <TextField
        size="small"
        label={translate('linli.forms.area_root')}
        value={text}
        onChange={async (e) => {
          setText(e.target.value);
          const params = new URLSearchParams({
            'filters[name][$containsi]': e.target.value,
            'pagination[pageSize]': '20',
            'fields[0]': 'name',
          });
          const res = await fetch(`/api/cms/areas?${params}`);
          const body = await res.json();
          setOptions(
            (body.data ?? []).map((a: { documentId: string; name: string }) => ({
              id: a.documentId,
              label: a.name,
            })),
          );
        }}
      />
      <TextField
        select
        size="small"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
        sx={{ minWidth: 180 }}
      >
        <MenuItem value="">{translate('linli.forms.none')}</MenuItem>
        {value && !options.some((o) => o.id === value) && (
          <MenuItem value={value}>
            <RootLabel id={value} services={services} />
          </MenuItem>
        )}
        {options.map((o) => (
          <MenuItem key={o.id} value={o.id}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}

function RootLabel({ id, services }: { id: string; services: ReturnType<typeof restServices> }) {
  const [label, setLabel] = useState(id);
  useMemo(() => {
    services.labelOf?.('area', id).then(setLabel, () => undefined);
  }, [id, services]);
  return <>{label}</>;
}
