import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Autocomplete,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  IconButton,
  MenuItem,
  Radio,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { STAFF_ROLES } from '../../../cms/server/src/domain/scope';
import {
  EFFECTS,
  STATE_KINDS,
  TAKERS,
  type CaseTypeDefinition,
  type CategoryNode,
  type DispatchRule,
  type Effect,
  type Localised,
  type StateKind,
  type Taker,
  type Transition,
  type WhistleRules,
  type WorkflowState,
} from '../../../plugins/cases/server/src/domain/types';
import { useRest } from '../rest';
import { CASES_API, useLabel, useWorkingTime, type TargetRow, type TargetsAnswer } from './shared';

/** The designer's issues by path (`workflow.states.1.key`), in the UI language. */
export type Issues = Record<string, string>;

/** A number typed as text: kept as typed while it is not a number, handed on when it is. */
export function NumberText({
  value,
  onChange,
  label,
  error,
  scale = 1,
  helper,
  width = 120,
  testId,
}: {
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  label: string;
  error?: string;
  /** the stored unit per typed unit: 60 for hours typed over minutes stored */
  scale?: number;
  helper?: string;
  width?: number;
  testId?: string;
}) {
  const shown = value === undefined ? '' : String(value / scale);
  const [text, setText] = useState(shown);
  useEffect(() => {
    if (Number(text) * scale !== value) setText(shown);
  }, [value]);
  return (
    <TextField
      size="small"
      label={label}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const t = e.target.value.trim();
        if (!t) onChange(undefined);
        else if (Number.isFinite(Number(t))) onChange(Math.round(Number(t) * scale));
      }}
      error={!!error}
      helperText={error ?? helper}
      inputProps={{ inputMode: 'decimal', 'data-testid': testId }}
      sx={{ width }}
    />
  );
}

function LabelInputs({
  value,
  onChange,
  error,
}: {
  value: Localised;
  onChange: (v: Localised) => void;
  error?: string;
}) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1}>
      <TextField
        size="small"
        label={translate('linli.cases.designer.label_zh')}
        value={value.zh}
        onChange={(e) => onChange({ ...value, zh: e.target.value })}
        error={!!error}
        helperText={error}
        sx={{ minWidth: 120 }}
      />
      <TextField
        size="small"
        label={translate('linli.cases.designer.label_en')}
        value={value.en}
        onChange={(e) => onChange({ ...value, en: e.target.value })}
        sx={{ minWidth: 120 }}
      />
    </Stack>
  );
}

const replaceAt = <T,>(list: readonly T[], i: number, next: T): T[] =>
  list.map((x, j) => (j === i ? next : x));
const removeAt = <T,>(list: readonly T[], i: number): T[] => list.filter((_, j) => j !== i);

function KeyInput({
  value,
  onChange,
  error,
  testId,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
  testId?: string;
}) {
  const translate = useTranslate();
  return (
    <TextField
      size="small"
      label={translate('linli.cases.designer.key')}
      value={value}
      onChange={(e) => onChange(e.target.value.trim())}
      error={!!error}
      helperText={error}
      inputProps={{ 'data-testid': testId }}
      sx={{ width: 130 }}
    />
  );
}

