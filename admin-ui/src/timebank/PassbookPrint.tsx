import PrintIcon from '@mui/icons-material/Print';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  GlobalStyles,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDate } from '../dates';
import { restJson } from '../rest';
import { useHours } from './useHours';
import { TB_API } from './shared';
import type { PassbookLine, PassbookPage } from './types';

const PAGE = 100;

/** Every line of the book, newest first as the server pages it, with the member and balance. */
async function wholeBook(memberId: string): Promise<PassbookPage> {
  const base = `${TB_API}/members/${memberId}/passbook?limit=${PAGE}`;
  const first = await restJson<PassbookPage>(base);
  const lines: PassbookLine[] = [...first.lines];
  let next = first.next;
  for (let i = 0; next && i < 200; i++) {
    const page = await restJson<PassbookPage>(`${base}&before=${encodeURIComponent(next)}`);
    lines.push(...page.lines);
    next = page.next;
  }
  return { ...first, lines, next: null };
}

// In print, only the sheet: no menu, app bar, backdrop or the dialog's buttons; A4 with margins.
const PRINT_CSS = {
  '@page': { size: 'A4', margin: '15mm 12mm' },
  '@media print': {
    'body > *:not(.tb-passbook-print)': { display: 'none !important' },
    '.tb-passbook-print, .tb-passbook-print .MuiDialog-container, .tb-passbook-print .MuiDialog-paper':
      {
        position: 'static !important',
        display: 'block !important',
        overflow: 'visible !important',
        height: 'auto !important',
        maxHeight: 'none !important',
        width: '100% !important',
        maxWidth: 'none !important',
        margin: '0 !important',
        boxShadow: 'none !important',
      },
    '.tb-passbook-print .MuiBackdrop-root, .tb-passbook-print .tb-no-print': {
      display: 'none !important',
    },
    '.tb-passbook-print .MuiDialogContent-root': { padding: '0 !important', overflow: 'visible' },
    '.tb-passbook-sheet tr': { breakInside: 'avoid' },
    '.tb-passbook-sheet thead': { display: 'table-header-group' },
  },
};

const cell = { border: '1px solid #999', padding: '3px 6px', fontSize: 12 } as const;
const number = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' } as const;

/**
 * 打印存折: a button that opens the member's whole passbook (oldest line first) as a sheet laid
 * out for A4 — name, passbook number, community, balance, then the lines — and prints it.
 */
export function PassbookPrintButton({ memberId }: { memberId: string }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        startIcon={<PrintIcon />}
        onClick={() => setOpen(true)}
        data-testid="passbook-print"
      >
        {translate('linli.tb.passbook.print')}
      </Button>
      {open && <PassbookPrint memberId={memberId} onClose={() => setOpen(false)} />}
    </>
  );
}

function PassbookPrint({ memberId, onClose }: { memberId: string; onClose: () => void }) {
  const translate = useTranslate();
  const hours = useHours();
  const [locale] = useLocaleState();
  const [book, setBook] = useState<PassbookPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    wholeBook(memberId).then(
      (b) => live && setBook(b),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [memberId]);
  // Once the whole book is in, the browser's print dialog opens by itself.
  useEffect(() => {
    if (!book) return;
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [book]);
  const lines = book ? [...book.lines].reverse() : [];
  return (
    <Dialog open fullScreen onClose={onClose} className="tb-passbook-print">
      <GlobalStyles styles={PRINT_CSS} />
      <DialogActions className="tb-no-print">
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
        <Button
          variant="contained"
          startIcon={<PrintIcon />}
          disabled={!book}
          onClick={() => window.print()}
        >
          {translate('linli.tb.passbook.print')}
        </Button>
      </DialogActions>
      <DialogContent>
        <Box
          className="tb-passbook-sheet"
          data-testid="passbook-sheet"
          sx={{ maxWidth: '186mm', mx: 'auto', color: '#000', bgcolor: '#fff' }}
        >
          {error && <Typography color="error">{error}</Typography>}
          {!book && !error && <Typography>{translate('ra.page.loading')}</Typography>}
          {book && (
            <>
              <Typography variant="h5" align="center" sx={{ mb: 2, fontWeight: 600 }}>
                {translate('linli.tb.passbook.print_title')}
              </Typography>
              <Box
                sx={{
                  display: 'grid',
                  gridTemplateColumns: '1fr 1fr',
                  gap: '4px 24px',
                  mb: 2,
                  fontSize: 14,
                }}
              >
                <div>
                  {translate('linli.tb.passbook.holder')}: <b>{book.member.name}</b>
                </div>
                <div>
                  {translate('resources.time-bank-members.fields.passbookNo')}:{' '}
                  <b>{book.member.passbookNo}</b>
                </div>
                <div>
                  {translate('resources.time-bank-members.fields.area')}:{' '}
                  {book.member.area?.name ?? '—'}
                </div>
                <div>
                  {translate('linli.tb.balance.available')}:{' '}
                  <b data-testid="passbook-print-balance">{hours(book.balance.available)}</b>
                </div>
                <div>
                  {translate('linli.tb.balance.earned')}: {hours(book.balance.earned)}
                </div>
                <div>
                  {translate('linli.tb.passbook.printed_at')}: {formatDate(new Date(), true)}
                </div>
              </Box>
              {lines.length === 0 ? (
                <Typography>{translate('linli.tb.passbook.empty')}</Typography>
              ) : (
                <table style={{ width: '100%', borderCollapse: 'collapse' }}>
                  <thead>
                    <tr>
                      <th style={cell}>#</th>
                      <th style={cell}>{translate('linli.tb.passbook.at')}</th>
                      <th style={cell}>{translate('linli.tb.passbook.description')}</th>
                      <th style={number}>{translate('linli.tb.passbook.deposit')}</th>
                      <th style={number}>{translate('linli.tb.passbook.withdrawal')}</th>
                      <th style={number}>{translate('linli.tb.passbook.balance')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {lines.map((line, i) => (
                      <tr key={line.transferId} data-testid="passbook-print-line">
                        <td style={number}>{i + 1}</td>
                        <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                          {formatDate(line.at, true)}
                        </td>
                        <td style={cell}>
                          {locale === 'en' ? line.description.en : line.description.zh}
                          {line.counterparty ? ` · ${line.counterparty}` : ''}
                        </td>
                        <td style={number}>{line.minutes > 0 ? hours(line.minutes) : ''}</td>
                        <td style={number}>{line.minutes < 0 ? hours(-line.minutes) : ''}</td>
                        <td style={number}>{hours(line.balanceAfter)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </Box>
      </DialogContent>
    </Dialog>
  );
}
