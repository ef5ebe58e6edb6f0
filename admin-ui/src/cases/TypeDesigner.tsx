import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  FormControlLabel,
  Grid,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Loading, Title, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import type {
  CaseTypeDetail,
  WorkflowCheck,
} from '../../../plugins/cases/server/src/shared/contracts/cases';
import type { CaseTypeDefinition, Localised } from '../../../plugins/cases/server/src/domain/types';
import { postAction } from '../actions';
import { formatDate } from '../dates';
import { fieldErrors, issueErrors, restJson, useRest } from '../rest';
import { CaseDialog } from './CaseDialog';
import {
  CategoriesEditor,
  DispatchEditor,
  NumberText,
  StatesEditor,
  TransitionsEditor,
  WhistleEditor,
} from './DesignerParts';
import { EMPTY_DEFINITION } from './definition';
import { WorkflowDiagram } from './WorkflowDiagram';
import { mayCheckType, mayPublishType } from './access';
import { byInputPath, CASES_API, PAGE_SX, useLabel, useWorkingTime } from './shared';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <CardHeader
        title={translate(title)}
        titleTypographyProps={{ variant: 'subtitle1' }}
        sx={{ pb: 0 }}
      />
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** The live check: POST /types/:key/check with the draft, half a second after the last change. */
function useLiveCheck(key: string | undefined, definition: CaseTypeDefinition | null) {
  const [check, setCheck] = useState<WorkflowCheck | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (!key || !definition || !mayCheckType()) return;
    let live = true;
    setPending(true);
    const timer = setTimeout(() => {
      postAction<WorkflowCheck>(`${CASES_API}/types/${key}/check`, { definition })
        .then((answer) => {
          if (!live) return;
          setCheck(answer);
          setFailed(null);
        })
        .catch((error: Error) => {
          if (!live) return;
          // A draft too malformed to check at all is refused like a bad body: its field errors
          // are the issues.
          const fields = fieldErrors(error);
          if (Object.keys(fields).length) {
            setCheck({
              issues: Object.entries(fields).map(([path, message]) => ({
                path,
                code: 'invalid',
                message,
                messageZh: message,
              })),
              reachable: [],
              deadEnds: [],
              untakeable: [],
            });
            setFailed(null);
          } else setFailed(error.message);
        })
        .finally(() => live && setPending(false));
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, definition]);
  return { check, failed, pending };
}

function CheckPanel({
  check,
  failed,
  pending,
  definition,
}: {
  check: WorkflowCheck | null;
  failed: string | null;
  pending: boolean;
  definition: CaseTypeDefinition;
}) {
  const translate = useTranslate();
  const text = useLabel();
  const issues = check ? issueErrors(check.issues) : {};
  // The chips name states and transitions as the designer labels them, the key when unlabelled.
  const nameOf = (list: readonly { key: string; label: Localised }[], key: string) =>
    text(list.find((x) => x.key === key)?.label) || key;
  const { states, transitions } = definition.workflow;
  const unreachable = check
    ? definition.workflow.states.map((s) => s.key).filter((k) => k && !check.reachable.includes(k))
    : [];
  return (
    <Box data-testid="check-panel">
      {pending && (
        <Typography variant="caption" color="text.secondary">
          {translate('linli.cases.designer.checking')}
        </Typography>
      )}
      {failed && <Alert severity="error">{failed}</Alert>}
      {check && check.issues.length === 0 && (
        <Alert severity="success" data-testid="check-ok">
          {translate('linli.cases.designer.check_ok')}
        </Alert>
      )}
      {check && (
        <Stack spacing={1} sx={{ mt: 1 }}>
          {(
            [
              ['unreachable', unreachable, states],
              ['dead_ends', check.deadEnds, states],
              ['untakeable', check.untakeable, transitions],
            ] as const
          ).map(([name, keys, list]) =>
            keys.length ? (
              <Box key={name}>
                <Typography variant="caption" color="text.secondary">
                  {translate(`linli.cases.designer.${name}`)}
                </Typography>
                <Stack direction="row" gap={0.5} flexWrap="wrap">
                  {keys.map((k) => (
                    <Chip key={k} size="small" color="warning" label={nameOf(list, k)} />
                  ))}
                </Stack>
              </Box>
            ) : null,
          )}
          {check.issues.length > 0 && (
            <Box component="ul" sx={{ m: 0, pl: 2 }} data-testid="check-issues">
              {Object.entries(issues).map(([path, message]) => (
                <li key={path}>
                  <Typography variant="body2" color="error">
                    {message}
                    <Typography component="span" variant="caption" color="text.secondary">
                      {' '}
                      ({path})
                    </Typography>
                  </Typography>
                </li>
              ))}
            </Box>
          )}
        </Stack>
      )}
    </Box>
  );
}

interface Meta {
  name: string;
  nameEn: string;
  description: string;
  intakeForm: string;
  active: boolean;
}

/**
 * 事项类型 › 设计 (/case-types/:key): the type's draft — names, categories, states, transitions,
 * limits, dispatch and whistle rules — checked live by the server as it changes, drawn as a
 * diagram; saved as the draft (PUT), published as the next version (after confirmation, only
 * when saved and the check finds nothing).
 */
