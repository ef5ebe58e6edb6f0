import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Autocomplete,
  Box,
  FormControlLabel,
  IconButton,
  Radio,
  RadioGroup,
  Rating,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type {
  Attachment,
  CaseDetail,
  CaseSummary,
  DispatchTarget,
  WhistleRow,
} from '../../../plugins/cases/server/src/shared/contracts/cases';
import { useRest } from '../rest';
import { CaseDialog } from './CaseDialog';
import { mayOperate, mayTransition, mayWhistleStep } from './access';
import {
  AttachmentInput,
  CASES_API,
  CategoryCascader,
  TargetPicker,
  useCaseAction,
  useLabel,
  type TargetsAnswer,
} from './shared';

type Action = CaseDetail['actions'][number];
type Operation = CaseDetail['operations'][number];

const caseUrl = (c: CaseDetail, path: string) => `${CASES_API}/cases/${c.documentId}/${path}`;

/** The note input every dialog shares: required or optional, with the server's refusal under it. */
function NoteInput({
  value,
  onChange,
  required,
  error,
  label = 'linli.cases.fields.note',
}: {
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  error?: string;
  label?: string;
}) {
  const translate = useTranslate();
  return (
    <TextField
      fullWidth
      multiline
      minRows={2}
      required={required}
      label={translate(label)}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error}
      sx={{ mt: 1 }}
      inputProps={{ 'data-testid': 'note-input' }}
    />
  );
}

const CASE_FIELDS_AS_TEXT = ['address', 'title', 'description'] as const;

/**
 * One workflow transition the viewer may take (the server's `actions`): asks for what `requires`
 * says, a target for dispatch and transfer, and sends the state shown as `expectedState`.
 */
function TransitionButton({
  detail,
  action,
  stateName,
}: {
  detail: CaseDetail;
  action: Action;
  stateName: (key: string) => string;
}) {
  const translate = useTranslate();
  const text = useLabel();
  const { run, errors, general, reset } = useCaseAction();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [target, setTarget] = useState<DispatchTarget | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const needsTarget = action.effect === 'dispatch' || action.effect === 'transfer';
  const needsNote =
    !!action.requires?.note || action.effect === 'reply' || action.effect === 'return';
  const needsFiles = !!action.requires?.attachments;
  const requiredFields = action.requires?.fields ?? [];
  const missing =
    (needsNote && !note.trim()) ||
    (needsFiles && files.length === 0) ||
    (needsTarget && !target) ||
    requiredFields.some((f) => !fields[f]?.trim());
  const irreversible = action.effect === 'close' || action.effect === 'return';
  return (
    <CaseDialog
      title={text(action.label)}
      testId={`transition-${action.key}`}
      variant="contained"
      color={
        action.effect === 'close' ? 'success' : action.effect === 'return' ? 'warning' : 'primary'
      }
      consequence={translate('linli.cases.action.consequence', {
        action: text(action.label),
        state: stateName(action.to),
      })}
      warning={irreversible ? translate(`linli.cases.action.warn_${action.effect}`) : undefined}
      error={general}
      confirmDisabled={missing}
      wide={needsTarget}
      onOpen={() => {
        reset();
        setNote('');
        setFiles([]);
        setTarget(null);
        setFields(
          Object.fromEntries(
            requiredFields.map((f) => {
              const current = (detail as unknown as Record<string, unknown>)[f];
              return [f, typeof current === 'string' ? current : ''];
            }),
          ),
        );
      }}
      onConfirm={() =>
        run(
          caseUrl(detail, 'transition'),
          {
            transition: action.key,
            expectedState: detail.state,
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(files.length ? { attachments: files.map((f) => f.id) } : {}),
            ...(target ? { target } : {}),
            ...(requiredFields.length ? { fields } : {}),
          },
          ['note', 'attachments', 'target', 'fields'],
        )
      }
    >
      {needsTarget && (
        <TargetPicker
          value={target}
          onChange={setTarget}
          error={errors.target ?? errors['target.id']}
        />
      )}
      {(requiredFields.includes('category') || requiredFields.includes('item')) && (
        <CategoryCascader
          categories={detail.categories}
          category={fields.category ?? ''}
          item={fields.item ?? ''}
          required
          onChange={(category, item) => setFields((v) => ({ ...v, category, item }))}
          errors={{ category: errors['fields.category'], item: errors['fields.item'] }}
        />
      )}
      {requiredFields
        .filter((f) => f !== 'category' && f !== 'item')
        .map((f) => (
          <TextField
            key={f}
            fullWidth
            required
            label={translate(`linli.cases.fields.${f}`, { _: f })}
            value={fields[f] ?? ''}
            onChange={(e) => setFields((v) => ({ ...v, [f]: e.target.value }))}
            error={!!errors[`fields.${f}`]}
            helperText={errors[`fields.${f}`]}
            multiline={(CASE_FIELDS_AS_TEXT as readonly string[]).includes(f) && f !== 'title'}
            sx={{ mt: 1 }}
          />
        ))}
      <NoteInput
        value={note}
        onChange={setNote}
        required={needsNote}
        error={errors.note}
        label={action.effect === 'reply' ? 'linli.cases.fields.reply' : 'linli.cases.fields.note'}
      />
      <AttachmentInput
        value={files}
        onChange={setFiles}
        required={needsFiles}
        error={errors.attachments}
      />
    </CaseDialog>
  );
}