/** The category tree: categories, each with its items. */
export function CategoriesEditor({
  value,
  onChange,
  issues,
  base = 'categories',
}: {
  value: CategoryNode[];
  onChange: (v: CategoryNode[]) => void;
  issues: Issues;
  base?: string;
}) {
  const translate = useTranslate();
  return (
    <Box data-testid={`${base}-editor`}>
      {value.map((c, i) => (
        <Box key={i} sx={{ borderLeft: 3, borderColor: 'primary.light', pl: 1, mb: 1.5 }}>
          <Stack direction="row" spacing={1} alignItems="flex-start" flexWrap="wrap" useFlexGap>
            <KeyInput
              value={c.key}
              onChange={(key) => onChange(replaceAt(value, i, { ...c, key }))}
              error={issues[`${base}.${i}.key`]}
            />
            <LabelInputs
              value={c.label}
              onChange={(label) => onChange(replaceAt(value, i, { ...c, label }))}
              error={issues[`${base}.${i}.label`]}
            />
            <IconButton
              aria-label={translate('linli.cases.designer.remove')}
              onClick={() => onChange(removeAt(value, i))}
            >
              <DeleteIcon />
            </IconButton>
          </Stack>
          <Box sx={{ pl: 3, mt: 1 }}>
            {(c.children ?? []).map((item, j) => (
              <Stack key={j} direction="row" spacing={1} sx={{ mb: 1 }} flexWrap="wrap" useFlexGap>
                <KeyInput
                  value={item.key}
                  onChange={(key) =>
                    onChange(
                      replaceAt(value, i, {
                        ...c,
                        children: replaceAt(c.children ?? [], j, { ...item, key }),
                      }),
                    )
                  }
                  error={issues[`${base}.${i}.children.${j}.key`]}
                />
                <LabelInputs
                  value={item.label}
                  onChange={(label) =>
                    onChange(
                      replaceAt(value, i, {
                        ...c,
                        children: replaceAt(c.children ?? [], j, { ...item, label }),
                      }),
                    )
                  }
                  error={issues[`${base}.${i}.children.${j}.label`]}
                />
                <IconButton
                  aria-label={translate('linli.cases.designer.remove')}
                  onClick={() =>
                    onChange(replaceAt(value, i, { ...c, children: removeAt(c.children ?? [], j) }))
                  }
                >
                  <DeleteIcon />
                </IconButton>
              </Stack>
            ))}
            <Button
              size="small"
              startIcon={<AddIcon />}
              onClick={() =>
                onChange(
                  replaceAt(value, i, {
                    ...c,
                    children: [...(c.children ?? []), { key: '', label: { zh: '', en: '' } }],
                  }),
                )
              }
            >
              {translate('linli.cases.designer.add_item')}
            </Button>
          </Box>
        </Box>
      ))}
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() => onChange([...value, { key: '', label: { zh: '', en: '' }, children: [] }])}
        data-testid={`${base}-add`}
      >
        {translate('linli.cases.designer.add_category')}
      </Button>
    </Box>
  );
}

