import { Box, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { yuan } from '../money';
import type { Fund, FundBalance } from '../grants/types';
import { useRest } from '../rest';

/** The fund's money, read from the ledger. */
export function Balances() {
  const record = useRecordContext<Fund>();
  const translate = useTranslate();
  const b = useRest<FundBalance>(record?.id ? `/api/grants/funds/${record.id}/balance` : null);
  if (!b) return null;
  return (
    <Box data-testid="fund-balances">
      <Typography variant="subtitle1">{translate('linli.money.balances')}</Typography>
      <Stack direction="row" spacing={4}>
        {(['available', 'reserved', 'committed', 'total'] as const).map((k) => (
          <Box key={k}>
            <Typography variant="body2" color="text.secondary">
              {translate(`linli.money.${k}`)}
            </Typography>
            <Typography variant="h6" data-testid={`balance-${k}`}>
              {yuan(b[k])}
            </Typography>
          </Box>
        ))}
      </Stack>
    </Box>
  );
}