/** 督办: a supervisor presses the assignee, with a note. */
function PressButton({ detail }: { detail: CaseDetail }) {
  const translate = useTranslate();
  const { run, errors, general, reset } = useCaseAction();
  const [note, setNote] = useState('');
  return (
    <CaseDialog
      title={translate('linli.cases.op.press')}
      testId="op-press"
      color="warning"
      error={general}
      consequence={translate('linli.cases.op.press_consequence')}
      confirmDisabled={!note.trim()}
      onOpen={() => {
        reset();
        setNote('');
      }}
      onConfirm={() => run(caseUrl(detail, 'press'), { note: note.trim() }, ['note'])}
    >
      <NoteInput value={note} onChange={setNote} required error={errors.note} />
    </CaseDialog>
  );
}

/** 申请延期: working days and a reason. */
function ExtendButton({ detail }: { detail: CaseDetail }) {
  const translate = useTranslate();
  const { run, errors, general, reset } = useCaseAction();
  const [days, setDays] = useState('1');
  const [reason, setReason] = useState('');
  const n = Number(days);
  return (
    <CaseDialog
      title={translate('linli.cases.op.extend')}
      testId="op-extend"
      error={general}
      confirmDisabled={!reason.trim() || !Number.isInteger(n) || n < 1}
      onOpen={() => {
        reset();
        setDays('1');
        setReason('');
      }}
      onConfirm={() =>
        run(caseUrl(detail, 'extension'), { workingDays: n, reason: reason.trim() }, [
          'workingDays',
          'reason',
        ])
      }
    >
      <TextField
        type="number"
        required
        label={translate('linli.cases.fields.working_days')}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={!!errors.workingDays}
        helperText={errors.workingDays}
        inputProps={{ min: 1, step: 1 }}
        sx={{ mt: 1 }}
      />
      <NoteInput
        value={reason}
        onChange={setReason}
        required
        error={errors.reason}
        label="linli.cases.fields.reason"
      />
    </CaseDialog>
  );
}

