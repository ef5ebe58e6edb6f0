import { AutocompleteInput, useGetList, type AutocompleteInputProps } from 'react-admin';
import { AREA_SUBTREE } from './dataProvider/buildQuery';

/** The levels one picks a subtree at; communities are picked by the lists' own area filters. */
const SUBTREE_LEVELS = ['district', 'subdistrict', 'town'];

interface AreaRow {
  id: string;
  name: string;
  path: string;
}

/**
 * "所属区域（含下级）": pick a district, subdistrict or town and see every record under it. The
 * value is the area's materialised path; the data provider turns it into a prefix match on the
 * list's own area path (resources.ts `areaPath`: `areaPath`, or through relations such as
 * `fund.area.path`). The server's scope still applies: areas outside it are not offered.
 */
function AreaSubtreeInput(props: Omit<AutocompleteInputProps, 'choices'>) {
  const { data, isPending } = useGetList<AreaRow>('cms-areas', {
    filter: { level: SUBTREE_LEVELS },
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'path', order: 'ASC' },
  });
  // Indented by depth (a path `/510114/510114001/` is two levels deep), so the tree shows.
  const choices = (data ?? []).map((a) => ({
    id: a.path,
    name: `${'\u3000'.repeat(Math.max(0, a.path.split('/').filter(Boolean).length - 1))}${a.name}`,
  }));
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
