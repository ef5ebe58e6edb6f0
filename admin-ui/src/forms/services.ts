import type { FieldDef, FileRef } from '../../../plugins/forms/server/src/domain/fields';
import { SEARCH_PAGE, type RecordOption, type RendererServices } from './FormRenderer';

const PLURAL = { area: 'areas', person: 'people', organisation: 'organisations' } as const;

/**
 * The renderer's record pickers and uploads over REST: areas and organisations are public, so
 * the public page can offer them; people need a signed-in user's token.
 */
export function restServices(
  slug: string | null,
  token?: string | null,
  lang?: 'zh' | 'en',
): RendererServices {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  // Areas and organisations are read as the public reads them: a signed-in community worker
  // helping a resident must be offered the form's whole area, not only the worker's own scope
  // (which would also hide the form's root area and leave the picker empty).
  const get = async (url: string, kind?: keyof typeof PLURAL) => {
    const res = await fetch(url, { headers: kind === 'person' ? headers : {} });
    if (!res.ok) throw new Error(String(res.status));
    return res.json();
  };
  const rootPaths = new Map<string, Promise<string>>();
  const rootPath = (id: string) => {
    if (!rootPaths.has(id)) {
      const path = get(`/api/cms/areas/${id}?fields[0]=path`, 'area').then(
        (b) => b.data.path as string,
      );
      // A failure is not remembered: the next search asks again.
      path.catch(() => rootPaths.delete(id));
      rootPaths.set(id, path);
    }
    return rootPaths.get(id) as Promise<string>;
  };
  return {
    async search(kind, text, areaRoot): Promise<RecordOption[]> {
      const params = new URLSearchParams({
        'pagination[pageSize]': String(SEARCH_PAGE),
        sort: 'name:asc',
        'fields[0]': 'name',
      });
      if (text.trim()) params.set('filters[name][$containsi]', text.trim());
      if (kind === 'area') {
        if (areaRoot) params.set('filters[path][$startsWith]', await rootPath(areaRoot));
        params.set('filters[level][$in][0]', 'community');
        params.set('filters[level][$in][1]', 'village');
      }
      const body = await get(`/api/cms/${PLURAL[kind]}?${params}`, kind);
      return (body.data as { documentId: string; name: string }[]).map((r) => ({
        id: r.documentId,
        label: r.name,
      }));
    },
    async labelOf(kind, id) {
      const body = await get(`/api/cms/${PLURAL[kind]}/${id}?fields[0]=name`, kind);
      return body.data.name as string;
    },
    ...(slug && {
      async upload(field: FieldDef, file: File): Promise<FileRef> {
        const form = new FormData();
        form.append('field', field.key);
        form.append('file', file);
        // The refusal comes back in the page's language, not the browser's.
        const res = await fetch(`/api/forms/${slug}/files${lang ? `?lang=${lang}` : ''}`, {
          method: 'POST',
          body: form,
          headers,
        });
        const body = await res.json();
        if (!res.ok) {
          const first = body?.error?.details?.errors?.[0];
          throw new Error(first?.message ?? body?.error?.message ?? String(res.status));
        }
        return body.data as FileRef;
      },
    }),
  };
}
