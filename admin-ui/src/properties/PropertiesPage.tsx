import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useGetList, useNotify, useTranslate, type RaRecord } from 'react-admin';
import { formatArea } from '../../../cms/server/src/domain/properties';
import { can } from '../authProvider';
import { deleteUnit, downloadTemplate, listUnits, type UnitView } from './api';
import { ImportDialog } from './ImportDialog';
import { UnitDialog } from './UnitDialog';

const mayWrite = () => can('plugin::cms.properties', 'update');
const mayImport = () => can('plugin::cms.properties', 'importCommit');

/** A compound picked by name from those the viewer may read. */
function CompoundPicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const translate = useTranslate();
  const [input, setInput] = useState('');
  const { data = [] } = useGetList('cms-compounds', {
    filter: input ? { q: input } : {},
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'name', order: 'ASC' },
  });
  const [chosen, setChosen] = useState<RaRecord | null>(null);
  const options = chosen && !data.some((r) => r.id === chosen.id) ? [chosen, ...data] : data;
  return (
    <Autocomplete
      size="small"
      sx={{ width: 320 }}
      options={options}
      value={options.find((r) => r.id === value) ?? null}
      getOptionLabel={(r: RaRecord) => String(r.name ?? '')}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(x) => x}
      onInputChange={(_e, text, reason) => reason === 'input' && setInput(text)}
      onChange={(_e, r) => {
        setChosen(r);
        onChange(r ? String(r.id) : null);
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={translate('linli.properties.compound')}
          inputProps={{ ...params.inputProps, 'data-testid': 'property-compound' }}
        />
      )}
    />
  );
}

/** building → unit → rooms, in the order the server sorted them (natural order). */
function group(units: UnitView[]): [string, [string, UnitView[]][]][] {
  const buildings = new Map<string, Map<string, UnitView[]>>();
  for (const u of units) {
    const b = buildings.get(u.building) ?? new Map<string, UnitView[]>();
    const list = b.get(u.unitNo) ?? [];
    list.push(u);
    b.set(u.unitNo, list);
    buildings.set(u.building, b);
  }
  return [...buildings].map(([b, unitsOf]) => [b, [...unitsOf]]);
}

/**
 * 房屋与住户: a compound's rooms grouped by building and unit, with the area, the owners and their
 * shares, the household's head and size; a room's edit, and the import of the room list.
 */
export function PropertiesPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const [compound, setCompound] = useState<string | null>(null);
  const [editing, setEditing] = useState<UnitView | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: ['property-units', compound],
    queryFn: () => listUnits(compound as string),
    enabled: !!compound,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['property-units', compound] });
  const units = data?.data ?? [];
  const households = units.filter((u) => u.household).length;

  async function remove(unit: UnitView) {
    if (!window.confirm(translate('linli.properties.confirm_delete'))) return;
    try {
      await deleteUnit(unit.documentId);
      notify('linli.properties.deleted', { type: 'info' });
      await refresh();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  }

  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('linli.properties.title')} />
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2 }} flexWrap="wrap">
        <CompoundPicker value={compound} onChange={setCompound} />
        {compound && mayWrite() && (
          <Button variant="outlined" onClick={() => setEditing(null)} data-testid="property-add">
            {translate('linli.properties.add')}
          </Button>
        )}
        {compound && mayImport() && (
          <Button
            variant="contained"
            onClick={() => setImporting(true)}
            data-testid="property-import"
          >
            {translate('linli.properties.import')}
          </Button>
        )}
        <Button
          size="small"
          onClick={() => void downloadTemplate()}
          data-testid="property-template"
        >
          {translate('linli.properties.template')}
        </Button>
      </Stack>
      {!compound && <Alert severity="info">{translate('linli.properties.pick_compound')}</Alert>}
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {compound && !isPending && !error && (
        <Typography sx={{ mb: 1 }} data-testid="property-counts">
          {translate('linli.properties.rooms_count', { rooms: units.length, households })}
        </Typography>
      )}
      {compound && !isPending && !error && units.length === 0 && (
        <Alert severity="info">{translate('linli.properties.empty')}</Alert>
      )}
      {group(units).map(([building, unitsOf]) => (
        <Card key={building} sx={{ mb: 2 }} data-testid="property-building">
          <CardContent>
            <Typography variant="h6">
              {translate('linli.properties.building_n', { building })}
            </Typography>
            {unitsOf.map(([unitNo, rooms]) => (
              <Box key={unitNo} sx={{ mt: 1 }}>
                <Typography variant="subtitle2" color="text.secondary">
                  {unitNo
                    ? translate('linli.properties.unit_n', { unit: unitNo })
                    : translate('linli.properties.no_unit')}
                </Typography>
                <Table size="small" sx={{ tableLayout: 'fixed' }}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('linli.properties.room')}</TableCell>
                      <TableCell align="right">{translate('linli.properties.area')}</TableCell>
                      <TableCell>{translate('linli.properties.usage')}</TableCell>
                      <TableCell>{translate('linli.properties.owners')}</TableCell>
                      <TableCell>{translate('linli.properties.head')}</TableCell>
                      <TableCell align="right">{translate('linli.properties.size')}</TableCell>
                      <TableCell />
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {rooms.map((u) => (
                      <TableRow key={u.documentId} data-testid="property-room">
                        <TableCell>{u.room}</TableCell>
                        <TableCell align="right">{formatArea(u.floorArea)}</TableCell>
                        <TableCell>{translate(`linli.properties.usage_${u.usage}`)}</TableCell>
                        <TableCell>
                          {u.owners
                            .map(
                              (o) =>
                                `${o.person.name}（${o.shareNumerator}/${o.shareDenominator}）`,
                            )
                            .join('、')}
                        </TableCell>
                        <TableCell>
                          {u.household
                            ? (u.household.head?.name ?? '')
                            : translate('linli.properties.no_household')}
                        </TableCell>
                        <TableCell align="right">{u.household?.members.length ?? 0}</TableCell>
                        <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                          {mayWrite() && (
                            <>
                              <IconButton
                                size="small"
                                aria-label={translate('linli.properties.edit')}
                                onClick={() => setEditing(u)}
                              >
                                <EditIcon fontSize="small" />
                              </IconButton>
                              <IconButton
                                size="small"
                                aria-label={translate('linli.properties.delete')}
                                onClick={() => void remove(u)}
                              >
                                <DeleteIcon fontSize="small" />
                              </IconButton>
                            </>
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </Box>
            ))}
          </CardContent>
        </Card>
      ))}
      {compound && editing !== undefined && (
        <UnitDialog
          key={editing?.documentId ?? 'new'}
          compound={compound}
          unit={editing}
          open
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) {
              notify('linli.properties.saved', { type: 'info' });
              void refresh();
            }
          }}
        />
      )}
      {compound && (
        <ImportDialog
          compound={compound}
          open={importing}
          onClose={(changed) => {
            setImporting(false);
            if (changed) void refresh();
          }}
        />
      )}
    </Box>
  );
}
