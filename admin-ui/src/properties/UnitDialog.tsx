import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import {
  USAGES,
  formatArea,
  parseArea,
  parseShare,
  shareIssues,
  type Usage,
} from '../../../cms/server/src/domain/properties';
import { fieldErrors, issueErrors } from '../rest';
import { PersonPicker, type PersonChoice } from '../PersonPicker';
import { createUnit, updateUnit, type UnitInput, type UnitView } from './api';

interface OwnerDraft {
  person: PersonChoice | null;
  share: string;
}

/** A room's edit: fields, owners with shares (checked as typed), household head and members. */
export function UnitDialog({
  compound,
  unit,
  open,
  onClose,
}: {
  compound: string;
  /** null: a new room */
  unit: UnitView | null;
  open: boolean;
  onClose: (saved: boolean) => void;
}) {
  const translate = useTranslate();
  const [building, setBuilding] = useState(unit?.building ?? '');
  const [unitNo, setUnitNo] = useState(unit?.unitNo ?? '');
  const [room, setRoom] = useState(unit?.room ?? '');
  const [area, setArea] = useState(unit ? formatArea(unit.floorArea) : '');
  const [usage, setUsage] = useState<Usage>(unit?.usage ?? 'residential');
  const [owners, setOwners] = useState<OwnerDraft[]>(
    unit?.owners.map((o) => ({
      person: { id: o.person.documentId, name: o.person.name },
      share: `${o.shareNumerator}/${o.shareDenominator}`,
    })) ?? [],
  );
  const [head, setHead] = useState<PersonChoice | null>(
    unit?.household?.head
      ? { id: unit.household.head.documentId, name: unit.household.head.name }
      : null,
  );
  const [members, setMembers] = useState<PersonChoice[]>(
    unit?.household?.members
      .filter((m) => m.documentId !== unit.household?.head?.documentId)
      .map((m) => ({ id: m.documentId, name: m.name })) ?? [],
  );
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const floorArea = parseArea(area);
  const shares = owners.map((o) => parseShare(o.share));
  // The same check as the server's (domain/properties.ts): shares add up to exactly one.
  const shareErrors: Record<string, string> = {};
  shares.forEach((s, i) => {
    if (!s) shareErrors[`owners[${i}].share`] = translate('linli.properties.share_invalid');
  });
  const local =
    Object.keys(shareErrors).length === 0
      ? issueErrors(
          shareIssues(
            shares.map((s) => ({ numerator: s!.numerator, denominator: s!.denominator })),
          ),
        )
      : shareErrors;
  const errors = { ...serverErrors, ...local };
  const areaError = area && floorArea === null ? translate('linli.properties.area_invalid') : '';
  const ready =
    building.trim() &&
    room.trim() &&
    floorArea !== null &&
    Object.keys(local).length === 0 &&
    owners.every((o) => o.person);

  async function save() {
    if (!ready || floorArea === null) return;
    const input: UnitInput = {
      building: building.trim(),
      unitNo: unitNo.trim(),
      room: room.trim(),
      floorArea,
      usage,
      owners: owners.map((o, i) => ({
        person: o.person!.id,
        shareNumerator: shares[i]!.numerator,
        shareDenominator: shares[i]!.denominator,
      })),
      household: head ? { head: head.id, members: members.map((m) => m.id) } : null,
    };
    setBusy(true);
    setError(null);
    try {
      if (unit) await updateUnit(unit.documentId, input);
      else await createUnit(compound, input);
      onClose(true);
    } catch (e) {
      setServerErrors(fieldErrors(e));
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={() => onClose(false)} maxWidth="md" fullWidth>
      <DialogTitle>
        {translate(unit ? 'linli.properties.edit' : 'linli.properties.add')}
      </DialogTitle>
      <DialogContent>
        <Stack direction="row" spacing={2} sx={{ mt: 1 }}>
          <TextField
            size="small"
            label={translate('linli.properties.building')}
            value={building}
            onChange={(e) => setBuilding(e.target.value)}
            error={!!errors.building}
            helperText={errors.building}
            inputProps={{ maxLength: 20, 'data-testid': 'unit-building' }}
          />
          <TextField
            size="small"
            label={translate('linli.properties.unit')}
            value={unitNo}
            onChange={(e) => setUnitNo(e.target.value)}
            inputProps={{ maxLength: 20, 'data-testid': 'unit-unitno' }}
          />
          <TextField
            size="small"
            label={translate('linli.properties.room')}
            value={room}
            onChange={(e) => setRoom(e.target.value)}
            error={!!errors.room}
            helperText={errors.room}
            inputProps={{ maxLength: 20, 'data-testid': 'unit-room' }}
          />
          <TextField
            size="small"
            label={translate('linli.properties.area')}
            value={area}
            onChange={(e) => setArea(e.target.value)}
            error={!!areaError || !!errors.floorArea}
            helperText={areaError || errors.floorArea}
            inputProps={{ inputMode: 'decimal', 'data-testid': 'unit-area' }}
          />
          <TextField
            select
            size="small"
            sx={{ minWidth: 110 }}
            label={translate('linli.properties.usage')}
            value={usage}
            onChange={(e) => setUsage(e.target.value as Usage)}
          >
            {USAGES.map((u) => (
              <MenuItem key={u} value={u}>
                {translate(`linli.properties.usage_${u}`)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>

        <Typography variant="subtitle2" sx={{ mt: 3, mb: 1 }}>
          {translate('linli.properties.owners')}
        </Typography>
        {owners.map((o, i) => (
          <Stack direction="row" spacing={2} key={i} sx={{ mb: 1 }} alignItems="flex-start">
            <PersonPicker
              label={translate('linli.properties.person')}
              value={o.person}
              testId={`owner-${i}-person`}
              error={errors[`owners[${i}].person`]}
              onChange={(p) => setOwners(owners.map((x, j) => (j === i ? { ...x, person: p } : x)))}
            />
            <TextField
              size="small"
              sx={{ width: 120 }}
              label={translate('linli.properties.share')}
              value={o.share}
              onChange={(e) =>
                setOwners(owners.map((x, j) => (j === i ? { ...x, share: e.target.value } : x)))
              }
              error={!!errors[`owners[${i}].share`]}
              helperText={errors[`owners[${i}].share`]}
              inputProps={{ 'data-testid': `owner-${i}-share` }}
            />
            <IconButton
              aria-label={translate('linli.properties.remove')}
              onClick={() => setOwners(owners.filter((_x, j) => j !== i))}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Stack>
        ))}
        <Button
          size="small"
          onClick={() => setOwners([...owners, { person: null, share: owners.length ? '' : '1' }])}
        >
          {translate('linli.properties.add_owner')}
        </Button>

        <Typography variant="subtitle2" sx={{ mt: 3, mb: 1 }}>
          {translate('linli.properties.head')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 2 }}>
          <PersonPicker
            label={translate('linli.properties.head')}
            value={head}
            testId="household-head"
            error={errors['household.head']}
            onChange={setHead}
          />
        </Box>
        <Typography variant="subtitle2" sx={{ mt: 2, mb: 1 }}>
          {translate('linli.properties.members')}
        </Typography>
        {members.map((m, i) => (
          <Stack direction="row" spacing={2} key={m.id} sx={{ mb: 1 }}>
            <Typography sx={{ flex: 1 }}>{m.name}</Typography>
            <IconButton
              aria-label={translate('linli.properties.remove')}
              onClick={() => setMembers(members.filter((_x, j) => j !== i))}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Stack>
        ))}
        {head && (
          <PersonPicker
            label={translate('linli.properties.members')}
            value={null}
            testId="household-member"
            onChange={(p) =>
              p && !members.some((m) => m.id === p.id) && setMembers([...members, p])
            }
          />
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={!ready || busy}
          onClick={() => void save()}
          data-testid="unit-save"
        >
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
