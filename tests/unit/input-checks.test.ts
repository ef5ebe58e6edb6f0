// The HTTP-layer input checks: what a query string, a parsed body, a content type or a body
// parser's failure becomes (src/input/checks.ts).
import {
  MAX_BODY_DEPTH,
  checkBody,
  checkContentType,
  checkFileNames,
  checkGraphqlText,
  checkPagination,
  checkPath,
  checkQueryString,
  errorBody,
  parseFailure,
} from '../../src/input/checks';

const summary = (r: ReturnType<typeof checkBody>) => r && [r.status, r.code, r.path.join('.')];

describe('checkQueryString', () => {
  it.each([
    ['filters[name][$eq]=%E6%9D%8E&pagination[page]=2', null],
    ['sort=name:asc&populate=*', null],
    ['filters[name][$eq]=%00', [400, 'null_byte', 'filters.name.$eq']],
    ['a%00b=1', [400, 'null_byte', 'a\u0000b']],
    ['filters[__proto__][x]=1', [400, 'forbidden_key', 'filters.__proto__.x']],
    [
      'filters[constructor][prototype][x]=1',
      [400, 'forbidden_key', 'filters.constructor.prototype.x'],
    ],
    ['data.prototype=1', [400, 'forbidden_key', 'data.prototype']],
    ['filters' + '[a]'.repeat(21) + '=1', [400, 'too_deep', 'filters' + '.a'.repeat(19)]],
    ['filters' + '[a]'.repeat(19) + '=1', null],
    [`q=${'x'.repeat(9000)}`, [414, 'too_long', 'query']],
    ['filters=%E0%A4%A', null],
  ])('%s', (query, expected) => {
    expect(summary(checkQueryString(query))).toEqual(expected);
  });
});

describe('checkPagination', () => {
  it.each([
    [undefined, null],
    [{ page: '2', pageSize: '25' }, null],
    [{ start: '0', limit: '-1', withCount: 'false' }, null],
    [{ start: '1e20' }, [400, 'invalid_value', 'pagination.start']],
    [{ start: '1000001' }, [400, 'invalid_value', 'pagination.start']],
    [{ start: '-1' }, [400, 'invalid_value', 'pagination.start']],
    [{ page: '-1' }, [400, 'invalid_value', 'pagination.page']],
    [{ page: '0' }, [400, 'invalid_value', 'pagination.page']],
    [{ pageSize: 'abc' }, [400, 'invalid_value', 'pagination.pageSize']],
    [{ pageSize: { a: '1' } }, [400, 'invalid_value', 'pagination.pageSize']],
    [{ limit: '1.5' }, [400, 'invalid_value', 'pagination.limit']],
    [{ withCount: 'maybe' }, [400, 'invalid_type', 'pagination.withCount']],
    ['x', [400, 'invalid_type', 'pagination']],
  ])('%j', (pagination, expected) => {
    expect(summary(checkPagination(pagination))).toEqual(expected);
  });
});

describe('checkBody', () => {
  const nested = (levels: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  };
  it.each([
    ['an ordinary body', { data: { name: '李四', households: 3, tags: ['a'] } }, null],
    ['a null character', { data: { name: 'a\u0000b' } }, [400, 'null_byte', 'data.name']],
    ['a null character in a key', { data: { ['a\u0000']: 1 } }, [400, 'null_byte', 'data.a\u0000']],
    [
      '__proto__ from JSON',
      JSON.parse('{"data":{"__proto__":{"x":1}}}'),
      [400, 'forbidden_key', 'data.__proto__'],
    ],
    [
      'constructor',
      { data: { constructor: { prototype: { x: 1 } } } },
      [400, 'forbidden_key', 'data.constructor'],
    ],
    [
      'prototype in a list',
      { data: [{ prototype: 1 }] },
      [400, 'forbidden_key', 'data.0.prototype'],
    ],
    [`${MAX_BODY_DEPTH} levels`, nested(MAX_BODY_DEPTH), null],
    [
      `${MAX_BODY_DEPTH + 1} levels`,
      nested(MAX_BODY_DEPTH + 1),
      [400, 'too_deep', '0.0.0.0.0.0.0.0'],
    ],
    [
      '100,000 levels',
      JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)),
      [400, 'too_deep', '0.0.0.0.0.0.0.0'],
    ],
  ])('%s', (_name, body, expected) => {
    expect(summary(checkBody(body))).toEqual(expected);
  });
});

