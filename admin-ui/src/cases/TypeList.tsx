import {
  Box,
  Card,
  Chip,
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
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type {
  CaseTypeDetail,
  CaseTypeSummary,
} from '../../../plugins/cases/server/src/shared/contracts/cases';
import { postAction } from '../actions';
import { fieldErrors, useRest } from '../rest';
import { CaseDialog } from './CaseDialog';
import { EMPTY_DEFINITION } from './definition';
import { mayCreateType } from './access';
import { CASES_API, PAGE_SX } from './shared';

const FIELDS = ['key', 'name', 'nameEn', 'numberPrefix', 'intakeForm'] as const;
type Field = (typeof FIELDS)[number];
const LABELS: Record<Field, string> = {
  key: 'linli.cases.types.key',
  name: 'linli.cases.types.name',
  nameEn: 'linli.cases.types.name_en',
  numberPrefix: 'linli.cases.types.prefix',
  intakeForm: 'linli.cases.types.intake_form',
};

/** 新建事项类型: its key and number prefix (fixed once created), names, and a starting draft. */
function CreateType() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const blank: Record<Field, string> = {
    key: '',
    name: '',
    nameEn: '',
    numberPrefix: '',
    intakeForm: '',
  };
  const [values, setValues] = useState(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  return (
    <CaseDialog
      title={translate('linli.cases.types.create')}
      testId="type-create"
      variant="contained"
      error={general}
      consequence={translate('linli.cases.types.create_consequence')}
      confirmDisabled={!values.key.trim() || !values.name.trim() || !values.numberPrefix.trim()}
      onOpen={() => {
        setValues(blank);
        setErrors({});
        setGeneral(null);
      }}
      onConfirm={async () => {
        setErrors({});
        setGeneral(null);
        try {
          const created = await postAction<CaseTypeDetail>(`${CASES_API}/types`, {
            key: values.key.trim(),
            name: values.name.trim(),
            ...(values.nameEn.trim() ? { nameEn: values.nameEn.trim() } : {}),
            numberPrefix: values.numberPrefix.trim(),
            ...(values.intakeForm.trim() ? { intakeForm: values.intakeForm.trim() } : {}),
            draft: EMPTY_DEFINITION,
          });
          navigate(`/case-types/${created.key}`);
          return true;
        } catch (error) {
          const all = fieldErrors(error);
          setErrors(all);
          if (!FIELDS.some((f) => all[f])) setGeneral((error as Error).message);
          return false;
        }
      }}
    >
      {FIELDS.map((f) => (
        <TextField
          key={f}
          fullWidth
          required={f === 'key' || f === 'name' || f === 'numberPrefix'}
          label={translate(LABELS[f])}
          value={values[f]}
          onChange={(e) => setValues({ ...values, [f]: e.target.value })}
          error={!!errors[f]}
          helperText={
            errors[f] ?? (f === 'key' ? translate('linli.cases.types.key_help') : undefined)
          }
          sx={{ mt: 1 }}
          inputProps={{ 'data-testid': `type-${f}` }}
        />
      ))}
    </CaseDialog>
  );
}

/** 事项类型 (/case-types): the types, their published version; a row opens the designer. */
export function TypeList() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const types = useRest<CaseTypeSummary[]>(`${CASES_API}/types`);
  return (
    <Box sx={{ ...PAGE_SX, mt: 1 }}>
      <Title title="linli.cases.types.title" />
      <Stack direction="row" justifyContent="space-between" alignItems="center" sx={{ mb: 1 }}>
        <Typography variant="h6">{translate('linli.cases.types.title')}</Typography>
        {mayCreateType() && <CreateType />}
      </Stack>
      <Card>
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small" sx={{ minWidth: 640 }} data-testid="type-table">
            <TableHead>
              <TableRow>
                {['key', 'name', 'prefix', 'current', 'intake_form', 'active'].map((f) => (
                  <TableCell key={f}>{translate(`linli.cases.types.${f}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {(types ?? []).map((t) => (
                <TableRow
                  key={t.key}
                  hover
                  sx={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/case-types/${t.key}`)}
                  data-testid="type-row"
                >
                  <TableCell>{t.key}</TableCell>
                  <TableCell>
                    {t.name}
                    {t.nameEn && (
                      <Typography variant="caption" color="text.secondary" display="block">
                        {t.nameEn}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{t.numberPrefix}</TableCell>
                  <TableCell>
                    {t.currentVersion > 0 ? (
                      `v${t.currentVersion}`
                    ) : (
                      <Chip size="small" label={translate('linli.cases.types.unpublished')} />
                    )}
                  </TableCell>
                  <TableCell>{t.intakeForm ?? ''}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={t.active ? 'success' : 'default'}
                      label={translate(t.active ? 'linli.cases.types.on' : 'linli.cases.types.off')}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Card>
    </Box>
  );
}
