import {
  Card,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { API, query, usePaged } from './shared';

export interface Column<T> {
  /** the field's label key under linli.consultation.fields */
  field: string;
  cell: (row: T) => ReactNode;
  /** short values (numbers, dates, kinds) stay on one line */
  nowrap?: boolean;
}

/**
 * A list of the consultation API, 25 a page: one row per record, the whole row opens it; the
 * words for an empty list; the page range in the console's language.
 */
export function PagedTable<T extends { documentId: string }>({
  path,
  params = {},
  columns,
  link,
  page,
  onPage,
  empty,
  testId,
  rowTestId,
  minWidth = 760,
}: {
  /** the list's address under the consultation API, e.g. `/votes` */
  path: string;
  /** its filters */
  params?: Record<string, string | number | undefined | null>;
  columns: Column<T>[];
  link: (documentId: string) => string;
  page: number;
  onPage: (page: number) => void;
  /** translation key of the words for an empty list */
  empty: string;
  testId: string;
  rowTestId: string;
  minWidth?: number;
}) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { rows, total, isPending } = usePaged<T>(
    `${API}${path}?${query({ ...params, page, pageSize: 25 })}`,
  );
  return (
    <Card>
      <TableContainer sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid={testId} sx={{ minWidth }}>
          <TableHead>
            <TableRow>
              {columns.map((c) => (
                <TableCell key={c.field} sx={{ whiteSpace: 'nowrap' }}>
                  {translate(`linli.consultation.fields.${c.field}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow
                key={row.documentId}
                hover
                sx={{ cursor: 'pointer' }}
                onClick={() => navigate(link(row.documentId))}
                data-testid={rowTestId}
              >
                {columns.map((c) => (
                  <TableCell key={c.field} sx={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                    {c.cell(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            {!isPending && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length}>
                  <Typography color="text.secondary">{translate(empty)}</Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={total}
        page={page - 1}
        rowsPerPage={25}
        rowsPerPageOptions={[25]}
        labelDisplayedRows={({ from, to, count }) =>
          translate('ra.navigation.page_range_info', {
            offsetBegin: from,
            offsetEnd: to,
            total: count,
          })
        }
        onPageChange={(_, p) => onPage(p + 1)}
      />
    </Card>
  );
}