describe('checkContentType', () => {
  it.each([
    ['application/json', false, null],
    ['application/json; charset=utf-8', true, null],
    ['application/vnd.api+json', false, null],
    ['multipart/form-data; boundary=abc', false, null],
    ['application/x-www-form-urlencoded', false, null],
    ['multipart/form-data', false, [400, 'multipart_boundary', 'content-type']],
    ['application/json; charset=latin1', false, [415, 'unsupported_charset', 'content-type']],
    ['text/plain', false, [415, 'unsupported_media_type', 'content-type']],
    ['application/xml', false, [415, 'unsupported_media_type', 'content-type']],
    [undefined, false, [415, 'unsupported_media_type', 'content-type']],
    ['multipart/form-data; boundary=abc', true, [415, 'unsupported_media_type', 'content-type']],
  ])('%s (graphql: %s)', (type, graphql, expected) => {
    expect(summary(checkContentType(type, graphql))).toEqual(expected);
  });
});

describe('parseFailure', () => {
  it.each([
    [
      'malformed JSON',
      Object.assign(new SyntaxError('x'), { status: 400, type: 'entity.parse.failed' }),
      [400, 'malformed_body', 'body'],
    ],
    [
      'too large',
      Object.assign(new Error('x'), { status: 413, type: 'entity.too.large' }),
      [413, 'too_large', 'body'],
    ],
    [
      'formidable',
      Object.assign(new Error('MultipartParser.end(): stream ended unexpectedly'), {
        httpCode: 500,
      }),
      [400, 'malformed_multipart', 'body'],
    ],
    [
      'no multipart boundary',
      new Error('bad content-type header, no multipart boundary'),
      [400, 'malformed_multipart', 'body'],
    ],
    [
      'an encoding',
      Object.assign(new Error('x'), { status: 415, type: 'encoding.unsupported' }),
      [415, 'unsupported_charset', 'content-type'],
    ],
  ])('%s', (_name, error, expected) => {
    expect(summary(parseFailure(error))).toEqual(expected);
  });

  it("is answered in Strapi's error shape, in both languages", () => {
    const refusal = parseFailure(new Error('x'));
    expect(errorBody(refusal)).toEqual({
      data: null,
      error: {
        status: 400,
        name: 'ValidationError',
        message: refusal.message,
        details: {
          errors: [
            {
              path: ['body'],
              message: refusal.message,
              messageZh: refusal.messageZh,
              code: 'malformed_body',
            },
          ],
        },
      },
    });
    expect(refusal.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('checkFileNames and checkGraphqlText', () => {
  it('refuses a control character in an uploaded file name', () => {
    expect(summary(checkFileNames({ files: { originalFilename: 'a.png' } }))).toBeNull();
    expect(summary(checkFileNames({ files: [{ originalFilename: 'a\u0000.png' }] }))).toEqual([
      400,
      'invalid_file_name',
      'files.0.name',
    ]);
  });
  it('refuses a null character escaped in GraphQL text', () => {
    expect(checkGraphqlText({ query: '{ a(x: "b") }' })).toBeNull();
    expect(summary(checkGraphqlText({ query: '{ a(x: "\\u0000") }' }))).toEqual([
      400,
      'null_byte',
      'query',
    ]);
    expect(summary(checkGraphqlText([{ query: '{ a }' }, { query: '"\\u{0}"' }]))).toEqual([
      400,
      'null_byte',
      '1.query',
    ]);
  });
});

describe('parseFailure of a __proto__ key refused by co-body', () => {
  it('names the key where it was', () => {
    const error = Object.assign(new SyntaxError('Object contains forbidden prototype property'), {
      status: 400,
      body: '{"data":{"a":[{"__proto__":{"x":1}}]}}',
    });
    expect(summary(parseFailure(error))).toEqual([400, 'forbidden_key', 'data.a.0.__proto__']);
  });
});

describe('checkPath', () => {
  it.each([
    ['/api/cms/areas/abc', null],
    ['/api/forms/public/%00', [400, 'null_byte', 'path']],
    ['/api/grants/donations/a%00', [400, 'null_byte', 'path']],
    ['/api/users/me', null],
    ['/api/users/12', null],
    ['/api/users/2147483648', [400, 'malformed_id', 'id']],
    ['/api/users/' + '9'.repeat(40), [400, 'malformed_id', 'id']],
    ['/api/upload/files/page', null],
    ['/api/upload/files/-1', [400, 'malformed_id', 'id']],
    ['/api/upload/files/1.5', [400, 'malformed_id', 'id']],
    ['/api/users-permissions/roles/abc', [400, 'malformed_id', 'id']],
    ['/api/ledger/transfers/2147483648', null],
  ])('%s', (path, expected) => {
    expect(summary(checkPath(path))).toEqual(expected);
  });
});
