import { Autocomplete, TextField } from '@mui/material';
import { useState } from 'react';
import { useGetList, type RaRecord } from 'react-admin';
import { AREA_SUBTREE } from './dataProvider/buildQuery';

export interface PersonChoice {
  id: string;
  name: string;
}

/**
 * A person picked by name from the people the viewer may read (the server checks the scope
 * again); `under` keeps the choice to one area's subtree (e.g. a community's residents).
 */
export function PersonPicker({
  value,
  onChange,
  label,
  testId,
  error,
  under,
}: {
  value: PersonChoice | null;
  onChange: (p: PersonChoice | null) => void;
  label: string;
  testId: string;
  error?: string;
  /** an area's path */
  under?: string;
}) {
  const [input, setInput] = useState('');
  const { data = [] } = useGetList('cms-people', {
    filter: { ...(input ? { q: input } : {}), ...(under ? { [AREA_SUBTREE]: under } : {}) },
    pagination: { page: 1, perPage: 20 },
    sort: { field: 'name', order: 'ASC' },
  });
  const options: PersonChoice[] = data.map((r: RaRecord) => ({
    id: String(r.id),
    name: String(r.name ?? ''),
  }));
  if (value && !options.some((o) => o.id === value.id)) options.unshift(value);
  return (
    <Autocomplete
      size="small"
      sx={{ minWidth: 220, flex: 1 }}
      options={options}
      value={value}
      getOptionLabel={(p) => p.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(x) => x}
      onInputChange={(_e, text, reason) => reason === 'input' && setInput(text)}
      onChange={(_e, p) => onChange(p)}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={!!error}
          helperText={error}
          inputProps={{ ...params.inputProps, 'data-testid': testId }}
        />
      )}
    />
  );
}