/** The states: key, label, kind, own limit (typed in working hours), and which is initial. */
export function StatesEditor({
  states,
  initial,
  onChange,
  issues,
}: {
  states: WorkflowState[];
  initial: string;
  /** the states and the initial state's key (renaming the initial state renames it there too) */
  onChange: (v: WorkflowState[], initial: string) => void;
  issues: Issues;
}) {
  const translate = useTranslate();
  const working = useWorkingTime();
  const at = (i: number, f: string) => issues[`workflow.states.${i}.${f}`];
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table size="small" sx={{ minWidth: 820 }} data-testid="states-table">
        <TableHead>
          <TableRow>
            <TableCell>{translate('linli.cases.designer.initial')}</TableCell>
            <TableCell>{translate('linli.cases.designer.key')}</TableCell>
            <TableCell>{translate('linli.cases.designer.label')}</TableCell>
            <TableCell>{translate('linli.cases.designer.kind')}</TableCell>
            <TableCell>{translate('linli.cases.designer.sla')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {states.map((s, i) => (
            <TableRow key={i}>
              <TableCell padding="checkbox">
                <Radio
                  checked={!!s.key && s.key === initial}
                  onChange={() => onChange(states, s.key)}
                  size="small"
                />
              </TableCell>
              <TableCell>
                <KeyInput
                  value={s.key}
                  onChange={(key) =>
                    onChange(replaceAt(states, i, { ...s, key }), s.key === initial ? key : initial)
                  }
                  error={at(i, 'key')}
                  testId={`state-key-${i}`}
                />
              </TableCell>
              <TableCell>
                <LabelInputs
                  value={s.label}
                  onChange={(label) => onChange(replaceAt(states, i, { ...s, label }), initial)}
                  error={at(i, 'label')}
                />
              </TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  value={s.kind}
                  onChange={(e) =>
                    onChange(
                      replaceAt(states, i, { ...s, kind: e.target.value as StateKind }),
                      initial,
                    )
                  }
                  error={!!at(i, 'kind')}
                  helperText={at(i, 'kind')}
                  sx={{ minWidth: 110 }}
                >
                  {STATE_KINDS.map((k) => (
                    <MenuItem key={k} value={k}>
                      {translate(`linli.cases.kind.${k}`)}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
              <TableCell>
                <NumberText
                  label={translate('linli.cases.designer.hours')}
                  value={s.slaMinutes}
                  scale={60}
                  onChange={(slaMinutes) => {
                    const { slaMinutes: _drop, ...rest } = s;
                    void _drop;
                    onChange(
                      replaceAt(
                        states,
                        i,
                        slaMinutes === undefined ? rest : { ...rest, slaMinutes },
                      ),
                      initial,
                    );
                  }}
                  error={at(i, 'slaMinutes')}
                  helper={working(s.slaMinutes)}
                />
              </TableCell>
              <TableCell padding="checkbox">
                <IconButton
                  aria-label={translate('linli.cases.designer.remove')}
                  onClick={() => onChange(removeAt(states, i), initial)}
                >
                  <DeleteIcon />
                </IconButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() =>
          onChange([...states, { key: '', label: { zh: '', en: '' }, kind: 'open' }], initial)
        }
        data-testid="state-add"
      >
        {translate('linli.cases.designer.add_state')}
      </Button>
    </TableContainer>
  );
}

/** Who may take a transition: the engine's takers and `role:<staff role>`. */
export const TAKER_CHOICES: Taker[] = [...TAKERS, ...STAFF_ROLES.map((r) => `role:${r}` as const)];

export function useTakerLabel() {
  const translate = useTranslate();
  return (t: Taker) =>
    t.startsWith('role:')
      ? translate('linli.cases.taker.role', {
          role: translate(`enums.role.${t.slice(5)}`, { _: t.slice(5) }),
        })
      : translate(`linli.cases.taker.${t}`, { _: t });
}

/** The transitions: from which states, to which, by whom, with what effect and what they require. */
export function TransitionsEditor({
  transitions,
  states,
  onChange,
  issues,
  untakeable,
}: {
  transitions: Transition[];
  states: WorkflowState[];
  onChange: (v: Transition[]) => void;
  issues: Issues;
  untakeable: readonly string[];
}) {
  const translate = useTranslate();
  const text = useLabel();
  const takerLabel = useTakerLabel();
  const stateKeys = states.map((s) => s.key).filter(Boolean);
  const stateName = (k: string) => text(states.find((s) => s.key === k)?.label) || k;
  const at = (i: number, f: string) => issues[`workflow.transitions.${i}.${f}`];
  const set = (i: number, patch: Partial<Transition>) =>
    onChange(replaceAt(transitions, i, { ...transitions[i], ...patch }));
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table size="small" sx={{ minWidth: 1280 }} data-testid="transitions-table">
        <TableHead>
          <TableRow>
            {['key', 'label', 'from', 'to', 'by', 'effect', 'requires', ''].map((f) => (
              <TableCell key={f}>{f ? translate(`linli.cases.designer.${f}`) : ''}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {transitions.map((t, i) => (
            <TableRow
              key={i}
              sx={untakeable.includes(t.key) ? { bgcolor: 'warning.light' } : undefined}
            >
              <TableCell>
                <KeyInput value={t.key} onChange={(key) => set(i, { key })} error={at(i, 'key')} />
              </TableCell>
              <TableCell>
                <LabelInputs
                  value={t.label}
                  onChange={(label) => set(i, { label })}
                  error={at(i, 'label')}
                />
              </TableCell>
              <TableCell sx={{ minWidth: 200 }}>
                <Autocomplete
                  multiple
                  size="small"
                  options={stateKeys}
                  value={t.from}
                  onChange={(_, from) => set(i, { from })}
                  getOptionLabel={stateName}
                  renderInput={(params) => (
                    <TextField {...params} error={!!at(i, 'from')} helperText={at(i, 'from')} />
                  )}
                />
              </TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  value={stateKeys.includes(t.to) ? t.to : ''}
                  onChange={(e) => set(i, { to: e.target.value })}
                  error={!!at(i, 'to')}
                  helperText={at(i, 'to')}
                  sx={{ minWidth: 120 }}
                >
                  {stateKeys.map((k) => (
                    <MenuItem key={k} value={k}>
                      {stateName(k)}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
              <TableCell sx={{ minWidth: 240 }}>
                <Autocomplete
                  multiple
                  size="small"
                  options={TAKER_CHOICES}
                  value={t.by}
                  onChange={(_, by) => set(i, { by })}
                  getOptionLabel={takerLabel}
                  renderInput={(params) => (
                    <TextField {...params} error={!!at(i, 'by')} helperText={at(i, 'by')} />
                  )}
                />
              </TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  value={t.effect ?? ''}
                  onChange={(e) => {
                    const { effect: _drop, ...rest } = t;
                    void _drop;
                    onChange(
                      replaceAt(
                        transitions,
                        i,
                        e.target.value ? { ...rest, effect: e.target.value as Effect } : rest,
                      ),
                    );
                  }}
                  slotProps={{ select: { displayEmpty: true } }}
                  error={!!at(i, 'effect')}
                  helperText={at(i, 'effect')}
                  sx={{ minWidth: 110 }}
                >
                  <MenuItem value="">{translate('linli.cases.effect.none')}</MenuItem>
                  {EFFECTS.map((e) => (
                    <MenuItem key={e} value={e}>
                      {translate(`linli.cases.effect.${e}`)}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
              <TableCell sx={{ minWidth: 200 }}>
                <FormControlLabel
                  control={
                    <Checkbox
                      size="small"
                      checked={!!t.requires?.note}
                      onChange={(e) =>
                        set(i, { requires: { ...t.requires, note: e.target.checked } })
                      }
                    />
                  }
                  label={translate('linli.cases.designer.requires_note')}
                />
                <FormControlLabel
                  control={
                    <Checkbox
                      size="small"
                      checked={!!t.requires?.attachments}
                      onChange={(e) =>
                        set(i, { requires: { ...t.requires, attachments: e.target.checked } })
                      }
                    />
                  }
                  label={translate('linli.cases.designer.requires_attachments')}
                />
                <TextField
                  size="small"
                  label={translate('linli.cases.designer.requires_fields')}
                  value={(t.requires?.fields ?? []).join(', ')}
                  onChange={(e) => {
                    const fields = e.target.value
                      .split(/[,，\s]+/)
                      .map((f) => f.trim())
                      .filter(Boolean);
                    set(i, { requires: { ...t.requires, fields } });
                  }}
                  error={!!at(i, 'requires')}
                  helperText={at(i, 'requires')}
                />
              </TableCell>
              <TableCell padding="checkbox">
                <IconButton
                  aria-label={translate('linli.cases.designer.remove')}
                  onClick={() => onChange(removeAt(transitions, i))}
                >
                  <DeleteIcon />
                </IconButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() =>
          onChange([
            ...transitions,
            { key: '', label: { zh: '', en: '' }, from: [], to: '', by: ['centre'] },
          ])
        }
        data-testid="transition-add"
      >
        {translate('linli.cases.designer.add_transition')}
      </Button>
    </TableContainer>
  );
}

type RuleTarget = DispatchRule['to'];

/**
 * A rule's organisation or person, picked from whom the administrator may dispatch to (GET
 * /targets); a target no longer offered still shows by its id, so nothing is lost on save.
 */
function RuleTargetPicker({
  to,
  targets,
  error,
  onChange,
}: {
  to: Exclude<RuleTarget, { kind: 'community' }>;
  targets: TargetsAnswer | null;
  error?: string;
  onChange: (to: RuleTarget) => void;
}) {
  const translate = useTranslate();
  const rows: TargetRow[] =
    (to.kind === 'organisation' ? targets?.organisations : targets?.people) ?? [];
  const current = to.kind === 'organisation' ? to.organisation : to.user;
  const idOf = (row: TargetRow) =>
    to.kind === 'person' ? Number(row.id) : String(row.documentId ?? row.id);
  const selected =
    rows.find((row) => idOf(row) === current) ??
    (current ? { id: current, name: to.label || String(current) } : null);
  return (
    <Autocomplete
      size="small"
      options={rows}
      loading={!targets}
      value={selected}
      onChange={(_, row) => {
        if (!row) return;
        onChange(
          to.kind === 'organisation'
            ? { kind: 'organisation', organisation: String(idOf(row)), label: row.name }
            : { kind: 'person', user: Number(idOf(row)), label: row.name },
        );
      }}
      getOptionLabel={(row) => row.name}
      isOptionEqualToValue={(a, b) => idOf(a) === idOf(b)}
      noOptionsText={translate('linli.no_options')}
      sx={{ minWidth: 200 }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={translate('linli.cases.designer.rule.to_id')}
          error={!!error}
          helperText={error}
        />
      )}
    />
  );
}

/** Where new cases go: category (or item), area path prefix, target, and the dispatch transition. */
export function DispatchEditor({
  rules,
  definition,
  onChange,
  issues,
}: {
  rules: DispatchRule[];
  definition: CaseTypeDefinition;
  onChange: (v: DispatchRule[]) => void;
  issues: Issues;
}) {
  const translate = useTranslate();
  const text = useLabel();
  const categoryKeys = definition.categories.flatMap((c) => [
    { key: c.key, name: text(c.label) || c.key },
    ...(c.children ?? []).map((i) => ({
      key: i.key,
      name: `${text(c.label) || c.key} / ${text(i.label) || i.key}`,
    })),
  ]);
  const dispatches = definition.workflow.transitions.filter((t) => t.effect === 'dispatch');
  const targets = useRest<TargetsAnswer>(`${CASES_API}/targets`);
  const at = (i: number, f: string) => issues[`dispatch.${i}.${f}`];
  const set = (i: number, next: DispatchRule) => onChange(replaceAt(rules, i, next));
  const targetOf = (kind: RuleTarget['kind'], old: RuleTarget): RuleTarget =>
    kind === 'community'
      ? { kind }
      : kind === 'organisation'
        ? { kind, organisation: old.kind === 'organisation' ? old.organisation : '' }
        : { kind, user: old.kind === 'person' ? old.user : 0 };
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table size="small" sx={{ minWidth: 980 }} data-testid="dispatch-table">
        <TableHead>
          <TableRow>
            {['category', 'area_path', 'to_kind', 'to_id', 'to_label', 'transition', ''].map(
              (f) => (
                <TableCell key={f}>
                  {f ? translate(`linli.cases.designer.rule.${f}`) : ''}
                </TableCell>
              ),
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {rules.map((r, i) => (
            <TableRow key={i}>
              <TableCell>
                <TextField
                  select
                  size="small"
                  value={r.category ?? ''}
                  onChange={(e) => {
                    const { category: _drop, ...rest } = r;
                    void _drop;
                    set(i, e.target.value ? { ...rest, category: e.target.value } : rest);
                  }}
                  slotProps={{ select: { displayEmpty: true } }}
                  error={!!at(i, 'category')}
                  helperText={at(i, 'category')}
                  sx={{ minWidth: 160 }}
                >
                  <MenuItem value="">{translate('linli.cases.designer.rule.any')}</MenuItem>
                  {categoryKeys.map((c) => (
                    <MenuItem key={c.key} value={c.key}>
                      {c.name}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
              <TableCell>
                <TextField
                  size="small"
                  value={r.areaPath ?? ''}
                  placeholder={translate('linli.cases.designer.rule.anywhere')}
                  onChange={(e) => {
                    const { areaPath: _drop, ...rest } = r;
                    void _drop;
                    set(
                      i,
                      e.target.value.trim() ? { ...rest, areaPath: e.target.value.trim() } : rest,
                    );
                  }}
                  error={!!at(i, 'areaPath')}
                  helperText={at(i, 'areaPath')}
                />
              </TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  value={r.to.kind}
                  onChange={(e) =>
                    set(i, { ...r, to: targetOf(e.target.value as RuleTarget['kind'], r.to) })
                  }
                  sx={{ minWidth: 120 }}
                >
                  {(['community', 'organisation', 'person'] as const).map((k) => (
                    <MenuItem key={k} value={k}>
                      {translate(`linli.cases.target.${k}`)}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
              <TableCell>
                {r.to.kind !== 'community' && (
                  <RuleTargetPicker
                    to={r.to}
                    targets={targets}
                    error={at(i, 'to') ?? at(i, 'to.organisation') ?? at(i, 'to.user')}
                    onChange={(to) => set(i, { ...r, to })}
                  />
                )}
              </TableCell>
              <TableCell>
                {r.to.kind !== 'community' && (
                  <TextField
                    size="small"
                    value={r.to.label ?? ''}
                    onChange={(e) =>
                      set(i, { ...r, to: { ...r.to, label: e.target.value } as RuleTarget })
                    }
                  />
                )}
              </TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  value={r.transition ?? ''}
                  onChange={(e) => {
                    const { transition: _drop, ...rest } = r;
                    void _drop;
                    set(i, e.target.value ? { ...rest, transition: e.target.value } : rest);
                  }}
                  slotProps={{ select: { displayEmpty: true } }}
                  error={!!at(i, 'transition')}
                  helperText={at(i, 'transition')}
                  sx={{ minWidth: 140 }}
                >
                  <MenuItem value="">
                    {translate('linli.cases.designer.rule.default_transition')}
                  </MenuItem>
                  {dispatches.map((t) => (
                    <MenuItem key={t.key} value={t.key}>
                      {text(t.label) || t.key}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
              <TableCell padding="checkbox">
                <IconButton
                  aria-label={translate('linli.cases.designer.remove')}
                  onClick={() => onChange(removeAt(rules, i))}
                >
                  <DeleteIcon />
                </IconButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() => onChange([...rules, { to: { kind: 'community' } }])}
      >
        {translate('linli.cases.designer.add_rule')}
      </Button>
    </TableContainer>
  );
}

export const DEFAULT_WHISTLE: WhistleRules = {
  reportMinutes: 120,
  actMinutes: 2400,
  points: { onTime: 2, late: 1, perStar: 1 },
  ratingWeightPermille: 333,
};

/** The whistle's limits and points, when the type is whistled. */
export function WhistleEditor({
  value,
  onChange,
  issues,
}: {
  value: WhistleRules | undefined;
  onChange: (v: WhistleRules | undefined) => void;
  issues: Issues;
}) {
  const translate = useTranslate();
  const working = useWorkingTime();
  return (
    <Box>
      <FormControlLabel
        control={
          <Checkbox
            checked={!!value}
            onChange={(e) => onChange(e.target.checked ? DEFAULT_WHISTLE : undefined)}
            data-testid="whistle-enabled"
          />
        }
        label={translate('linli.cases.designer.whistle_enabled')}
      />
      {value && (
        <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap sx={{ mt: 1 }}>
          <NumberText
            label={translate('linli.cases.designer.whistle.report_hours')}
            value={value.reportMinutes}
            scale={60}
            onChange={(v) => onChange({ ...value, reportMinutes: v ?? 0 })}
            error={issues['whistle.reportMinutes']}
            helper={working(value.reportMinutes)}
            width={150}
          />
          <NumberText
            label={translate('linli.cases.designer.whistle.act_hours')}
            value={value.actMinutes}
            scale={60}
            onChange={(v) => onChange({ ...value, actMinutes: v ?? 0 })}
            error={issues['whistle.actMinutes']}
            helper={working(value.actMinutes)}
            width={150}
          />
          <NumberText
            label={translate('linli.cases.designer.whistle.on_time')}
            value={value.points.onTime}
            onChange={(v) => onChange({ ...value, points: { ...value.points, onTime: v ?? 0 } })}
            error={issues['whistle.points.onTime']}
          />
          <NumberText
            label={translate('linli.cases.designer.whistle.late')}
            value={value.points.late}
            onChange={(v) => onChange({ ...value, points: { ...value.points, late: v ?? 0 } })}
            error={issues['whistle.points.late']}
          />
          <NumberText
            label={translate('linli.cases.designer.whistle.per_star')}
            value={value.points.perStar}
            onChange={(v) => onChange({ ...value, points: { ...value.points, perStar: v ?? 0 } })}
            error={issues['whistle.points.perStar']}
          />
          <NumberText
            label={translate('linli.cases.designer.whistle.weight')}
            value={value.ratingWeightPermille}
            onChange={(v) => onChange({ ...value, ratingWeightPermille: v ?? 0 })}
            error={issues['whistle.ratingWeightPermille']}
            helper={translate('linli.cases.designer.whistle.weight_help')}
            width={160}
          />
        </Stack>
      )}
      {!value && (
        <Typography variant="body2" color="text.secondary">
          {translate('linli.cases.designer.whistle_off')}
        </Typography>
      )}
    </Box>
  );
}
