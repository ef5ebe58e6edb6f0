import AttachFileIcon from '@mui/icons-material/AttachFile';
import {
  Autocomplete,
  Box,
  Button,
  Chip,
  CircularProgress,
  Link,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useState } from 'react';
import { HttpError, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import type {
  Attachment,
  CaseSummary,
  DispatchTarget,
  SlaStatus,
} from '../../../plugins/cases/server/src/shared/contracts/cases';
import type {
  CategoryNode,
  Localised,
  StateKind,
} from '../../../plugins/cases/server/src/domain/types';
import { postAction } from '../actions';
import { formatDate } from '../dates';
import { fieldErrors, restJson, useRest } from '../rest';
import { mayUpload } from './access';
import { drivingDeadline } from './deadline';
import { byInputPath } from './paths';

export { byInputPath, normalisePath } from './paths';

export const CASES_API = '/api/cases';

/** The console's path of a case screen. */
export const caseLink = (documentId: string) => `/cases/${documentId}`;

/** A `Localised` name (or a plain string) in the reader's language, Chinese first. */
export function useLabel() {
  const [locale] = useLocaleState();
  return (value: Localised | string | null | undefined): string => {
    if (!value) return '';
    if (typeof value === 'string') return value;
    return (locale === 'en' ? value.en || value.zh : value.zh || value.en) ?? '';
  };
}

const KIND_COLOUR: Record<StateKind, 'info' | 'warning' | 'success' | 'default'> = {
  open: 'info',
  waiting: 'warning',
  resolved: 'success',
  closed: 'default',
};

/** A case's state, coloured by what it means for the clocks (open, waiting, resolved, closed). */
export function StateChip({ label, kind }: { label: Localised; kind: StateKind }) {
  const text = useLabel();
  return (
    <Chip
      size="small"
      label={text(label)}
      color={KIND_COLOUR[kind] ?? 'default'}
      variant={kind === 'closed' ? 'outlined' : 'filled'}
      data-testid="case-state"
      data-kind={kind}
    />
  );
}

const SLA_COLOUR: Record<SlaStatus, 'default' | 'success' | 'warning' | 'error'> = {
  none: 'default',
  on_time: 'success',
  due_soon: 'warning',
  overdue: 'error',
  paused: 'default',
  met: 'success',
  missed: 'error',
};

/**
 * The clock: due soon amber, overdue red, paused grey, with the deadline it reads in China time —
 * this step's, named by the step ("待签收 … 到期"), when that one comes first.
 */
export function SlaBadge({
  status,
  dueAt,
  stateDueAt,
  stateLabel,
}: {
  status: SlaStatus;
  dueAt: string | null;
  stateDueAt?: string | null;
  stateLabel?: Localised;
}) {
  const translate = useTranslate();
  const text = useLabel();
  if (status === 'none') return null;
  const deadline = drivingDeadline(status, dueAt, stateDueAt);
  const chip = (
    <Chip
      size="small"
      label={translate(`linli.cases.sla.${status}`)}
      color={SLA_COLOUR[status]}
      variant={status === 'on_time' || status === 'met' ? 'outlined' : 'filled'}
      data-testid="case-sla"
      data-sla={status}
    />
  );
  return (
    <Stack direction="row" spacing={0.5} alignItems="center" sx={{ whiteSpace: 'nowrap' }}>
      {chip}
      {deadline && (
        <Typography variant="caption" color="text.secondary" data-testid="case-sla-due">
          {deadline.step && stateLabel
            ? translate('linli.cases.sla.step_due', {
                step: text(stateLabel),
                time: formatDate(deadline.at, true),
              })
            : translate('linli.cases.sla.due', { time: formatDate(deadline.at, true) })}
        </Typography>
      )}
    </Stack>
  );
}

/** The case's category and item, "市容环境 / 占道经营". */
export function useCategoryText() {
  const text = useLabel();
  return (c: Pick<CaseSummary, 'categoryLabel' | 'itemLabel' | 'category' | 'item'>) =>
    [text(c.categoryLabel) || c.category, text(c.itemLabel) || c.item].filter(Boolean).join(' / ');
}

/** Working minutes as people read them: 8 hours a working day (the calendar's usual hours). */
export const MINUTES_PER_DAY = 480;
export function useWorkingTime() {
  const translate = useTranslate();
  return (minutes: number | null | undefined): string => {
    if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '';
    if (minutes >= MINUTES_PER_DAY && minutes % MINUTES_PER_DAY === 0)
      return translate('linli.cases.time.days', { n: minutes / MINUTES_PER_DAY });
    if (minutes % 60 === 0) return translate('linli.cases.time.hours', { n: minutes / 60 });
    return translate('linli.cases.time.minutes', { n: minutes });
  };
}

const isImage = (a: Attachment) => a.mime.startsWith('image/');

/** Attachments: images as thumbnails (opening the full picture), other files as links. */
export function AttachmentList({ items }: { items: readonly Attachment[] }) {
  if (!items.length) return null;
  return (
    <Stack direction="row" flexWrap="wrap" gap={1} sx={{ mt: 1 }} data-testid="attachments">
      {items.map((a) =>
        isImage(a) ? (
          <Link key={a.id} href={a.url} target="_blank" rel="noopener">
            <Box
              component="img"
              src={a.url}
              alt={a.name}
              sx={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 1, display: 'block' }}
            />
          </Link>
        ) : (
          <Chip
            key={a.id}
            icon={<AttachFileIcon />}
            label={a.name}
            component="a"
            href={a.url}
            target="_blank"
            clickable
            size="small"
          />
        ),
      )}
    </Stack>
  );
}

