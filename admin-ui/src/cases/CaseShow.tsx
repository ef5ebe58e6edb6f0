import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  Link,
  Rating,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { Loading, Title, useTranslate } from 'react-admin';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import type {
  CaseDetail,
  CaseTypeDetail,
  TimelineStep,
} from '../../../plugins/cases/server/src/shared/contracts/cases';
import type { Localised } from '../../../plugins/cases/server/src/domain/types';
import { formatDate } from '../dates';
import { restJson, useRest } from '../rest';
import { useQuery } from '@tanstack/react-query';
import { CaseButtons, WhistleButtons } from './CaseActions';
import { mayShowType } from './access';
import {
  AttachmentList,
  caseLink,
  CASES_API,
  PAGE_SX,
  SlaBadge,
  StateChip,
  useCategoryText,
  useLabel,
} from './shared';

function Row({ label, children }: { label: string; children: ReactNode }) {
  const translate = useTranslate();
  if (children === null || children === undefined || children === '' || children === false)
    return null;
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4 }}>
      <Typography variant="caption" color="text.secondary" display="block">
        {translate(label)}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Grid>
  );
}

const CaseRef = ({ c }: { c: { documentId: string; number: string } }) => (
  <Link component={RouterLink} to={caseLink(c.documentId)} sx={{ mr: 1 }}>
    {c.number}
  </Link>
);

/** A step's label: the workflow's own (in `data.label`) when the server gives one, else the action's. */
function useStepText() {
  const translate = useTranslate();
  const text = useLabel();
  return (step: TimelineStep) => {
    const label = step.data?.label as Localised | undefined;
    if (label && typeof label === 'object' && 'zh' in label) return text(label);
    return translate(`linli.cases.step.${step.action}`, { _: step.action });
  };
}

function Timeline({
  steps,
  stateName,
}: {
  steps: readonly TimelineStep[];
  stateName: (key: string) => string;
}) {
  const translate = useTranslate();
  const stepText = useStepText();
  if (!steps.length) return null;
  return (
    <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="case-timeline">
      {steps.map((s) => (
        <Box
          component="li"
          key={s.id}
          sx={{ borderLeft: 2, borderColor: 'divider', pl: 2, pb: 2, position: 'relative' }}
          data-testid="timeline-step"
        >
          <Box
            sx={{
              position: 'absolute',
              left: -6,
              top: 4,
              width: 10,
              height: 10,
              borderRadius: '50%',
              bgcolor: 'primary.main',
            }}
          />
          <Stack direction="row" spacing={1} flexWrap="wrap" alignItems="baseline">
            <Typography variant="subtitle2">{stepText(s)}</Typography>
            <Typography variant="caption" color="text.secondary">
              {formatDate(s.at, true)}
            </Typography>
            {s.actorName && (
              <Typography variant="caption" color="text.secondary">
                {s.actorName}
              </Typography>
            )}
            {s.fromState && s.toState && s.toState !== s.fromState && (
              <Typography variant="caption" color="text.secondary">
                {translate('linli.cases.timeline.moved', {
                  from: stateName(s.fromState),
                  to: stateName(s.toState),
                })}
              </Typography>
            )}
          </Stack>
          {s.note && (
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {s.note}
            </Typography>
          )}
          <AttachmentList items={s.attachments} />
        </Box>
      ))}
    </Box>
  );
}

