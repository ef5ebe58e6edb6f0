// Lists larger than the server's page (a CSV export of 1,000) are read page by page, whole.
import { readInPages, SERVER_PAGE } from './pages';

/** A list of `size` records served in pages, as Strapi would. */
const served = (size: number) => {
  const calls: number[] = [];
  const getPage = async ({ pagination }: { pagination: { page: number; perPage: number } }) => {
    calls.push(pagination.page);
    expect(pagination.perPage).toBeLessThanOrEqual(SERVER_PAGE);
    const start = (pagination.page - 1) * pagination.perPage;
    const data = Array.from(
      { length: Math.max(0, Math.min(pagination.perPage, size - start)) },
      (_, i) => start + i,
    );
    return { data, total: size };
  };
  return { calls, getPage };
};

it.each([
  [1042, 1000, 1, 1000, 10],
  [250, 1000, 1, 250, 3],
  [1042, 1000, 2, 42, 1],
  [30, 25, 1, 25, 1],
])(
  '%i records, %i a page, page %i → %i records in %i requests',
  async (size, perPage, page, expected, requests) => {
    const { calls, getPage } = served(size);
    const result = await readInPages({ pagination: { page, perPage } }, getPage);
    expect(result.data).toHaveLength(expected);
    expect(result.total).toBe(size);
    expect(calls).toHaveLength(requests);
    expect(result.data[0]).toBe((page - 1) * perPage);
  },
);
