import { Typography } from '@mui/material';
import {
  AutocompleteInput,
  useGetList,
  useTranslate,
  type AutocompleteInputProps,
} from 'react-admin';
import { mayPickSubtree, SUBTREE_LEVELS, subtreeChoices } from './areaSubtree';
import { viewerScope } from './authProvider';
import { AREA_SUBTREE } from './dataProvider/buildQuery';

interface AreaRow {
  id: string;
  name: string;
  path: string;
  level: string;
}

/**
 * "所属区域（含下级）": pick a district, subdistrict or town and see every record under it. The
 * value is the area's materialised path; the data provider turns it into a prefix match on the
 * list's own area path (resources.ts `areaPath`: `areaPath`, or through relations such as
 * `fund.area.path`). Only areas strictly inside the viewer's scope are offered (areaSubtree.ts);
 * a viewer whose scope has none (a community worker) is told so instead of being offered areas
 * that would filter nothing.
 */
function AreaSubtreeInput(props: Omit<AutocompleteInputProps, 'choices'>) {
  const translate = useTranslate();
  const scope = viewerScope();
  const may = mayPickSubtree(scope);
  const { data, isPending } = useGetList<AreaRow>(
    'cms-areas',
    {
      filter: { level: SUBTREE_LEVELS },
      pagination: { page: 1, perPage: 500 },
      sort: { field: 'path', order: 'ASC' },
    },
    { enabled: may },
  );
  const choices = subtreeChoices(data ?? [], scope);
  // The filter bar hides helper texts, so the reason stands in the input's place.
  if (!may || (!isPending && choices.length === 0))
    return (
      <Typography
        variant="body2"
        color="text.secondary"
        sx={{ alignSelf: 'center', my: 1 }}
        data-testid="no-sub-areas"
      >
        {translate('linli.roles.filter.no_sub_areas')}
      </Typography>
    );
  return <AutocompleteInput {...props} choices={choices} isPending={isPending} />;
}

/** One element for every list's `filters`: `[...filters, areaSubtreeFilter]`. */
export const areaSubtreeFilter = (
  <AreaSubtreeInput
    key={AREA_SUBTREE}
    source={AREA_SUBTREE}
    label="linli.roles.filter.area_subtree"
    sx={{ minWidth: 240 }}
  />
);
