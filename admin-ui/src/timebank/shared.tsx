import { Autocomplete, TextField as MuiTextField } from '@mui/material';
import { useState } from 'react';
import {
  FunctionField,
  useGetList,
  useLocaleState,
  useNotify,
  useTranslate,
  type FunctionFieldProps,
} from 'react-admin';
import { postAction } from '../actions';
import { fieldErrors, useRest } from '../rest';
import { useHours } from './useHours';
import type { MemberRecord } from './types';

export const TB_API = '/api/time-bank';

/** The policy as GET /api/time-bank/policy answers it ({ current, versions }). */
export interface PolicyVersionView {
  version: number;
  effectiveFrom: string;
  policy: PolicyShape;
  note?: string | null;
  author?: string | null;
}
export interface PolicyShape {
  roundingStepMinutes: number;
  rounding: 'down' | 'nearest';
  defaultRatePermille: number;
  categoryRates: Record<string, number>;
  minServiceMinutes: number;
  maxServiceMinutes: number;
  starThresholdsMinutes: number[];
  redeemFromLevel: number;
  storageCapMinutes: number | null;
  aboveCap: 'refuse' | 'pool';
  expiryMonths: number | null;
  familyTransferYearlyMinutes: number;
  donationYearlyMinutes: number;
  creditLimitMinutes: Record<'person' | 'team' | 'organisation' | 'pool', number>;
}
export interface PolicyAnswer {
  current: PolicyVersionView | null;
  versions: PolicyVersionView[];
}

export const usePolicy = () => useRest<PolicyAnswer>(`${TB_API}/policy`);

/** The categories (code, names), for inputs that take a code and for showing one by name. */
export function useCategories() {
  const { data } = useGetList<{
    id: string;
    code: string;
    nameZh: string;
    nameEn?: string | null;
    active?: boolean | null;
  }>('time-bank-categories', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'sort', order: 'ASC' },
  });
  return data ?? [];
}

/** A name in the reader's language: the Chinese one, or the English one when there is one. */
export function useLocalised() {
  const [locale] = useLocaleState();
  return (zh?: string | null, en?: string | null) => (locale === 'en' ? en || zh : zh || en) ?? '';
}

/** Category choices by code (what the REST actions take). */
export function useCategoryChoices() {
  const categories = useCategories();
  const name = useLocalised();
  return categories
    .filter((c) => c.active !== false)
    .map((c) => ({ id: c.code, name: name(c.nameZh, c.nameEn) }));
}

/** A minutes field shown in hours ("1.5 小时"). */
export function HoursField({
  source,
  ...rest
}: { source: string } & Omit<FunctionFieldProps, 'render'>) {
  const hours = useHours();
  return (
    <FunctionField
      source={source}
      {...rest}
      render={(r: Record<string, unknown>) => hours(r[source] as number | null)}
    />
  );
}

/**
 * Picks a time-bank member by name or passbook number (the server scopes what is offered).
 * For dialogs, outside any react-admin form.
 */
export function MemberPicker({
  label,
  value,
  onChange,
  filter = {},
  error,
  testId,
}: {
  label: string;
  value: MemberRecord | null;
  onChange: (member: MemberRecord | null) => void;
  filter?: Record<string, unknown>;
  error?: string;
  testId?: string;
}) {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const { data, isPending } = useGetList<MemberRecord>('time-bank-members', {
    filter: { status: 'active', ...filter, ...(text ? { q: text } : {}) },
    pagination: { page: 1, perPage: 20 },
    sort: { field: 'name', order: 'ASC' },
  });
  return (
    <Autocomplete
      options={data ?? []}
      loading={isPending}
      value={value}
      onChange={(_, v) => onChange(v)}
      onInputChange={(_, v) => setText(v)}
      filterOptions={(x) => x}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionLabel={(m) => `${m.name}${m.passbookNo ? ` · ${m.passbookNo}` : ''}`}
      noOptionsText={translate('linli.no_options')}
      renderInput={(params) => (
        <MuiTextField
          {...params}
          label={translate(label)}
          error={!!error}
          helperText={error}
          inputProps={{ ...params.inputProps, 'data-testid': testId }}
        />
      )}
      sx={{ mt: 1, minWidth: { xs: 0, sm: 360 } }}
    />
  );
}

/**
 * Posts a create-like action from a react-admin form: answers the record, or the server's
 * field errors for the form to show under its inputs (and a toast for what names no field).
 */
export function useFormAction() {
  const notify = useNotify();
  return async <T,>(
    url: string,
    body: object,
    onDone: (answer: T) => void,
    done = 'linli.grants.done',
  ): Promise<Record<string, string> | undefined> => {
    try {
      const answer = await postAction<T>(url, body);
      notify(done, { type: 'success' });
      onDone(answer);
      return undefined;
    } catch (error) {
      const errors = fieldErrors(error);
      notify((error as Error).message, { type: 'error' });
      return Object.keys(errors).length ? errors : undefined;
    }
  };
}
