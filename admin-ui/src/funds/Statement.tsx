import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import {
  Box,
  Button,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { Fund, FundStatement } from '../grants/types';
import { yuan } from '../money';
import { download, fieldErrors, restJson } from '../rest';
import { todayInChina } from '../../../cms/server/src/domain/china-time';

/** A period's statement of the fund, read from the ledger, reconciled, printable. */
export function Statement() {
  const record = useRecordContext<Fund>();
  const translate = useTranslate();
  const notify = useNotify();
  const today = todayInChina();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [s, setS] = useState<FundStatement | null>(null);
  // The period the shown statement was made for: the workbook is of that, not of edited dates.
  const [made, setMade] = useState({ from, to });
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!record) return null;
  const query = (p: { from: string; to: string }) =>
    `from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;
  const make = async () => {
    try {
      setS(
        await restJson<FundStatement>(
          `/api/grants/funds/${record.id}/statement?${query({ from, to })}`,
        ),
      );
      setMade({ from, to });
      setErrors({});
    } catch (error) {
      // A refused date goes under its field; anything else is said in a message.
      const byField = fieldErrors(error);
      setErrors(byField);
      if (!byField.from && !byField.to) notify((error as Error).message, { type: 'error' });
    }
  };
  const workbook = () =>
    download(
      `/api/grants/funds/${record.id}/statement?${query(made)}&format=xlsx`,
      `statement-${record.code || record.id}-${made.from}-${made.to}.xlsx`,
    ).catch(() => notify('linli.sheets.download_failed', { type: 'error' }));
  const line = (key: string, fen: number, sign = '') => (
    <TableRow key={key} data-testid={`statement-${key}`}>
      <TableCell>{translate(`linli.grants.${key}`)}</TableCell>
      <TableCell align="right">
        {fen !== 0 && sign}
        {yuan(fen)}
      </TableCell>
    </TableRow>
  );
  return (
    <Box data-testid="statement">
      <Typography variant="subtitle1">{translate('linli.grants.statement')}</Typography>
      <Stack
        direction="row"
        spacing={1}
        sx={{ my: 1 }}
        alignItems="flex-start"
        className="no-print"
      >
        <MuiTextField
          size="small"
          type="date"
          label={translate('linli.grants.from')}
          InputLabelProps={{ shrink: true }}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={!!errors.from}
          helperText={errors.from}
        />
        <MuiTextField
          size="small"
          type="date"
          label={translate('linli.grants.to')}
          InputLabelProps={{ shrink: true }}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={!!errors.to}
          helperText={errors.to}
        />
        <Button
          variant="outlined"
          onClick={make}
          data-testid="make-statement"
          sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
        >
          {translate('linli.grants.make_statement')}
        </Button>
        {s && (
          <Button
            startIcon={<PrintIcon />}
            onClick={() => window.print()}
            sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
          >
            {translate('linli.grants.print')}
          </Button>
        )}
        {s && (
          <Button
            startIcon={<DownloadIcon />}
            onClick={workbook}
            data-testid="statement-xlsx"
            sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
          >
            {translate('linli.sheets.download_xlsx')}
          </Button>
        )}
      </Stack>
      {s && (
        <Table size="small" sx={{ maxWidth: 520 }}>
          <TableBody>
            {line('opening', s.opening)}
            {line('donations', s.donations, '+')}
            {Object.entries(s.donationsByChannel).map(([channel, c]) => (
              <TableRow key={channel}>
                <TableCell sx={{ pl: 4 }}>
                  {translate('linli.sheets.channel_count', {
                    channel: translate(`enums.donationChannel.${channel}`),
                    count: c.count,
                  })}
                </TableCell>
                <TableCell align="right">{yuan(c.amount)}</TableCell>
              </TableRow>
            ))}
            {s.funding !== 0 && line('funding', s.funding, '+')}
            {line('refunds', s.refunds, '−')}
            {line('disbursed', s.disbursed, '−')}
            {s.other !== 0 && line('other', s.other)}
            {line('closing', s.closing)}
            <TableRow>
              <TableCell colSpan={2} sx={{ color: 'text.secondary' }}>
                {translate('linli.grants.within_fund')}
              </TableCell>
            </TableRow>
            {line('awarded', s.awarded)}
            {line('returned', s.returned)}
            <TableRow>
              <TableCell colSpan={2} data-testid="statement-reconciles">
                {translate(
                  s.reconciles ? 'linli.grants.reconciles' : 'linli.grants.does_not_reconcile',
                )}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
