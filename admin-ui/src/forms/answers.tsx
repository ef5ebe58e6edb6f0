import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useGetOne } from 'react-admin';
import { formatAnswer } from '../../../plugins/forms/server/src/domain/export-table';
import { yuan } from '../money';
import {
  allFields,
  labelIn,
  type FormDefinition,
} from '../../../plugins/forms/server/src/domain/fields';

/** The version a submission was made on, for its labels. */
export function useVersionDefinition(formKey?: string, number?: number): FormDefinition | null {
  const dataProvider = useDataProvider();
  const [definition, setDefinition] = useState<FormDefinition | null>(null);
  useEffect(() => {
    if (!formKey || !number) return;
    dataProvider
      .getList('forms-form-versions', {
        filter: { formKey, number },
        pagination: { page: 1, perPage: 1 },
        sort: { field: 'number', order: 'DESC' },
      })
      .then(
        ({ data }) => setDefinition((data[0]?.definition as FormDefinition) ?? null),
        () => setDefinition(null),
      );
  }, [dataProvider, formKey, number]);
  return definition;
}

/** Answers under the labels of the version they were given on. */
export function Answers({
  definition,
  data,
  lang,
}: {
  definition: FormDefinition;
  data: Record<string, unknown>;
  lang: 'zh' | 'en';
}) {
  const known = new Set(allFields(definition).map((f) => f.key));
  return (
    <Table size="small" data-testid="answers">
      <TableBody>
        {definition.fields
          .filter((f) => data[f.key] !== undefined)
          .map((f) => (
            <TableRow key={f.key}>
              <TableCell sx={{ width: '30%', fontWeight: 600 }}>{labelIn(f.label, lang)}</TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap' }}>
                {REFERENCE_RESOURCE[f.kind] && typeof data[f.key] === 'string' ? (
                  <RecordName
                    resource={REFERENCE_RESOURCE[f.kind] as string}
                    id={data[f.key] as string}
                  />
                ) : f.kind === 'money' && typeof data[f.key] === 'number' ? (
                  // A person reads money as ¥5,000.00; the export keeps the plain 5000.00.
                  yuan(data[f.key])
                ) : (
                  formatAnswer(f, data[f.key], lang)
                )}
              </TableCell>
            </TableRow>
          ))}
        {Object.keys(data)
          .filter((k) => !known.has(k))
          .map((k) => (
            <TableRow key={k}>
              <TableCell sx={{ width: '30%', fontWeight: 600 }}>{k}</TableCell>
              <TableCell>{JSON.stringify(data[k])}</TableCell>
            </TableRow>
          ))}
      </TableBody>
    </Table>
  );
}

const REFERENCE_RESOURCE: Record<string, string> = {
  area: 'cms-areas',
  person: 'cms-people',
  organisation: 'cms-organisations',
};

/** A referenced record's name (its id if it cannot be read: gone, or outside one's scope). */
function RecordName({ resource, id }: { resource: string; id: string }) {
  const { data } = useGetOne(resource, { id }, { retry: false });
  return <>{(data as { name?: string } | undefined)?.name ?? id}</>;
}
