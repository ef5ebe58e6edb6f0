import { Box, Link as MuiLink, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import {
  useCreatePath,
  useGetMany,
  useGetOne,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { RESOURCES } from '../dataProvider/resources';
import { yuan } from '../money';
import {
  ENUMS,
  actorText,
  MONEY,
  SHOWN,
  TYPE_RESOURCE,
  definitionLines,
  itemLines,
  jsonText,
  relationTarget,
  scalarText,
  shownFields,
  typeKey,
} from './describe';
import { usePunctuation } from '../punctuation';

/** An audit entry as the console reads it (GraphQL `CmsAuditEntry`). */
export interface AuditEntry {
  id: string;
  action: 'create' | 'update' | 'delete' | 'view';
  operation?: string | null;
  contentType: string;
  recordId: string;
  recordLabel?: string | null;
  fields?: string[] | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  actorType: string;
  actorName?: string | null;
  occurredAt: string;
}

export const resourceOf = (uid: string) => TYPE_RESOURCE[uid] ?? '';

/** A record type's name (singular), in the user's language. */
export function useTypeName() {
  const translate = useTranslate();
  return (uid: string) => translate(`audit.types.${typeKey(uid)}`, { _: uid });
}

/** A field's label for a record type: the screen's own label, else the log's. */
export function useFieldLabel() {
  const translate = useTranslate();
  return (uid: string, field: string) =>
    translate(`resources.${resourceOf(uid)}.fields.${field}`, {
      _: translate(`audit.fields.${field}`, { _: field }),
    });
}

/** What the entry did: the operation when the server named one, else create/update/delete. */
export function useActionName() {
  const translate = useTranslate();
  return (entry: Pick<AuditEntry, 'action' | 'operation'>) =>
    entry.operation
      ? translate(`audit.op.${entry.operation}`, {
          _: translate(`enums.action.${entry.action}`),
        })
      : translate(`enums.action.${entry.action}`);
}

/** Who did it: a person's name, or 系统/System for the seed and the server's own sweeps. */
export function ActorName() {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!entry) return null;
  return <>{actorText(entry.actorType === 'system' ? null : entry.actorName, translate)}</>;
}

/** The names of the fields that changed, joined as the language joins a list. */
export function FieldNames() {
  const entry = useRecordContext<AuditEntry>();
  const label = useFieldLabel();
  const translate = useTranslate();
  const fields = shownFields(entry?.fields);
  if (!entry || !fields.length) return null;
  const names = fields.map((f) => label(entry.contentType, f));
  const shown = names.slice(0, 4).join(translate('audit.list_separator'));
  return <>{names.length > 4 ? `${shown} …` : shown}</>;
}

/**
 * The record's name as kept in the entry; for entries written before names were kept, the
 * record's current name when it still exists and the viewer may read it, else its type.
 */
export function RecordName({ link = false }: { link?: boolean }) {
  const entry = useRecordContext<AuditEntry>();
  const typeName = useTypeName();
  const createPath = useCreatePath();
  const resource = entry ? resourceOf(entry.contentType) : '';
  const opens = link && SHOWN.has(resource);
  const { data, isPending } = useGetOne(
    resource,
    { id: entry?.recordId ?? '' },
    { enabled: !!entry && (opens || !entry.recordLabel) && SHOWN.has(resource), retry: false },
  );
  if (!entry) return null;
  const labelField = RESOURCES[resource]?.label ?? 'name';
  const current = data ? String((data as Record<string, unknown>)[labelField] ?? '') : '';
  const name =
    entry.recordLabel || current || `${typeName(entry.contentType)} ${entry.recordId.slice(0, 8)}`;
  if (opens && data)
    return (
      <MuiLink
        component={Link}
        to={createPath({ resource, id: entry.recordId, type: 'show' })}
        data-testid="audit-record-link"
      >
        {name}
      </MuiLink>
    );
  if (opens && !isPending) return <RecordGone name={name} />;
  return <>{name}</>;
}

function RecordGone({ name }: { name: string }) {
  const translate = useTranslate();
  const p = usePunctuation();
  return (
    <span>
      {name}{' '}
      <Typography component="span" variant="caption" color="text.secondary">
        {p.paren(translate('audit.record_gone'))}
      </Typography>
    </span>
  );
}

const isDocumentId = (v: unknown): v is string => typeof v === 'string' && /^[a-z0-9]{24}$/.test(v);

/** A relation's value: the related records' names, linked when they may be opened. */
function RelationValue({ resource, ids }: { resource: string; ids: string[] }) {
  const createPath = useCreatePath();
  const { data } = useGetMany(resource, { ids }, { retry: false });
  const labelField = RESOURCES[resource]?.label ?? 'name';
  return (
    <>
      {ids.map((id, i) => {
        const found = data?.find((r) => r.id === id) as Record<string, unknown> | undefined;
        const text = found ? String(found[labelField] ?? id) : `#${id.slice(0, 8)}`;
        return (
          <span key={id}>
            {i > 0 && '、'}
            {found && SHOWN.has(resource) ? (
              <MuiLink component={Link} to={createPath({ resource, id, type: 'show' })}>
                {text}
              </MuiLink>
            ) : (
              text
            )}
          </span>
        );
      })}
    </>
  );
}

/** One value of a field as a person reads it: yuan, translated choices, names, dates. */
export function FieldValue({ uid, field, value }: { uid: string; field: string; value: unknown }) {
  const translate = useTranslate();
  const locale = useLocaleState()[0];
  const resource = resourceOf(uid);
  if (value === null || value === undefined || value === '')
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate('audit.empty')}
      </Typography>
    );
  if (MONEY[resource]?.includes(field)) return <>{yuan(value)}</>;
  const enumName = ENUMS[resource]?.[field];
  if (enumName && typeof value === 'string')
    // Stored codes may be dashed (a form's purpose `consultation-request`); the words' keys not.
    return (
      <>
        {translate(`enums.${enumName}.${value}`, {
          _: translate(`enums.${enumName}.${value.replace(/-/g, '_')}`, { _: value }),
        })}
      </>
    );
  const target = relationTarget(resource, field);
  if (target && (isDocumentId(value) || (Array.isArray(value) && value.every(isDocumentId)))) {
    const ids = Array.isArray(value) ? (value as string[]) : [value as string];
    return ids.length ? (
      <RelationValue resource={target} ids={ids} />
    ) : (
      <>{translate('audit.empty')}</>
    );
  }
  if (typeof value === 'object') {
    // A form's definition: its fields by their labels.
    const definition = definitionLines(value, translate, locale);
    if (definition)
      return (
        <Box data-testid="audit-definition">
          {definition[0]}
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {definition.slice(1).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </Box>
        </Box>
      );
    // Lists the console knows (assessments, milestones, any list of flat records): one line
    // per item; other shapes as indented JSON that wraps inside the card.
    const lines = itemLines(field, value, translate);
    if (lines)
      return lines.length ? (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="audit-items">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </Box>
      ) : (
        <>{translate('audit.empty')}</>
      );
    // Any other shape (a form's display settings): folded, the raw data only on request.
    return (
      <details>
        <summary>
          {translate('audit.raw_data')} ·{' '}
          {translate('audit.items', { smart_count: Object.keys(value as object).length })}
        </summary>
        <Box
          component="pre"
          sx={{
            m: 0,
            fontSize: 12,
            whiteSpace: 'pre-wrap',
            overflowWrap: 'anywhere',
            color: 'text.secondary',
          }}
        >
          {jsonText(value)}
        </Box>
      </details>
    );
  }
  return <>{scalarText(field, value, translate)}</>;
}

/** The page title of an entry: what was done to which record, never its internal id. */
export function AuditTitle() {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  const actionName = useActionName();
  const typeName = useTypeName();
  if (!entry) return null;
  return (
    <>
      {translate('audit.title', {
        type: typeName(entry.contentType),
        record: entry.recordLabel ?? '',
        action: actionName(entry),
      })}
    </>
  );
}
