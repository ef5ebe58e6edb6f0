import DownloadIcon from '@mui/icons-material/Download';
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { formatDate } from '../dates';
import { download, restJson, useRest } from '../rest';
import { PassbookPrintButton } from './PassbookPrint';
import { useHours } from './useHours';
import { TB_API } from './shared';
import type { BalanceView, PassbookLine, PassbookPage } from './types';

/** The balance tiles: available, held by redemptions, earned (stars), expiring soon. */
export function BalancePanel({ memberId }: { memberId: string }) {
  const translate = useTranslate();
  const hours = useHours();
  const balance = useRest<BalanceView>(`${TB_API}/members/${memberId}/balance`);
  if (!balance) return null;
  const tiles: [string, string, string][] = [
    ['available', hours(balance.available), 'balance-available'],
    ['reserved', hours(balance.reserved), 'balance-reserved'],
    ['earned', hours(balance.earned), 'balance-earned'],
    ['expiring', hours(balance.expiringSoon), 'balance-expiring'],
  ];
  return (
    <Box sx={{ my: 1 }} data-testid="member-balance">
      <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap">
        {tiles.map(([key, value, testId]) => (
          <Card key={key} variant="outlined" sx={{ minWidth: 150 }}>
            <CardContent sx={{ py: 1, '&:last-child': { pb: 1 } }}>
              <Typography variant="body2" color="text.secondary">
                {translate(`linli.tb.balance.${key}`)}
              </Typography>
              <Typography variant="h6" data-testid={testId}>
                {value}
              </Typography>
            </CardContent>
          </Card>
        ))}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }} useFlexGap flexWrap="wrap">
        <Chip
          size="small"
          label={
            balance.level > 0
              ? `${'★'.repeat(balance.level)} ${translate('linli.tb.members.level', { level: balance.level })}`
              : translate('linli.tb.members.no_star')
          }
        />
        {balance.toNextLevel !== null && (
          <Chip
            size="small"
            variant="outlined"
            label={translate('linli.tb.balance.to_next', { hours: hours(balance.toNextLevel) })}
          />
        )}
        <Chip
          size="small"
          variant="outlined"
          color={balance.mayRedeem ? 'success' : 'default'}
          label={translate(
            balance.mayRedeem ? 'linli.tb.balance.may_redeem' : 'linli.tb.balance.may_not_redeem',
          )}
        />
        {balance.cap !== null && (
          <Chip
            size="small"
            variant="outlined"
            label={translate('linli.tb.balance.cap', { hours: hours(balance.cap) })}
          />
        )}
      </Stack>
    </Box>
  );
}

const PAGE = 20;

/**
 * The passbook (存折), newest first, a page at a time ("load more" asks for the lines before
 * the last one shown); CSV and XLSX downloads of the whole book.
 */
export function Passbook({
  memberId,
  passbookNo,
}: {
  memberId: string;
  passbookNo?: string | null;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const hours = useHours();
  const [locale] = useLocaleState();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const first = useQuery({
    queryKey: ['rest', `${TB_API}/members/${memberId}/passbook?limit=${PAGE}`],
    queryFn: () => restJson<PassbookPage>(`${TB_API}/members/${memberId}/passbook?limit=${PAGE}`),
    retry: false,
  });
  const [more, setMore] = useState<PassbookLine[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // A refresh (after an action) starts the book again from its newest line.
  useEffect(() => {
    setMore([]);
    setNext(first.data?.next ?? null);
  }, [first.data]);
  const lines = [...(first.data?.lines ?? []), ...more];
  const loadMore = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const page = await restJson<PassbookPage>(
        `${TB_API}/members/${memberId}/passbook?before=${encodeURIComponent(next)}&limit=${PAGE}`,
      );
      setMore((m) => [...m, ...page.lines]);
      setNext(page.next);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setLoading(false);
    }
  };
  const file = (format: 'csv' | 'xlsx') => () =>
    download(
      `${TB_API}/members/${memberId}/passbook.${format}`,
      `${passbookNo || memberId}.${format}`,
    ).catch((error: Error) => notify(error.message, { type: 'error' }));
  return (
    <Card variant="outlined" sx={{ my: 2 }} data-testid="passbook">
      <CardHeader
        title={translate('linli.tb.passbook.title')}
        titleTypographyProps={{ variant: 'subtitle1' }}
        action={
          <Stack direction="row" spacing={1}>
            <PassbookPrintButton memberId={memberId} />
            <Button size="small" startIcon={<DownloadIcon />} onClick={file('csv')}>
              CSV
            </Button>
            <Button size="small" startIcon={<DownloadIcon />} onClick={file('xlsx')}>
              Excel
            </Button>
          </Stack>
        }
      />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>
        {first.isError && (
          <Typography color="error" variant="body2">
            {(first.error as Error).message}
          </Typography>
        )}
        {first.data && lines.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {translate('linli.tb.passbook.empty')}
          </Typography>
        )}
        {lines.length > 0 && phone && (
          <Box>
            {lines.map((line) => (
              <Box
                key={line.transferId}
                data-testid="passbook-line"
                sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}
              >
                <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
                  <Typography variant="caption" color="text.secondary">
                    {formatDate(line.at, true)}
                  </Typography>
                  <Typography
                    variant="body2"
                    fontWeight="bold"
                    color={line.minutes < 0 ? 'error.main' : 'success.main'}
                  >
                    {line.minutes > 0 ? '+' : '−'}
                    {hours(Math.abs(line.minutes))}
                  </Typography>
                </Box>
                <Typography variant="body2">
                  {locale === 'en' ? line.description.en : line.description.zh}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {translate('linli.tb.passbook.balance')} {hours(line.balanceAfter)}
                </Typography>
              </Box>
            ))}
          </Box>
        )}
        {lines.length > 0 && !phone && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('linli.tb.passbook.at')}</TableCell>
                <TableCell>{translate('linli.tb.passbook.description')}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {translate('linli.tb.passbook.deposit')}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {translate('linli.tb.passbook.withdrawal')}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {translate('linli.tb.passbook.balance')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((line) => (
                <TableRow key={line.transferId} data-testid="passbook-line">
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(line.at, true)}</TableCell>
                  <TableCell>
                    {locale === 'en' ? line.description.en : line.description.zh}
                    {line.counterparty && (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {line.counterparty}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right" sx={{ color: 'success.main', whiteSpace: 'nowrap' }}>
                    {line.minutes > 0 ? hours(line.minutes) : ''}
                  </TableCell>
                  <TableCell align="right" sx={{ color: 'error.main', whiteSpace: 'nowrap' }}>
                    {line.minutes < 0 ? hours(-line.minutes) : ''}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {hours(line.balanceAfter)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {next && (
          <Button sx={{ mt: 1 }} onClick={loadMore} disabled={loading} data-testid="passbook-more">
            {translate('linli.tb.passbook.more')}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
