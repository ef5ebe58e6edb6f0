import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { restBody } from '../../rest';
import { INDEX_API, type DrillRow } from './api';

const PAGE_SIZE = 20;

const date = (v: unknown) =>
  typeof v === 'string' && v
    ? new Date(v).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
    : '';

/** The records behind one figure of one community's year, a page at a time. */
export function DrillDialog({
  year,
  area,
  indicator,
  title,
  onClose,
}: {
  year: number;
  area: string;
  indicator: string;
  title: string;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const [page, setPage] = useState(1);
  const url = `${INDEX_API}/drill?year=${year}&area=${area}&indicator=${encodeURIComponent(indicator)}&page=${page}&pageSize=${PAGE_SIZE}`;
  const { data, error } = useQuery({
    queryKey: ['rest', url],
    queryFn: () => restBody<{ data: DrillRow[]; meta: { total: number; page: number } }>(url),
    retry: false,
  });
  const rows = data?.data ?? [];
  const total = data?.meta.total ?? 0;
  const detail = (r: DrillRow): string => {
    const t = (key: string, options?: Record<string, unknown>) =>
      translate(`linli.cindex.drill.${key}`, options);
    switch (r.kind) {
      case 'vote':
        return `${t('turnout', { n: r.participating, of: r.electors })} · ${t(r.passed ? 'passed' : 'failed')}`;
      case 'decision':
        return [
          r.dueOn ? t('due', { date: r.dueOn }) : '',
          r.implementedAt ? t(r.onTime ? 'on_time' : 'late') : '',
          typeof r.fundsSpent === 'number'
            ? t('funds', { yuan: (r.fundsSpent / 100).toFixed(2) })
            : '',
        ]
          .filter(Boolean)
          .join(' · ');
      case 'comment':
        return r.rating ? t('rating', { n: r.rating }) : t('comment');
      case 'support':
        return t('support');
      case 'meeting':
        return String(r.place ?? '');
      case 'topic':
        // Where it came from and where it stands: what the topic indicators count by.
        return [
          r.source ? translate(`linli.consultation.source.${String(r.source)}`) : '',
          r.stage ? translate(`linli.consultation.stage.${String(r.stage)}`) : '',
          r.ranked ? t('ranked') : '',
        ]
          .filter(Boolean)
          .join(' · ');
      case 'entry':
        return String(r.evidence ?? '');
      default:
        return '';
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="index-drill">
      <DialogTitle>{translate('linli.cindex.drill.title', { name: title })}</DialogTitle>
      <DialogContent>
        {error && <Typography color="error">{(error as Error).message}</Typography>}
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('linli.cindex.drill.number')}</TableCell>
              <TableCell>{translate('linli.cindex.drill.item')}</TableCell>
              <TableCell>{translate('linli.cindex.drill.date')}</TableCell>
              <TableCell>{translate('linli.cindex.drill.detail')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r, i) => (
              <TableRow key={`${r.kind}-${String(r.id ?? i)}`} data-testid="index-drill-row">
                <TableCell>{String(r.number ?? '')}</TableCell>
                <TableCell>{String(r.title ?? r.value ?? '')}</TableCell>
                <TableCell>{date(r.date ?? r.enteredAt)}</TableCell>
                <TableCell>{detail(r)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {data && rows.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            {translate('linli.cindex.drill.none')}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ flex: 1, pl: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {translate('linli.cindex.drill.page', { page, total })}
          </Typography>
          <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {translate('linli.cindex.drill.prev')}
          </Button>
          <Button disabled={page * PAGE_SIZE >= total} onClick={() => setPage(page + 1)}>
            {translate('linli.cindex.drill.next')}
          </Button>
        </Stack>
        <Button onClick={onClose}>{translate('linli.cindex.drill.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