/** 审批延期: grant or refuse the pending request. */
function DecideExtensionButton({ detail }: { detail: CaseDetail }) {
  const translate = useTranslate();
  const { run, errors, general, reset } = useCaseAction();
  const [grant, setGrant] = useState<'grant' | 'refuse'>('grant');
  const [note, setNote] = useState('');
  return (
    <CaseDialog
      title={translate('linli.cases.op.decide_extension')}
      testId="op-decide-extension"
      error={general}
      consequence={
        detail.extension
          ? translate('linli.cases.extension.asked', {
              days: detail.extension.workingDays,
              reason: detail.extension.reason,
            })
          : undefined
      }
      confirmDisabled={grant === 'refuse' && !note.trim()}
      onOpen={() => {
        reset();
        setGrant('grant');
        setNote('');
      }}
      onConfirm={() =>
        run(
          caseUrl(detail, 'extension/decide'),
          { grant: grant === 'grant', ...(note.trim() ? { note: note.trim() } : {}) },
          ['grant', 'note'],
        )
      }
    >
      <RadioGroup
        row
        value={grant}
        onChange={(e) => setGrant(e.target.value as 'grant' | 'refuse')}
      >
        <FormControlLabel
          value="grant"
          control={<Radio />}
          label={translate('linli.cases.extension.grant')}
        />
        <FormControlLabel
          value="refuse"
          control={<Radio />}
          label={translate('linli.cases.extension.refuse')}
        />
      </RadioGroup>
      <NoteInput
        value={note}
        onChange={setNote}
        required={grant === 'refuse'}
        error={errors.note}
      />
    </CaseDialog>
  );
}

/** Picks another case by its number or title through the queue's search (GET /queue?view=all&q=). */
function CasePicker({
  value,
  onChange,
  exclude,
  error,
}: {
  value: CaseSummary | null;
  onChange: (c: CaseSummary | null) => void;
  exclude: string;
  error?: string;
}) {
  const translate = useTranslate();
  const [q, setQ] = useState('');
  const rows = useRest<CaseSummary[]>(
    q.trim().length >= 2
      ? `${CASES_API}/queue?view=all&pageSize=20&q=${encodeURIComponent(q.trim())}`
      : null,
  );
  return (
    <Autocomplete
      options={(rows ?? []).filter((c) => c.documentId !== exclude)}
      value={value}
      onChange={(_, v) => onChange(v)}
      onInputChange={(_, v) => setQ(v)}
      filterOptions={(x) => x}
      getOptionLabel={(c) => `${c.number} · ${c.title}`}
      isOptionEqualToValue={(a, b) => a.documentId === b.documentId}
      noOptionsText={translate('linli.cases.merge.type_number')}
      renderInput={(params) => (
        <TextField
          {...params}
          required
          label={translate('linli.cases.merge.into')}
          error={!!error}
          helperText={error}
          inputProps={{ ...params.inputProps, 'data-testid': 'merge-into' }}
        />
      )}
      sx={{ mt: 1 }}
    />
  );
}

/** 合并: this case goes into another (a duplicate report); irreversible. */
function MergeButton({ detail }: { detail: CaseDetail }) {
  const translate = useTranslate();
  const { run, errors, general, reset } = useCaseAction();
  const [into, setInto] = useState<CaseSummary | null>(null);
  const [note, setNote] = useState('');
  return (
    <CaseDialog
      title={translate('linli.cases.op.merge')}
      testId="op-merge"
      color="warning"
      error={general}
      warning={translate('linli.cases.merge.warning')}
      confirmDisabled={!into}
      wide
      onOpen={() => {
        reset();
        setInto(null);
        setNote('');
      }}
      onConfirm={() =>
        run(
          caseUrl(detail, 'merge'),
          { into: into?.documentId, ...(note.trim() ? { note: note.trim() } : {}) },
          ['into', 'note'],
        )
      }
    >
      <CasePicker value={into} onChange={setInto} exclude={detail.documentId} error={errors.into} />
      <NoteInput value={note} onChange={setNote} error={errors.note} />
    </CaseDialog>
  );
}

interface Part {
  title: string;
  category: string;
  item: string;
}

