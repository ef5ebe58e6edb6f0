import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  IconButton,
  Stack,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { Title, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { CalendarYearRow } from '../../../plugins/cases/server/src/shared/contracts/cases';
import { fieldErrors, restJson, useRest } from '../rest';
import { maySaveCalendar } from './access';
import { byInputPath, CASES_API, PAGE_SX } from './shared';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m + 1)}-${pad(d)}`;
const weekend = (y: number, m: number, d: number) => {
  const day = new Date(Date.UTC(y, m, d)).getUTCDay();
  return day === 0 || day === 6;
};
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const minutesOf = (text: string): number | null => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v <= 24 * 60 ? v : null;
};

const DEFAULT_HOURS: [number, number][] = [
  [540, 720],
  [810, 1050],
];

interface Draft {
  holidays: Set<string>;
  workdays: Set<string>;
  hours: string[][];
  source: string;
}

const draftOf = (row: CalendarYearRow | undefined): Draft => ({
  holidays: new Set(row?.holidays ?? []),
  workdays: new Set(row?.workdays ?? []),
  hours: (row?.hours.length ? row.hours : DEFAULT_HOURS).map(([a, b]) => [hhmm(a), hhmm(b)]),
  source: row?.source ?? '',
});

/** One month: Monday first; weekdays are working days unless holidays, weekends off unless make-up days. */
function Month({
  year,
  month,
  draft,
  onToggle,
  editable,
}: {
  year: number;
  month: number;
  draft: Draft;
  onToggle: (date: string) => void;
  editable: boolean;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [
    ...Array(lead).fill(null),
    ...Array.from({ length: days }, (_, i) => i + 1),
  ];
  const title =
    locale === 'en'
      ? new Date(Date.UTC(year, month, 1)).toLocaleDateString('en', {
          month: 'long',
          timeZone: 'UTC',
        })
      : `${month + 1}月`;
  return (
    <Card variant="outlined">
      <CardContent sx={{ p: 1, '&:last-child': { pb: 1 } }}>
        <Typography variant="subtitle2" align="center">
          {title}
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: '2px', mt: 0.5 }}>
          {[1, 2, 3, 4, 5, 6, 0].map((d) => (
            <Typography key={d} variant="caption" align="center" color="text.secondary">
              {translate(`linli.cases.calendar.weekday.${d}`)}
            </Typography>
          ))}
          {cells.map((d, i) => {
            if (d === null) return <span key={`x${i}`} />;
            const date = iso(year, month, d);
            const off = weekend(year, month, d);
            const holiday = draft.holidays.has(date);
            const makeUp = draft.workdays.has(date);
            const working = makeUp || (!off && !holiday);
            return (
              <Box
                key={date}
                component="button"
                type="button"
                disabled={!editable}
                onClick={() => onToggle(date)}
                title={date}
                data-date={date}
                data-kind={holiday ? 'holiday' : makeUp ? 'workday' : 'default'}
                sx={{
                  border: 0,
                  borderRadius: 1,
                  p: '2px 0',
                  fontSize: 12,
                  cursor: editable ? 'pointer' : 'default',
                  bgcolor: holiday ? 'error.light' : makeUp ? 'info.light' : 'transparent',
                  color:
                    holiday || makeUp ? 'common.white' : working ? 'text.primary' : 'text.disabled',
                  fontWeight: holiday || makeUp ? 700 : 400,
                }}
              >
                {d}
              </Box>
            );
          })}
        </Box>
      </CardContent>
    </Card>
  );
}

/**
 * 工作日历 (/case-calendar): each year's statutory holidays and make-up working days (the State
 * Council's schedule, as data) and the working hours, which every working-time limit counts in.
 * A click on a weekday makes it a holiday (and back); on a weekend, a make-up working day.
 */
export function CalendarPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const rows = useRest<CalendarYearRow[]>(`${CASES_API}/calendar`);
  const thisYear = Number(
    new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4),
  );
  const [added, setAdded] = useState<number[]>([]);
  const years = useMemo(
    () =>
      [...new Set([...(rows ?? []).map((r) => r.year), ...added, thisYear])].sort((a, b) => a - b),
    [rows, added, thisYear],
  );
  const [year, setYear] = useState(thisYear);
  const row = rows?.find((r) => r.year === year);
  const [draft, setDraft] = useState<Draft>(() => draftOf(row));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const editable = maySaveCalendar();
  useEffect(() => {
    setDraft(draftOf(row));
    setDirty(false);
    setErrors({});
  }, [row, year]);
  const toggle = (date: string) => {
    const [y, m, d] = date.split('-').map(Number);
    const off = weekend(y, m - 1, d);
    setDraft((dr) => {
      const holidays = new Set(dr.holidays);
      const workdays = new Set(dr.workdays);
      if (off) {
        if (workdays.has(date)) workdays.delete(date);
        else workdays.add(date);
      } else if (holidays.has(date)) holidays.delete(date);
      else holidays.add(date);
      return { ...dr, holidays, workdays };
    });
    setDirty(true);
  };
  const hours = draft.hours.map(([a, b]) => [minutesOf(a), minutesOf(b)] as const);
  const hoursBad = hours.some(([a, b]) => a === null || b === null || a >= b);
  const save = async () => {
    setErrors({});
    try {
      await restJson<CalendarYearRow>(`${CASES_API}/calendar/${year}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          holidays: [...draft.holidays].sort(),
          workdays: [...draft.workdays].sort(),
          hours: hours as [number, number][],
          // Text or absent (the server refuses null); saving marks the year confirmed.
          ...(draft.source.trim() ? { source: draft.source.trim() } : {}),
        }),
      });
      setDirty(false);
      notify('linli.cases.calendar.saved', { type: 'success' });
      refresh();
    } catch (error) {
      setErrors(byInputPath(fieldErrors(error)));
      notify((error as Error).message, {
        type: 'error',
        messageArgs: { _: (error as Error).message },
      });
    }
  };
  return (
    <Box sx={{ ...PAGE_SX, mt: 1, pb: 4 }} data-testid="calendar-page">
      <Title title="linli.cases.calendar.title" />
      <Stack direction="row" alignItems="center" spacing={1}>
        <Tabs
          value={years.includes(year) ? year : false}
          onChange={(_, y: number) => setYear(y)}
          variant="scrollable"
          scrollButtons="auto"
          sx={{ flex: 1 }}
        >
          {years.map((y) => (
            <Tab key={y} value={y} label={String(y)} data-testid={`calendar-year-${y}`} />
          ))}
        </Tabs>
        {editable && (
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => {
              const next = Math.max(...years) + 1;
              setAdded((a) => [...a, next]);
              setYear(next);
            }}
          >
            {translate('linli.cases.calendar.add_year')}
          </Button>
        )}
      </Stack>
      <Stack
        direction="row"
        spacing={1}
        alignItems="center"
        flexWrap="wrap"
        useFlexGap
        sx={{ my: 1 }}
      >
        {row ? (
          <Chip
            size="small"
            color={row.confirmed ? 'success' : 'warning'}
            label={translate(
              row.confirmed ? 'linli.cases.calendar.confirmed' : 'linli.cases.calendar.unconfirmed',
            )}
            data-testid="calendar-confirmed"
          />
        ) : (
          <Chip size="small" label={translate('linli.cases.calendar.none')} />
        )}
        <Chip
          size="small"
          sx={{ bgcolor: 'error.light', color: 'common.white' }}
          label={translate('linli.cases.calendar.holiday')}
        />
        <Chip
          size="small"
          sx={{ bgcolor: 'info.light', color: 'common.white' }}
          label={translate('linli.cases.calendar.workday')}
        />
        <Typography variant="caption" color="text.secondary">
          {translate('linli.cases.calendar.counts', {
            holidays: draft.holidays.size,
            workdays: draft.workdays.size,
          })}
        </Typography>
        {dirty && (
          <Chip size="small" color="warning" label={translate('linli.cases.designer.unsaved')} />
        )}
        {editable && (
          <Button
            variant="contained"
            disabled={hoursBad}
            onClick={() => void save()}
            data-testid="calendar-save"
          >
            {translate('linli.cases.calendar.save')}
          </Button>
        )}
      </Stack>
      {/* What the server found in the dates or the hours (a holiday on a make-up day, overlapping
          periods …), each once; the source's own message stays under its field. */}
      {Object.entries(errors)
        .filter(([path]) => path !== 'source')
        .map(([path, message]) => (
          <Alert key={path} severity="error" sx={{ mb: 1 }} data-testid="calendar-error">
            {message}
          </Alert>
        ))}
      <Grid container spacing={1}>
        {Array.from({ length: 12 }, (_, m) => (
          <Grid key={m} size={{ xs: 12, sm: 6, md: 4, lg: 3 }}>
            <Month year={year} month={m} draft={draft} onToggle={toggle} editable={editable} />
          </Grid>
        ))}
      </Grid>
      <Card sx={{ mt: 2 }}>
        <CardHeader
          title={translate('linli.cases.calendar.hours')}
          titleTypographyProps={{ variant: 'subtitle1' }}
          sx={{ pb: 0 }}
        />
        <CardContent>
          {draft.hours.map(([a, b], i) => (
            <Stack key={i} direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
              {[a, b].map((v, j) => (
                <TextField
                  key={j}
                  size="small"
                  disabled={!editable}
                  label={translate(
                    j === 0 ? 'linli.cases.calendar.from' : 'linli.cases.calendar.to',
                  )}
                  value={v}
                  placeholder="09:00"
                  error={minutesOf(v) === null || !!errors[`hours.${i}`]}
                  onChange={(e) => {
                    setDraft((d) => ({
                      ...d,
                      hours: d.hours.map((p, k) =>
                        k === i ? (j === 0 ? [e.target.value, p[1]] : [p[0], e.target.value]) : p,
                      ),
                    }));
                    setDirty(true);
                  }}
                  sx={{ width: 110 }}
                />
              ))}
              {editable && (
                <IconButton
                  aria-label={translate('linli.cases.designer.remove')}
                  onClick={() => {
                    setDraft((d) => ({ ...d, hours: d.hours.filter((_, k) => k !== i) }));
                    setDirty(true);
                  }}
                >
                  <DeleteIcon />
                </IconButton>
              )}
            </Stack>
          ))}
          {editable && (
            <Button
              size="small"
              startIcon={<AddIcon />}
              onClick={() => {
                setDraft((d) => ({ ...d, hours: [...d.hours, ['', '']] }));
                setDirty(true);
              }}
            >
              {translate('linli.cases.calendar.add_hours')}
            </Button>
          )}
          <TextField
            fullWidth
            multiline
            minRows={2}
            disabled={!editable}
            label={translate('linli.cases.calendar.source')}
            value={draft.source}
            onChange={(e) => {
              setDraft((d) => ({ ...d, source: e.target.value }));
              setDirty(true);
            }}
            error={!!errors.source}
            helperText={errors.source ?? translate('linli.cases.calendar.source_help')}
            sx={{ mt: 2 }}
          />
        </CardContent>
      </Card>
    </Box>
  );
}