export function TypeDesigner() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const notify = useNotify();
  const refresh = useRefresh();
  const working = useWorkingTime();
  const { key } = useParams<{ key: string }>();
  const detail = useRest<CaseTypeDetail>(key ? `${CASES_API}/types/${key}` : null);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [draft, setDraft] = useState<CaseTypeDefinition | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saveErrors, setSaveErrors] = useState<Record<string, string>>({});
  const [publishError, setPublishError] = useState<string | null>(null);
  useEffect(() => {
    if (!detail || dirty) return;
    setMeta({
      name: detail.name,
      nameEn: detail.nameEn ?? '',
      description: detail.description ?? '',
      intakeForm: detail.intakeForm ?? '',
      active: detail.active,
    });
    setDraft(detail.draft ?? detail.current ?? EMPTY_DEFINITION);
  }, [detail]);
  const { check, failed, pending } = useLiveCheck(key, draft);
  const issues = useMemo(
    () => ({ ...(check ? byInputPath(issueErrors(check.issues)) : {}), ...saveErrors }),
    [check, saveErrors],
  );
  if (!detail || !meta || !draft) return <Loading />;
  const change = (next: CaseTypeDefinition) => {
    setDraft(next);
    setDirty(true);
  };
  const changeMeta = (patch: Partial<Meta>) => {
    setMeta({ ...meta, ...patch });
    setDirty(true);
  };
  const save = async () => {
    setSaveErrors({});
    try {
      await restJson<CaseTypeDetail>(`${CASES_API}/types/${detail.key}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          name: meta.name.trim(),
          // Text or absent: the server refuses null for these (an empty text clears them).
          nameEn: meta.nameEn.trim(),
          description: meta.description.trim(),
          // Only when changed: the server checks the form named afresh on every save.
          ...((meta.intakeForm.trim() || null) !== detail.intakeForm
            ? { intakeForm: meta.intakeForm.trim() || null }
            : {}),
          active: meta.active,
          draft,
        }),
      });
      setDirty(false);
      notify('linli.cases.designer.saved', { type: 'success' });
      refresh();
    } catch (error) {
      // The draft's own paths come prefixed with `draft.`; the editors know them without.
      const fields = byInputPath(
        Object.fromEntries(
          Object.entries(fieldErrors(error)).map(([p, m]) => [p.replace(/^draft\./, ''), m]),
        ),
      );
      setSaveErrors(fields);
      notify((error as Error).message, {
        type: 'error',
        messageArgs: { _: (error as Error).message },
      });
    }
  };
  const blocked = dirty || !check || check.issues.length > 0 || pending;
  const w = draft.workflow;
  return (
    <Box sx={{ ...PAGE_SX, mt: 1, pb: 4 }} data-testid="type-designer">
      <Title title={translate('linli.cases.designer.title', { name: detail.name })} />
      <Button startIcon={<ArrowBackIcon />} size="small" onClick={() => navigate('/case-types')}>
        {translate('linli.cases.types.title')}
      </Button>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        alignItems={{ sm: 'center' }}
        sx={{ mt: 1, position: 'sticky', top: 48, zIndex: 2, bgcolor: 'background.default', py: 1 }}
      >
        <Typography variant="h6" sx={{ flex: 1 }}>
          {detail.name} · {detail.key} ·{' '}
          {translate('linli.cases.types.version', { n: detail.currentVersion })}
        </Typography>
        {dirty && (
          <Chip size="small" color="warning" label={translate('linli.cases.designer.unsaved')} />
        )}
        <Button variant="contained" onClick={() => void save()} data-testid="designer-save">
          {translate('linli.cases.designer.save')}
        </Button>
        {mayPublishType() && (
          <CaseDialog
            title={translate('linli.cases.designer.publish')}
            testId="designer-publish"
            variant="contained"
            color="success"
            confirmDisabled={blocked}
            consequence={translate('linli.cases.designer.publish_consequence', {
              n: detail.currentVersion + 1,
            })}
            warning={translate('linli.cases.designer.publish_warning')}
            error={
              publishError ??
              (dirty
                ? translate('linli.cases.designer.save_first')
                : check && check.issues.length > 0
                  ? translate('linli.cases.designer.fix_first')
                  : null)
            }
            onOpen={() => setPublishError(null)}
            onConfirm={async () => {
              try {
                await postAction(`${CASES_API}/types/${detail.key}/publish`);
                notify('linli.cases.designer.published', { type: 'success' });
                refresh();
                return true;
              } catch (error) {
                setPublishError((error as Error).message);
                return false;
              }
            }}
          />
        )}
      </Stack>
      <Section title="linli.cases.designer.basics">
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} flexWrap="wrap" useFlexGap>
          <TextField
            size="small"
            required
            label={translate('linli.cases.types.name')}
            value={meta.name}
            onChange={(e) => changeMeta({ name: e.target.value })}
            error={!!saveErrors.name}
            helperText={saveErrors.name}
          />
          <TextField
            size="small"
            label={translate('linli.cases.types.name_en')}
            value={meta.nameEn}
            onChange={(e) => changeMeta({ nameEn: e.target.value })}
            error={!!saveErrors.nameEn}
            helperText={saveErrors.nameEn}
          />
          <TextField
            size="small"
            disabled
            label={translate('linli.cases.types.prefix')}
            value={detail.numberPrefix}
            helperText={translate('linli.cases.types.prefix_fixed')}
          />
          <TextField
            size="small"
            label={translate('linli.cases.types.intake_form')}
            value={meta.intakeForm}
            onChange={(e) => changeMeta({ intakeForm: e.target.value })}
            error={!!saveErrors.intakeForm}
            helperText={saveErrors.intakeForm}
          />
          <FormControlLabel
            control={
              <Switch
                checked={meta.active}
                onChange={(e) => changeMeta({ active: e.target.checked })}
              />
            }
            label={translate('linli.cases.types.active')}
          />
        </Stack>
        <TextField
          size="small"
          fullWidth
          multiline
          label={translate('linli.cases.types.description')}
          value={meta.description}
          onChange={(e) => changeMeta({ description: e.target.value })}
          sx={{ mt: 1 }}
        />
        <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap sx={{ mt: 2 }}>
          <NumberText
            label={translate('linli.cases.designer.resolve_hours')}
            value={draft.resolveMinutes}
            scale={60}
            onChange={(resolveMinutes) => {
              const { resolveMinutes: _drop, ...rest } = draft;
              void _drop;
              change(resolveMinutes === undefined ? rest : { ...rest, resolveMinutes });
            }}
            error={issues.resolveMinutes}
            helper={working(draft.resolveMinutes)}
            width={170}
            testId="resolve-hours"
          />
          <NumberText
            label={translate('linli.cases.designer.warn_percent')}
            value={draft.warnPercent}
            onChange={(warnPercent) => {
              const { warnPercent: _drop, ...rest } = draft;
              void _drop;
              change(warnPercent === undefined ? rest : { ...rest, warnPercent });
            }}
            error={issues.warnPercent}
            width={150}
          />
          <NumberText
            label={translate('linli.cases.designer.reopen_days')}
            value={draft.reopenDays}
            onChange={(reopenDays) => change({ ...draft, reopenDays: reopenDays ?? 0 })}
            error={issues.reopenDays}
            width={150}
          />
        </Stack>
      </Section>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Section title="linli.cases.designer.diagram">
            <WorkflowDiagram workflow={w} deadEnds={check?.deadEnds ?? []} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Section title="linli.cases.designer.check">
            <CheckPanel check={check} failed={failed} pending={pending} definition={draft} />
          </Section>
        </Grid>
      </Grid>
      <Section title="linli.cases.designer.categories">
        <CategoriesEditor
          value={draft.categories}
          onChange={(categories) => change({ ...draft, categories })}
          issues={issues}
        />
      </Section>
      <Section title="linli.cases.designer.states">
        <StatesEditor
          states={w.states}
          initial={w.initial}
          onChange={(states, initial) => change({ ...draft, workflow: { ...w, states, initial } })}
          issues={issues}
        />
        {issues['workflow.initial'] && (
          <Typography variant="caption" color="error">
            {issues['workflow.initial']}
          </Typography>
        )}
      </Section>
      <Section title="linli.cases.designer.transitions">
        <TransitionsEditor
          transitions={w.transitions}
          states={w.states}
          onChange={(transitions) => change({ ...draft, workflow: { ...w, transitions } })}
          issues={issues}
          untakeable={check?.untakeable ?? []}
        />
      </Section>
      <Section title="linli.cases.designer.dispatch">
        <DispatchEditor
          rules={draft.dispatch}
          definition={draft}
          onChange={(dispatch) => change({ ...draft, dispatch })}
          issues={issues}
        />
      </Section>
      <Section title="linli.cases.designer.whistle_section">
        <WhistleEditor
          value={draft.whistle}
          onChange={(whistle) => {
            const { whistle: _drop, ...rest } = draft;
            void _drop;
            change(whistle ? { ...rest, whistle } : rest);
          }}
          issues={issues}
        />
      </Section>
      <Section title="linli.cases.designer.versions">
        {detail.versions.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('linli.cases.designer.no_versions')}
          </Typography>
        ) : (
          <TableContainer sx={{ overflowX: 'auto' }}>
            <Table size="small" data-testid="versions-table">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('linli.cases.designer.version')}</TableCell>
                  <TableCell>{translate('linli.cases.designer.published_on')}</TableCell>
                  <TableCell>{translate('linli.cases.designer.author')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {[...detail.versions]
                  .sort((a, b) => b.version - a.version)
                  .map((v) => (
                    <TableRow key={v.version}>
                      <TableCell>v{v.version}</TableCell>
                      <TableCell>{formatDate(v.publishedOn, true)}</TableCell>
                      <TableCell>{v.author ?? ''}</TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Section>
    </Box>
  );
}