/** 拆分: the case becomes parts, each its own case (a title, optionally its category and item). */
function SplitButton({ detail }: { detail: CaseDetail }) {
  const translate = useTranslate();
  const { run, errors, general, reset } = useCaseAction();
  const empty = (): Part => ({
    title: '',
    category: detail.category ?? '',
    item: detail.item ?? '',
  });
  const [parts, setParts] = useState<Part[]>([empty(), empty()]);
  const [note, setNote] = useState('');
  const setPart = (i: number, patch: Partial<Part>) =>
    setParts((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <CaseDialog
      title={translate('linli.cases.op.split')}
      testId="op-split"
      color="warning"
      error={general}
      warning={translate('linli.cases.split.warning')}
      confirmDisabled={parts.length < 1 || parts.some((p) => !p.title.trim())}
      wide
      onOpen={() => {
        reset();
        setParts([empty(), empty()]);
        setNote('');
      }}
      onConfirm={() =>
        run(
          caseUrl(detail, 'split'),
          {
            parts: parts.map((p) => ({
              title: p.title.trim(),
              ...(p.category ? { category: p.category } : {}),
              ...(p.item ? { item: p.item } : {}),
            })),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
          ['parts', 'note'],
        )
      }
    >
      {parts.map((p, i) => (
        <Box key={i} sx={{ borderBottom: 1, borderColor: 'divider', pb: 1, mb: 1 }}>
          <Stack direction="row" spacing={1} alignItems="center">
            <TextField
              fullWidth
              required
              label={translate('linli.cases.split.part', { n: i + 1 })}
              value={p.title}
              onChange={(e) => setPart(i, { title: e.target.value })}
              error={!!errors[`parts.${i}.title`]}
              helperText={errors[`parts.${i}.title`]}
              sx={{ mt: 1 }}
            />
            <IconButton
              aria-label={translate('linli.cases.split.remove')}
              disabled={parts.length <= 1}
              onClick={() => setParts((ps) => ps.filter((_, j) => j !== i))}
            >
              <DeleteIcon />
            </IconButton>
          </Stack>
          {detail.categories.length > 0 && (
            <CategoryCascader
              categories={detail.categories}
              category={p.category}
              item={p.item}
              onChange={(category, item) => setPart(i, { category, item })}
              errors={{
                category: errors[`parts.${i}.category`],
                item: errors[`parts.${i}.item`],
              }}
            />
          )}
        </Box>
      ))}
      <IconButton
        aria-label={translate('linli.cases.split.add')}
        disabled={parts.length >= 10}
        onClick={() => setParts((ps) => [...ps, empty()])}
      >
        <AddIcon />
      </IconButton>
      {errors.parts && (
        <Typography variant="caption" color="error" display="block">
          {errors.parts}
        </Typography>
      )}
      <NoteInput value={note} onChange={setNote} error={errors.note} />
    </CaseDialog>
  );
}

/** The five satisfaction levels' words (5 满意 … 1 不满意), under the stars. */
function Stars({
  value,
  onChange,
  error,
  testId,
}: {
  value: number | null;
  onChange: (v: number | null) => void;
  error?: string;
  testId: string;
}) {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 1 }}>
      <Rating
        value={value}
        onChange={(_, v) => onChange(v)}
        getLabelText={(v) => translate(`linli.cases.satisfaction.${v}`)}
        data-testid={testId}
      />
      {value && (
        <Typography variant="caption" display="block" color="text.secondary">
          {translate(`linli.cases.satisfaction.${value}`)}
        </Typography>
      )}
      {error && (
        <Typography variant="caption" color="error" display="block">
          {error}
        </Typography>
      )}
    </Box>
  );
}

/** 回访: staff call the reporter back and record their satisfaction. */
function CallbackButton({ detail }: { detail: CaseDetail }) {
  const translate = useTranslate();
  const { run, errors, general, reset } = useCaseAction();
  const [stars, setStars] = useState<number | null>(null);
  const [note, setNote] = useState('');
  return (
    <CaseDialog
      title={translate('linli.cases.op.callback')}
      testId="op-callback"
      error={general}
      confirmDisabled={!stars}
      onOpen={() => {
        reset();
        setStars(null);
        setNote('');
      }}
      onConfirm={() =>
        run(
          caseUrl(detail, 'callback'),
          { satisfaction: stars, ...(note.trim() ? { note: note.trim() } : {}) },
          ['satisfaction', 'note'],
        )
      }
    >
      <Stars
        value={stars}
        onChange={setStars}
        error={errors.satisfaction}
        testId="callback-stars"
      />
      <NoteInput value={note} onChange={setNote} error={errors.note} />
    </CaseDialog>
  );
}

