/**
 * Strapi serves at most 100 records a page (config/plugins.ts), but react-admin asks for more
 * at once, e.g. 1,000 for a CSV export: such a request is answered by reading consecutive
 * pages of 100 and joining them, so an export is never silently cut short.
 */
export const SERVER_PAGE = 100;

export interface ListParams {
  pagination: { page: number; perPage: number };
  [key: string]: unknown;
}

export async function readInPages<T>(
  params: ListParams,
  getPage: (params: ListParams) => Promise<{ data: T[]; total?: number }>,
): Promise<{ data: T[]; total?: number }> {
  const { page, perPage } = params.pagination;
  if (perPage <= SERVER_PAGE) return getPage(params);
  const first = (page - 1) * perPage;
  const data: T[] = [];
  let total: number | undefined;
  for (let offset = first; offset < first + perPage; offset += SERVER_PAGE) {
    const result = await getPage({
      ...params,
      pagination: { page: offset / SERVER_PAGE + 1, perPage: SERVER_PAGE },
    });
    total = result.total;
    data.push(...result.data);
    if (result.data.length < SERVER_PAGE || (total !== undefined && offset + SERVER_PAGE >= total))
      break;
  }
  return { data: data.slice(0, perPage), total };
}
