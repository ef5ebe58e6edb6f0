import {
  FILE_LINK_TTL_SECONDS,
  fileLinkValid,
  signFileLink,
  signFileLinksIn,
} from '../../cms/server/src/domain/file-links';

const SECRET = 'test secret';
const NOW = 1_800_000_000;

const queryOf = (link: string) =>
  Object.fromEntries(new URLSearchParams(link.split('?')[1] ?? '')) as Record<string, string>;

describe('signed file links', () => {
  it('serve the signed path until they expire, and nothing else', () => {
    const link = signFileLink('/uploads/site_ab12.png', SECRET, NOW);
    const query = queryOf(link);
    expect(link.startsWith('/uploads/site_ab12.png?expires=')).toBe(true);
    expect(fileLinkValid('/uploads/site_ab12.png', query, SECRET, NOW)).toBe(true);
    const expires = Number(query.expires);
    expect(expires).toBeGreaterThanOrEqual(NOW + FILE_LINK_TTL_SECONDS);
    expect(expires).toBeLessThan(NOW + FILE_LINK_TTL_SECONDS + 15 * 60);
    expect(fileLinkValid('/uploads/site_ab12.png', query, SECRET, expires - 1)).toBe(true);
    expect(fileLinkValid('/uploads/site_ab12.png', query, SECRET, expires)).toBe(false);
    // Another file, another key, a later expiry, a missing or malformed part: refused.
    expect(fileLinkValid('/uploads/other_cd34.png', query, SECRET, NOW)).toBe(false);
    expect(fileLinkValid('/uploads/site_ab12.png', query, 'another secret', NOW)).toBe(false);
    expect(
      fileLinkValid(
        '/uploads/site_ab12.png',
        { ...query, expires: String(expires + 900) },
        SECRET,
        NOW,
      ),
    ).toBe(false);
    expect(fileLinkValid('/uploads/site_ab12.png', { expires: query.expires }, SECRET, NOW)).toBe(
      false,
    );
    expect(
      fileLinkValid('/uploads/site_ab12.png', { ...query, expires: ['1', '2'] }, SECRET, NOW),
    ).toBe(false);
    expect(
      fileLinkValid('/uploads/site_ab12.png', { ...query, signature: 'short' }, SECRET, NOW),
    ).toBe(false);
  });

  it('give the same link within a quarter of an hour (the browser keeps the picture)', () => {
    const first = signFileLink('/uploads/a.png', SECRET, 1_800_000_100);
    expect(signFileLink('/uploads/a.png', SECRET, 1_800_000_200)).toBe(first);
    // Signing a link again signs its path (a stored link does not carry an old expiry along).
    expect(signFileLink(first, SECRET, 1_800_000_200)).toBe(first);
  });

  it('leave other addresses alone', () => {
    expect(signFileLink('https://cdn.example.com/x.png', SECRET, NOW)).toBe(
      'https://cdn.example.com/x.png',
    );
    expect(signFileLink('/api/forms/x', SECRET, NOW)).toBe('/api/forms/x');
  });

  it('sign every upload address in a value, copying only what changes', () => {
    const untouched = { name: '张三', list: [1, 2, { note: 'x' }] };
    expect(signFileLinksIn(untouched, (u) => `${u}?s`)).toBe(untouched);
    const record = {
      id: 1,
      at: new Date(0),
      timeline: [{ kind: 'answer', files: [{ name: 'a.pdf', url: '/uploads/a.pdf' }] }],
      photo: { url: '/uploads/p.jpg', formats: { thumbnail: { url: '/uploads/thumbnail_p.jpg' } } },
    };
    const signed = signFileLinksIn(record, (u) => `${u}?s`) as typeof record;
    expect(signed.timeline[0]!.files[0]!.url).toBe('/uploads/a.pdf?s');
    expect(signed.photo.formats.thumbnail.url).toBe('/uploads/thumbnail_p.jpg?s');
    expect(signed.at).toBe(record.at);
    expect(record.timeline[0]!.files[0]!.url).toBe('/uploads/a.pdf');
  });
});