/** 吹哨: call departments in, under one of the type's whistle categories. */
function WhistleButton({ detail }: { detail: CaseDetail }) {
  const translate = useTranslate();
  const { run, errors, general, reset } = useCaseAction();
  const targets = useRest<TargetsAnswer>(`${CASES_API}/targets`);
  const departments = (targets?.organisations ?? []).filter(
    (o) => !o.kind || o.kind === 'department',
  );
  const [picked, setPicked] = useState<string[]>([]);
  const [category, setCategory] = useState('');
  const [item, setItem] = useState('');
  const [note, setNote] = useState('');
  const categories = detail.whistleCategories ?? [];
  return (
    <CaseDialog
      title={translate('linli.cases.op.whistle')}
      testId="op-whistle"
      color="secondary"
      error={general}
      consequence={translate('linli.cases.whistle.consequence')}
      confirmDisabled={!picked.length || !category || !note.trim()}
      wide
      onOpen={() => {
        reset();
        setPicked([]);
        setCategory('');
        setItem('');
        setNote('');
      }}
      onConfirm={() =>
        run(
          caseUrl(detail, 'whistle'),
          { departments: picked, category, ...(item ? { item } : {}), note: note.trim() },
          ['departments', 'category', 'item', 'note'],
        )
      }
    >
      <Autocomplete
        multiple
        options={departments}
        loading={!targets}
        value={departments.filter((d) => picked.includes(String(d.documentId ?? d.id)))}
        onChange={(_, rows) => setPicked(rows.map((d) => String(d.documentId ?? d.id)))}
        getOptionLabel={(d) => d.name}
        isOptionEqualToValue={(a, b) => (a.documentId ?? a.id) === (b.documentId ?? b.id)}
        noOptionsText={translate('linli.no_options')}
        renderInput={(params) => (
          <TextField
            {...params}
            required
            label={translate('linli.cases.whistle.departments')}
            error={!!errors.departments}
            helperText={errors.departments}
            inputProps={{ ...params.inputProps, 'data-testid': 'whistle-departments' }}
          />
        )}
        sx={{ mt: 1 }}
      />
      <CategoryCascader
        categories={categories}
        category={category}
        item={item}
        required
        onChange={(c, i) => {
          setCategory(c);
          setItem(i);
        }}
        errors={{ category: errors.category, item: errors.item }}
      />
      <NoteInput value={note} onChange={setNote} required error={errors.note} />
    </CaseDialog>
  );
}

/** 备注: a note (and files) on the timeline; moves nothing. */
function CommentButton({ detail }: { detail: CaseDetail }) {
  const translate = useTranslate();
  const { run, errors, general, reset } = useCaseAction();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  return (
    <CaseDialog
      title={translate('linli.cases.op.comment')}
      testId="op-comment"
      error={general}
      confirmDisabled={!note.trim()}
      onOpen={() => {
        reset();
        setNote('');
        setFiles([]);
      }}
      onConfirm={() =>
        run(
          caseUrl(detail, 'comment'),
          { note: note.trim(), ...(files.length ? { attachments: files.map((f) => f.id) } : {}) },
          ['note', 'attachments'],
        )
      }
    >
      <NoteInput value={note} onChange={setNote} required error={errors.note} />
      <AttachmentInput value={files} onChange={setFiles} error={errors.attachments} />
    </CaseDialog>
  );
}