/**
 * Uploads files to POST /api/cases/attachments (checked like form uploads) and keeps what the
 * server answered; the caller sends their ids.
 */
export function AttachmentInput({
  value,
  onChange,
  error,
  required = false,
}: {
  value: Attachment[];
  onChange: (next: Attachment[]) => void;
  error?: string;
  required?: boolean;
}) {
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const mayAttach = mayUpload();
  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    const body = new FormData();
    for (const file of Array.from(files)) body.append('files', file);
    setBusy(true);
    setFailure(null);
    try {
      const added = await restJson<Attachment[]>(`${CASES_API}/attachments`, {
        method: 'POST',
        body,
      });
      onChange([...value, ...added]);
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (!mayAttach && !required) return null;
  return (
    <Box sx={{ mt: 1 }}>
      <Stack direction="row" spacing={1} alignItems="center">
        <Button
          component="label"
          variant="outlined"
          size="small"
          startIcon={busy ? <CircularProgress size={16} /> : <AttachFileIcon />}
          disabled={busy}
        >
          {translate(
            required ? 'linli.cases.attachments.add_required' : 'linli.cases.attachments.add',
          )}
          <input
            hidden
            type="file"
            multiple
            accept="image/*,application/pdf"
            data-testid="attachment-input"
            onChange={(e) => {
              void upload(e.target.files);
              e.target.value = '';
            }}
          />
        </Button>
      </Stack>
      <Stack direction="row" flexWrap="wrap" gap={1} sx={{ mt: 1 }}>
        {value.map((a) => (
          <Chip
            key={a.id}
            size="small"
            label={a.name}
            onDelete={() => onChange(value.filter((x) => x.id !== a.id))}
          />
        ))}
      </Stack>
      {(error || failure) && (
        <Typography variant="caption" color="error">
          {error ?? failure}
        </Typography>
      )}
    </Box>
  );
}

/** One dispatch target as GET /targets lists it (see the report: the row shape is assumed). */
export interface TargetRow {
  documentId?: string;
  id?: string | number;
  name: string;
  path?: string | null;
  kind?: string | null;
  unit?: string | null;
}
export interface TargetsAnswer {
  communities: TargetRow[];
  organisations: TargetRow[];
  people: TargetRow[];
}

const KINDS: DispatchTarget['kind'][] = ['community', 'organisation', 'person'];

/** Whom to dispatch or transfer to: a community, an organisation or a person (GET /targets). */
export function TargetPicker({
  value,
  onChange,
  error,
}: {
  value: DispatchTarget | null;
  onChange: (target: DispatchTarget | null) => void;
  error?: string;
}) {
  const translate = useTranslate();
  const targets = useRest<TargetsAnswer>(`${CASES_API}/targets`);
  const [kind, setKind] = useState<DispatchTarget['kind']>(value?.kind ?? 'community');
  const rows =
    kind === 'community'
      ? (targets?.communities ?? [])
      : kind === 'organisation'
        ? (targets?.organisations ?? [])
        : (targets?.people ?? []);
  const idOf = (row: TargetRow): string | number =>
    kind === 'person' ? (row.id ?? row.documentId ?? '') : (row.documentId ?? row.id ?? '');
  const selected = value ? (rows.find((r) => idOf(r) === value.id) ?? null) : null;
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1 }}>
      <TextField
        select
        label={translate('linli.cases.target.kind')}
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as DispatchTarget['kind']);
          onChange(null);
        }}
        sx={{ minWidth: 140 }}
      >
        {KINDS.map((k) => (
          <MenuItem key={k} value={k}>
            {translate(`linli.cases.target.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      <Autocomplete
        options={rows}
        loading={!targets}
        value={selected}
        onChange={(_, row) => onChange(row ? { kind, id: idOf(row) } : null)}
        getOptionLabel={(r) => [r.name, r.unit ?? r.path].filter(Boolean).join(' · ')}
        isOptionEqualToValue={(a, b) => idOf(a) === idOf(b)}
        noOptionsText={translate('linli.no_options')}
        sx={{ flex: 1, minWidth: { xs: 0, sm: 280 } }}
        renderInput={(params) => (
          <TextField
            {...params}
            label={translate('linli.cases.target.pick')}
            error={!!error}
            helperText={error}
            inputProps={{ ...params.inputProps, 'data-testid': 'target-input' }}
          />
        )}
      />
    </Stack>
  );
}

/** A category and item pair picked from a type's tree (the item only when the category has some). */
export function CategoryCascader({
  categories,
  category,
  item,
  onChange,
  errors = {},
  required = false,
}: {
  categories: readonly CategoryNode[];
  category: string;
  item: string;
  onChange: (category: string, item: string) => void;
  errors?: { category?: string; item?: string };
  required?: boolean;
}) {
  const translate = useTranslate();
  const text = useLabel();
  const items = categories.find((c) => c.key === category)?.children ?? [];
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1 }}>
      <TextField
        select
        required={required}
        label={translate('linli.cases.fields.category')}
        value={category}
        onChange={(e) => onChange(e.target.value, '')}
        error={!!errors.category}
        helperText={errors.category}
        sx={{ minWidth: 200 }}
        inputProps={{ 'data-testid': 'category-select' }}
      >
        {categories.map((c) => (
          <MenuItem key={c.key} value={c.key}>
            {text(c.label)}
          </MenuItem>
        ))}
      </TextField>
      {items.length > 0 && (
        <TextField
          select
          label={translate('linli.cases.fields.item')}
          value={item}
          onChange={(e) => onChange(category, e.target.value)}
          error={!!errors.item}
          helperText={errors.item}
          sx={{ minWidth: 200 }}
        >
          {items.map((c) => (
            <MenuItem key={c.key} value={c.key}>
              {text(c.label)}
            </MenuItem>
          ))}
        </TextField>
      )}
    </Stack>
  );
}

/**
 * Runs one of a case's actions from a dialog: field errors under the dialog's fields, anything
 * else above its buttons. A 409 means someone moved the case meanwhile: the dialog says so and
 * the screen reloads, so the buttons match the new state.
 */
export function useCaseAction() {
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const reset = useCallback(() => {
    setErrors({});
    setGeneral(null);
  }, []);
  const run = useCallback(
    async (url: string, body: object, fields: readonly string[] = []): Promise<boolean> => {
      reset();
      try {
        await postAction(url, body);
        notify('linli.cases.done', { type: 'success' });
        refresh();
        return true;
      } catch (error) {
        if (error instanceof HttpError && error.status === 409) {
          setGeneral(translate('linli.cases.stale'));
          notify('linli.cases.stale', { type: 'warning' });
          refresh();
          return false;
        }
        const all = byInputPath(fieldErrors(error));
        const shown = Object.fromEntries(
          Object.entries(all).filter(([path]) =>
            fields.some((f) => path === f || path.startsWith(`${f}.`)),
          ),
        );
        setErrors(shown);
        if (Object.keys(shown).length < Object.keys(all).length || !Object.keys(all).length)
          setGeneral((error as Error).message);
        return false;
      }
    },
    [notify, refresh, reset, translate],
  );
  return { run, errors, general, reset };
}

/**
 * Posts a create-like action from a react-admin form: answers the record, or the server's field
 * errors for the form to show under its inputs (and a toast for what names no field).
 */
export function useFormPost() {
  const notify = useNotify();
  return async <T,>(
    url: string,
    body: object,
    onDone: (answer: T) => void,
    done: string,
  ): Promise<Record<string, string> | undefined> => {
    try {
      const answer = await postAction<T>(url, body);
      notify(done, { type: 'success' });
      onDone(answer);
      return undefined;
    } catch (error) {
      const errors = fieldErrors(error);
      notify((error as Error).message, {
        type: 'error',
        messageArgs: { _: (error as Error).message },
      });
      return Object.keys(errors).length ? errors : undefined;
    }
  };
}

/**
 * A page's root: one grid column that may shrink below its content, so a wide table scrolls in
 * its own box on a phone instead of widening the whole page (the layout's content is a flex item
 * that otherwise grows to the table's width).
 */
export const PAGE_SX = { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' } as const;