function Whistles({ detail }: { detail: CaseDetail }) {
  const translate = useTranslate();
  const text = useLabel();
  if (!detail.whistles.length) return null;
  const categoryName = (key: string | null) => {
    if (!key) return '';
    for (const c of detail.whistleCategories ?? []) {
      if (c.key === key) return text(c.label);
      const child = c.children?.find((i) => i.key === key);
      if (child) return text(child.label);
    }
    return key;
  };
  return (
    <Card sx={{ mt: 2 }}>
      <CardHeader
        title={translate('linli.cases.whistle.title')}
        titleTypographyProps={{ variant: 'subtitle1' }}
      />
      <TableContainer sx={{ overflowX: 'auto' }}>
        <Table size="small" sx={{ minWidth: 860 }} data-testid="whistle-table">
          <TableHead>
            <TableRow>
              {[
                'department',
                'category',
                'state',
                'called',
                'reported',
                'acted',
                'rating',
                'points',
                '',
              ].map((f) => (
                <TableCell key={f}>{f ? translate(`linli.cases.whistle.${f}`) : ''}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {detail.whistles.map((w) => (
              <TableRow key={w.documentId} data-testid="whistle-row">
                <TableCell>{w.departmentName}</TableCell>
                <TableCell>
                  {[categoryName(w.category), categoryName(w.item)].filter(Boolean).join(' / ')}
                </TableCell>
                <TableCell>
                  <Chip size="small" label={translate(`linli.cases.whistle.states.${w.state}`)} />
                  {w.lateReport && (
                    <Chip
                      size="small"
                      color="error"
                      label={translate('linli.cases.whistle.late')}
                      sx={{ ml: 0.5 }}
                    />
                  )}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {formatDate(w.calledAt, true)}
                  {w.reportDueAt && !w.reportedAt && (
                    <Typography variant="caption" display="block" color="text.secondary">
                      {translate('linli.cases.whistle.report_due', {
                        time: formatDate(w.reportDueAt, true),
                      })}
                    </Typography>
                  )}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {formatDate(w.reportedAt, true)}
                  {w.actDueAt && !w.actedAt && w.reportedAt && (
                    <Typography variant="caption" display="block" color="text.secondary">
                      {translate('linli.cases.whistle.act_due', {
                        time: formatDate(w.actDueAt, true),
                      })}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {formatDate(w.actedAt, true)}
                  {w.action && (
                    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                      {w.action}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {w.rating !== null && <Rating value={w.rating} readOnly size="small" />}
                  {w.ratingNote && <Typography variant="caption">{w.ratingNote}</Typography>}
                </TableCell>
                <TableCell>{w.points}</TableCell>
                <TableCell>
                  <WhistleButtons whistle={w} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Card>
  );
}

/**
 * One case (/cases/:id): what it is, where, who reported it (masked by the server outside the
 * viewer's scope), its clock, the buttons the server offers this viewer now, the whistles and
 * the timeline.
 */
export function CaseShow() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const text = useLabel();
  const categoryText = useCategoryText();
  const { id } = useParams<{ id: string }>();
  const url = `${CASES_API}/cases/${id ?? ''}`;
  const { data: detail, error } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restJson<CaseDetail>(url),
    enabled: !!id,
    retry: false,
  });
  // The states' names, from the type (the case carries only its current state's): the timeline
  // and the buttons' consequences name states by key otherwise.
  const type = useRest<CaseTypeDetail>(
    detail && mayShowType() ? `${CASES_API}/types/${detail.typeKey}` : null,
  );
  const stateName = (key: string) => {
    for (const def of [type?.current, type?.draft]) {
      const found = def?.workflow.states.find((st) => st.key === key);
      if (found) return text(found.label);
    }
    return key;
  };
  if (error)
    return (
      <Alert severity="error" sx={{ mt: 2 }} data-testid="case-error">
        {error.message}
      </Alert>
    );
  if (!detail) return <Loading />;
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }} data-testid="case-show">
      <Title title={detail.number} />
      <Button startIcon={<ArrowBackIcon />} onClick={() => navigate('/cases')} size="small">
        {translate('linli.cases.queue.title')}
      </Button>
      <Card sx={{ mt: 1 }}>
        <CardContent>
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
            <Typography variant="h6" data-testid="case-number">
              {detail.number}
            </Typography>
            <StateChip label={detail.stateLabel} kind={detail.stateKind} />
            <SlaBadge
              status={detail.slaStatus}
              dueAt={detail.dueAt}
              stateDueAt={detail.stateDueAt}
              stateLabel={detail.stateLabel}
            />
            {detail.whistled && (
              <Chip size="small" color="secondary" label={translate('linli.cases.whistled')} />
            )}
          </Stack>
          <Typography variant="subtitle1" sx={{ mt: 1 }}>
            {detail.title}
          </Typography>
          {detail.mergedInto && (
            <Alert severity="info" sx={{ mt: 1 }}>
              {translate('linli.cases.merged_into')} <CaseRef c={detail.mergedInto} />
            </Alert>
          )}
          <Grid container spacing={2} sx={{ mt: 1 }}>
            <Row label="linli.cases.fields.type">
              {text(detail.typeName)}
              {detail.typeVersion ? ` · v${detail.typeVersion}` : ''}
            </Row>
            <Row label="linli.cases.fields.category">{categoryText(detail)}</Row>
            <Row label="linli.cases.fields.channel">
              {translate(`linli.cases.channel.${detail.channel}`, { _: detail.channel })}
            </Row>
            <Row label="linli.cases.fields.assignee">{detail.assigneeName}</Row>
            <Row label="linli.cases.fields.area">{detail.areaName}</Row>
            <Row label="linli.cases.fields.address">{detail.address}</Row>
            <Row label="linli.cases.fields.reporter">
              {[detail.reporterName, detail.reporterPhone].filter(Boolean).join(' · ')}
            </Row>
            <Row label="linli.cases.fields.created">{formatDate(detail.createdAt, true)}</Row>
            <Row label="linli.cases.fields.state_due">{formatDate(detail.stateDueAt, true)}</Row>
            <Row label="linli.cases.fields.signed">{formatDate(detail.signedAt, true)}</Row>
            <Row label="linli.cases.fields.closed">{formatDate(detail.closedAt, true)}</Row>
            <Row label="linli.cases.fields.receipt">{detail.receiptCode}</Row>
            <Row label="linli.cases.fields.press_count">{detail.pressCount || ''}</Row>
            <Row label="linli.cases.fields.reopen_count">{detail.reopenCount || ''}</Row>
            <Row label="linli.cases.fields.extension">
              {detail.extension &&
                translate(`linli.cases.extension.${detail.extension.state}`, {
                  days: detail.extension.workingDays,
                })}
            </Row>
            <Row label="linli.cases.fields.parent">
              {detail.parent && <CaseRef c={detail.parent} />}
            </Row>
            <Row label="linli.cases.fields.children">
              {detail.children.length > 0 &&
                detail.children.map((c) => <CaseRef key={c.documentId} c={c} />)}
            </Row>
            <Row label="linli.cases.fields.satisfaction">
              {detail.satisfaction !== null && (
                <Stack direction="row" spacing={1} alignItems="center">
                  <Rating value={detail.satisfaction} readOnly size="small" />
                  {detail.ratedBy && (
                    <Typography variant="caption">
                      {translate(`linli.cases.rated_by.${detail.ratedBy}`)}
                    </Typography>
                  )}
                </Stack>
              )}
            </Row>
          </Grid>
          {detail.description && (
            <Box sx={{ mt: 2 }}>
              <Typography variant="caption" color="text.secondary">
                {translate('linli.cases.fields.description')}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {detail.description}
              </Typography>
            </Box>
          )}
          {detail.reply && (
            <Box sx={{ mt: 2 }}>
              <Typography variant="caption" color="text.secondary">
                {translate('linli.cases.fields.reply')} · {formatDate(detail.repliedAt, true)}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {detail.reply}
              </Typography>
            </Box>
          )}
          {detail.satisfactionNote && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {detail.satisfactionNote}
            </Typography>
          )}
          <AttachmentList items={detail.attachments} />
          <Box sx={{ mt: 2 }}>
            <CaseButtons detail={detail} stateName={stateName} />
          </Box>
        </CardContent>
      </Card>
      <Whistles detail={detail} />
      <Card sx={{ mt: 2 }}>
        <CardHeader
          title={translate('linli.cases.timeline.title')}
          titleTypographyProps={{ variant: 'subtitle1' }}
        />
        <CardContent>
          <Timeline steps={detail.timeline} stateName={stateName} />
        </CardContent>
      </Card>
    </Box>
  );
}