const OPERATIONS: Record<Operation, (p: { detail: CaseDetail }) => JSX.Element> = {
  press: PressButton,
  extend: ExtendButton,
  decide_extension: DecideExtensionButton,
  merge: MergeButton,
  split: SplitButton,
  comment: CommentButton,
  callback: CallbackButton,
  whistle: WhistleButton,
};

/** Exactly the transitions and operations the server offers this viewer now. */
export function CaseButtons({
  detail,
  stateName,
}: {
  detail: CaseDetail;
  /** a state's name by its key (the type's definition; the key when unknown) */
  stateName: (key: string) => string;
}) {
  return (
    <Stack direction="row" flexWrap="wrap" gap={1} data-testid="case-actions">
      {(mayTransition() ? detail.actions : []).map((a) => (
        <TransitionButton key={a.key} detail={detail} action={a} stateName={stateName} />
      ))}
      {detail.operations
        .filter((op) => op in OPERATIONS && mayOperate(op))
        .map((op) => {
          const Op = OPERATIONS[op];
          return <Op key={op} detail={detail} />;
        })}
    </Stack>
  );
}

const whistleUrl = (w: WhistleRow, path: string) => `${CASES_API}/whistles/${w.documentId}/${path}`;

/** 报到, 办结反馈, 评价 on one whistle, as `mayReport` / `mayAct` / `mayRate` allow. */
export function WhistleButtons({ whistle }: { whistle: WhistleRow }) {
  const translate = useTranslate();
  const report = useCaseAction();
  const act = useCaseAction();
  const rate = useCaseAction();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [stars, setStars] = useState<number | null>(null);
  const open = (reset: () => void) => () => {
    reset();
    setNote('');
    setFiles([]);
    setStars(null);
  };
  return (
    <Stack direction="row" gap={1} flexWrap="wrap">
      {whistle.mayReport && mayWhistleStep('report') && (
        <CaseDialog
          title={translate('linli.cases.whistle.report')}
          testId="whistle-report"
          variant="contained"
          consequence={translate('linli.cases.whistle.report_consequence')}
          error={report.general}
          onOpen={open(report.reset)}
          onConfirm={() =>
            report.run(whistleUrl(whistle, 'report'), note.trim() ? { note: note.trim() } : {}, [
              'note',
            ])
          }
        >
          <NoteInput value={note} onChange={setNote} error={report.errors.note} />
        </CaseDialog>
      )}
      {whistle.mayAct && mayWhistleStep('act') && (
        <CaseDialog
          title={translate('linli.cases.whistle.act')}
          testId="whistle-act"
          variant="contained"
          error={act.general}
          confirmDisabled={!note.trim()}
          onOpen={open(act.reset)}
          onConfirm={() =>
            act.run(
              whistleUrl(whistle, 'act'),
              {
                note: note.trim(),
                ...(files.length ? { attachments: files.map((f) => f.id) } : {}),
              },
              ['note', 'attachments'],
            )
          }
        >
          <NoteInput value={note} onChange={setNote} required error={act.errors.note} />
          <AttachmentInput value={files} onChange={setFiles} error={act.errors.attachments} />
        </CaseDialog>
      )}
      {whistle.mayRate && mayWhistleStep('rate') && (
        <CaseDialog
          title={translate('linli.cases.whistle.rate')}
          testId="whistle-rate"
          variant="contained"
          error={rate.general}
          warning={translate('linli.cases.whistle.rate_warning')}
          confirmDisabled={!stars}
          onOpen={open(rate.reset)}
          onConfirm={() =>
            rate.run(
              whistleUrl(whistle, 'rate'),
              { rating: stars, ...(note.trim() ? { note: note.trim() } : {}) },
              ['rating', 'note'],
            )
          }
        >
          <Stars
            value={stars}
            onChange={setStars}
            error={rate.errors.rating}
            testId="whistle-stars"
          />
          <NoteInput value={note} onChange={setNote} error={rate.errors.note} />
        </CaseDialog>
      )}
    </Stack>
  );
}
