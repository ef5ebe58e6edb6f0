import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import {
  DateField,
  FunctionField,
  Labeled,
  Show,
  SimpleShowLayout,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import {
  ActorName,
  AuditTitle,
  FieldValue,
  RecordName,
  useActionName,
  useFieldLabel,
  useTypeName,
  type AuditEntry,
} from './parts';
import { shownFields } from './describe';

/** Only the fields that changed, each with its label, before and after as a person reads them. */
function Changes() {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  const label = useFieldLabel();
  if (!entry) return null;
  const fields = shownFields(entry.fields);
  if (fields.length === 0)
    return <Typography color="text.secondary">{translate('audit.no_changes')}</Typography>;
  // A look (an ID number revealed) changes nothing: the field is named, no values shown.
  if (entry.action === 'view')
    return (
      <Typography>
        {fields.map((f) => label(entry.contentType, f)).join(translate('audit.list_separator'))}
      </Typography>
    );
  const showBefore = entry.action !== 'create';
  const showAfter = entry.action !== 'delete';
  return (
    <Table size="small" data-testid="audit-diff" sx={{ maxWidth: 960 }}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('audit.field')}</TableCell>
          {showBefore && <TableCell>{translate('audit.before')}</TableCell>}
          {showAfter && <TableCell>{translate('audit.after')}</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {fields.map((field) => (
          <TableRow key={field}>
            <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap', fontWeight: 500 }}>
              {label(entry.contentType, field)}
            </TableCell>
            {showBefore && (
              <TableCell>
                <FieldValue uid={entry.contentType} field={field} value={entry.before?.[field]} />
              </TableCell>
            )}
            {showAfter && (
              <TableCell>
                <FieldValue uid={entry.contentType} field={field} value={entry.after?.[field]} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function AuditShow() {
  const typeName = useTypeName();
  const actionName = useActionName();
  return (
    <Show title={<AuditTitle />}>
      <SimpleShowLayout>
        <DateField source="occurredAt" showTime />
        <FunctionField
          source="contentType"
          render={(entry: AuditEntry) => typeName(entry.contentType)}
        />
        <Labeled source="recordLabel" label="resources.cms-audit-entries.fields.recordLabel">
          <RecordName link />
        </Labeled>
        <FunctionField source="action" render={(entry: AuditEntry) => actionName(entry)} />
        <Labeled source="actorName" label="resources.cms-audit-entries.fields.actorName">
          <ActorName />
        </Labeled>
        <Labeled source="fields" label="resources.cms-audit-entries.fields.changes" fullWidth>
          <Box>
            <Changes />
          </Box>
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
