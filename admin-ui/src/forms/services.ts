import type { FieldDef, FileRef } from '../../../plugins/forms/server/src/domain/fields';
import type { RecordOption, RendererServices } from './FormRenderer';

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
  const get = async (url: string) => {
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(String(res.status));
    return res.json();
  };
  const rootPaths = new Map<string, Promise<string>>();
  const rootPath = (id: string) => {
    if (!rootPaths.has(id))
      rootPaths.set(
        id,
        get(`/api/cms/areas/${id}?fields[0]=path`).then((b) => b.data.path as string),
      );
    return rootPaths.get(id) as Promise<string>;
  };
  return {
    async search(kind, text, areaRoot): Promise<RecordOption[]> {
      const params = new URLSearchParams({
        'pagination[pageSize]': '30',
        sort: 'name:asc',
        'fields[0]': 'name',
      });
      if (text.trim()) params.set('filters[name][$containsi]', text.trim());
      if (kind === 'area') {
        if (areaRoot) params.set('filters[path][$startsWith]', await rootPath(areaRoot));
        params.set('filters[level][$in][0]', 'community');
        params.set('filters[level][$in][1]', 'village');
      }
      const body = await get(`/api/cms/${PLURAL[kind]}?${params}`);
      return (body.data as { documentId: string; name: string }[]).map((r) => ({
        id: r.documentId,
        label: r.name,
      }));
    },
    async labelOf(kind, id) {
      const body = await get(`/api/cms/${PLURAL[kind]}/${id}?fields[0]=name`);
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
