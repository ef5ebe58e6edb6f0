// Spreadsheets an accountant can compute with, read back over HTTP as a spreadsheet program would:
// the donations and awards disclosure, a form's submissions and a fund's statement as XLSX with
// amounts as yuan numbers (¥#,##0.00) summing to the records' total, dates as dates, counts as
// integers, the header frozen and filtered, columns sized; their CSV round-tripping through Papa
// Parse; and two simultaneous publishes of a form numbering its versions consecutively.
import type { Core } from '@strapi/strapi';
import { ValueType, type Cell, type Worksheet } from 'exceljs';
import type { Response } from 'supertest';
import { chinaDate, todayInChina } from '../../cms/server/src/domain/china-time';
import { readCsv, readXlsx } from '../helpers/sheets';
import { bootStrapi, dbQuery, http, login, unique, type ValidationIssue } from '../helpers/strapi';

/** Collects a binary body (supertest leaves unknown types unparsed). */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The cells of a column below the header, by 1-based column number. */
const column = (sheet: Worksheet, n: number): Cell[] =>
  Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).getCell(n));

const headerOf = (sheet: Worksheet): string[] =>
  Array.from({ length: sheet.columnCount }, (_, i) => String(sheet.getRow(1).getCell(i + 1).value));

/** The exact fen of a column of yuan cells: each cell back to fen, then summed as integers. */
const fenSum = (cells: Cell[]) => cells.reduce((s, c) => s + Math.round(Number(c.value) * 100), 0);

/** What every export's sheet must be: header frozen, filtered over the data, columns sized. */
function expectSheetShape(sheet: Worksheet) {
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  const lastColumn = sheet.getColumn(sheet.columnCount).letter;
  expect(sheet.autoFilter).toBe(`A1:${lastColumn}${sheet.rowCount}`);
  expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  for (let c = 1; c <= sheet.columnCount; c += 1) {
    // ExcelJS leaves out a width of 9, the default, and reads it back as none.
    const width = sheet.getColumn(c).width ?? 9;
    expect(width).toBeGreaterThanOrEqual(8);
    // As wide as its header at least (the header in CJK counts two a character).
    expect(width).toBeGreaterThanOrEqual(
      Math.min(60, String(sheet.getRow(1).getCell(c).value).length),
    );
  }
}

function expectMoneyColumn(cells: Cell[]) {
  for (const cell of cells) {
    expect(cell.type).toBe(ValueType.Number);
    expect(cell.numFmt).toBe('¥#,##0.00');
  }
}

describe('spreadsheets', () => {
  let strapi: Core.Strapi;
  let staff: string;
  const auth = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
  const getFile = (url: string, jwt?: string) => {
    const req = http(strapi).get(url).buffer(true).parse(binary);
    return jwt ? req.set(auth(jwt)) : req;
  };

  beforeAll(async () => {
    strapi = await bootStrapi();
    staff = await login(strapi, 'foundation-staff');
  });
  afterAll(async () => {
    await strapi.destroy();
  });

  describe('the public disclosure', () => {
    let year: number;
    let donations: { receiptNo: string; donatedOn: string; amount: number; donor: string }[];

    beforeAll(async () => {
      const last = await dbQuery(strapi, 'plugin::grants.donation').findOne({
        where: { status: 'received', receiptNo: { $notNull: true } },
        orderBy: { receiptNo: 'desc' },
        select: ['receiptNo'],
      });
      year = Number(String(last.receiptNo).slice(0, 4));
      donations = (await http(strapi).get(`/api/grants/disclosure/${year}/donations.json`)).body
        .data;
      // The demo district received donations that year: the sums below compare real records.
      expect(donations.length).toBeGreaterThan(10);
    });

    it('gives the donations as amounts in yuan that sum to the records’ total, dates as dates', async () => {
      const res = await getFile(`/api/grants/disclosure/${year}/donations.xlsx`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
      const book = await readXlsx(res.body);
      expect(book.worksheets).toHaveLength(1);
      const sheet = book.worksheets[0] as Worksheet;
      expect(sheet.name).toBe(`${year} 捐赠 Donations`);
      expect(headerOf(sheet)).toEqual([
        '票据号 Receipt',
        '捐赠日期 Date',
        '捐赠人 Donor',
        '金额 Amount (¥)',
        '方式 Channel',
        '受赠基金 Fund',
        '定向 Restricted',
      ]);
      expect(sheet.rowCount).toBe(donations.length + 1);
      expectSheetShape(sheet);

      const amounts = column(sheet, 4);
      expectMoneyColumn(amounts);
      const totalFen = donations.reduce((s, d) => s + d.amount, 0);
      expect(fenSum(amounts)).toBe(totalFen);
      // What a spreadsheet's SUM gives, to the cent.
      const sum = amounts.reduce((s, c) => s + Number(c.value), 0);
      expect(Math.round(sum * 100)).toBe(totalFen);

      const dates = column(sheet, 2);
      dates.forEach((cell, i) => {
        expect(cell.type).toBe(ValueType.Date);
        expect(cell.numFmt).toBe('yyyy-mm-dd');
        expect((cell.value as Date).toISOString().slice(0, 10)).toBe(donations[i]?.donatedOn);
      });
      expect(column(sheet, 1).map((c) => c.value)).toEqual(donations.map((d) => d.receiptNo));
      // Names stay masked in the file exactly as in the published list.
      expect(column(sheet, 3).map((c) => c.value)).toEqual(donations.map((d) => d.donor));
    });

    it('gives the same donations as CSV that Papa Parse reads back, amounts as plain yuan', async () => {
      const res = await http(strapi).get(`/api/grants/disclosure/${year}/donations.csv`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const [header, ...rows] = readCsv(res.text);
      expect(header).toEqual([
        '票据号 Receipt',
        '捐赠日期 Date',
        '捐赠人 Donor',
        '金额 Amount (¥)',
        '方式 Channel',
        '受赠基金 Fund',
        '定向 Restricted',
      ]);
      expect(rows).toHaveLength(donations.length);
      rows.forEach((row, i) => {
        expect(row[0]).toBe(donations[i]?.receiptNo);
        expect(row[1]).toBe(donations[i]?.donatedOn);
        expect(row[3]).toMatch(/^-?\d+\.\d{2}$/);
        expect(Math.round(Number(row[3]) * 100)).toBe(donations[i]?.amount);
      });
    });

    it('gives the awards with awarded, paid and returned as money', async () => {
      const awards: { amount: number; paid: number; returned: number }[] = (
        await http(strapi).get(`/api/grants/disclosure/${year}/awards.json`)
      ).body.data;
      const res = await getFile(`/api/grants/disclosure/${year}/awards.xlsx`);
      expect(res.status).toBe(200);
      const sheet = (await readXlsx(res.body)).worksheets[0] as Worksheet;
      expect(sheet.name).toBe(`${year} 资助 Awards`);
      expect(sheet.rowCount).toBe(awards.length + 1);
      expectSheetShape(sheet);
      for (const [n, key] of [
        [4, 'amount'],
        [5, 'paid'],
        [6, 'returned'],
      ] as const) {
        expectMoneyColumn(column(sheet, n));
        expect(fenSum(column(sheet, n))).toBe(awards.reduce((s, a) => s + a[key], 0));
      }
    });

    it('refuses what it does not publish, with no file', async () => {
      expect((await http(strapi).get(`/api/grants/disclosure/${year}/people.xlsx`)).status).toBe(
        404,
      );
      const bad = await http(strapi).get('/api/grants/disclosure/1899/donations.xlsx');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0]).toMatchObject({ path: ['year'] });
    });
  });

  describe('a form’s submissions', () => {
    const definition = {
      fields: [
        { key: 'name', kind: 'text', label: { zh: '姓名', en: 'Name' }, required: true },
        { key: 'budget', kind: 'money', label: { zh: '预算', en: 'Budget' } },
        { key: 'people', kind: 'integer', label: { zh: '人数', en: 'People' } },
        { key: 'on', kind: 'date', label: { zh: '活动日期', en: 'Date' } },
      ],
    };
    let form: { documentId: string; slug: string };

    beforeAll(async () => {
      const slug = unique('sheet-');
      const created = await http(strapi)
        .post('/api/forms/forms')
        .set(auth(staff))
        .send({ data: { name: '活动报名', slug, purpose: 'standalone', draft: definition } });
      expect(created.status).toBe(201);
      form = { documentId: created.body.data.documentId, slug };
      const published = await http(strapi)
        .post(`/api/forms/forms/${form.documentId}/publish`)
        .set(auth(staff));
      expect(published.status).toBe(200);
      for (const data of [
        { name: '=HYPERLINK("x")', budget: 1234.5, people: 12, on: '2026-03-01' },
        { name: '王芳', budget: 0.07, people: 3, on: '2026-12-31' },
      ]) {
        const res = await http(strapi)
          .post(`/api/forms/${slug}/submissions`)
          .send({ version: 1, data });
        expect(res.status).toBe(201);
      }
    });

    it('exports amounts, counts, dates and submission times as typed cells', async () => {
      const stored: { createdAt: string; data: { budget: number } }[] = await dbQuery(
        strapi,
        'plugin::forms.submission',
      ).findMany({ where: { formKey: form.documentId }, orderBy: { createdAt: 'asc' } });
      const res = await getFile(
        `/api/forms/forms/${form.documentId}/export?format=xlsx&lang=en`,
        staff,
      );
      expect(res.status).toBe(200);
      const sheet = (await readXlsx(res.body)).worksheets[0] as Worksheet;
      expect(sheet.name).toBe('活动报名');
      expect(headerOf(sheet)).toEqual([
        'Receipt',
        'Submitted at',
        'Version',
        'Status',
        'Submitted by',
        'Name',
        'Budget',
        'People',
        'Date',
      ]);
      expectSheetShape(sheet);
      expectMoneyColumn(column(sheet, 7));
      expect(fenSum(column(sheet, 7))).toBe(stored.reduce((s, r) => s + r.data.budget, 0));
      expect(column(sheet, 7).map((c) => c.value)).toEqual([1234.5, 0.07]);
      for (const n of [3, 8]) {
        for (const cell of column(sheet, n)) {
          expect(cell.type).toBe(ValueType.Number);
          expect(Number.isInteger(cell.value)).toBe(true);
        }
      }
      expect(column(sheet, 8).map((c) => c.value)).toEqual([12, 3]);
      const on = column(sheet, 9);
      expect(on.map((c) => c.type)).toEqual([ValueType.Date, ValueType.Date]);
      expect(on.map((c) => (c.value as Date).toISOString().slice(0, 10))).toEqual([
        '2026-03-01',
        '2026-12-31',
      ]);
      // Submitted at: China's wall clock, to the minute.
      column(sheet, 2).forEach((cell, i) => {
        expect(cell.type).toBe(ValueType.Date);
        expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm');
        const instant = new Date(stored[i]?.createdAt as string);
        const shown = cell.value as Date;
        expect(shown.toISOString().slice(0, 10)).toBe(chinaDate(instant));
        expect(shown.getTime() - instant.getTime()).toBe(8 * 3600 * 1000);
      });
      // Text that looks like a formula stays text.
      expect(column(sheet, 6)[0]?.type).toBe(ValueType.String);
    });

    it('exports the same rows as CSV that Papa Parse reads back', async () => {
      const res = await http(strapi)
        .get(`/api/forms/forms/${form.documentId}/export?format=csv&lang=zh`)
        .set(auth(staff));
      expect(res.status).toBe(200);
      const [header, ...rows] = readCsv(res.text);
      expect(header).toEqual([
        '回执码',
        '提交时间',
        '版本',
        '状态',
        '提交人',
        '姓名',
        '预算',
        '人数',
        '活动日期',
      ]);
      expect(rows.map((r) => r.slice(5))).toEqual([
        // A leading = is quoted away, so no spreadsheet runs it.
        [`'=HYPERLINK("x")`, '1234.50', '12', '2026-03-01'],
        ['王芳', '0.07', '3', '2026-12-31'],
      ]);
      expect(rows[0]?.[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    });
  });

  describe('a fund’s statement', () => {
    let fund: { documentId: string; name: string };
    const from = `${todayInChina().slice(0, 4)}-01-01`;
    const to = todayInChina();

    beforeAll(async () => {
      // The demo fund with the most donations, so the statement has lines of several kinds.
      const funds = (await http(strapi).get('/api/grants/funds').set(auth(staff))).body.data;
      expect(funds.length).toBeGreaterThan(0);
      let best = -1;
      for (const f of funds) {
        const n = await dbQuery(strapi, 'plugin::grants.donation').count({
          where: { fund: { documentId: f.documentId }, status: 'received' },
        });
        if (n > best) [best, fund] = [n, f];
      }
    });

    it('gives the summary and every line, the lines summing to closing minus opening', async () => {
      const query = `from=${from}&to=${to}`;
      const json = (
        await http(strapi)
          .get(`/api/grants/funds/${fund.documentId}/statement?${query}`)
          .set(auth(staff))
      ).body.data;
      expect(json.reconciles).toBe(true);
      const res = await getFile(
        `/api/grants/funds/${fund.documentId}/statement?${query}&format=xlsx`,
        staff,
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="statement-.*\.xlsx"/,
      );
      const book = await readXlsx(res.body);
      expect(book.worksheets.map((s) => s.name)).toEqual(['汇总 Summary', '明细 Lines']);
      const [summary, lines] = book.worksheets as [Worksheet, Worksheet];
      expectSheetShape(summary);
      expectSheetShape(lines);

      const byItem = new Map(
        column(summary, 1).map((c, i) => [String(c.value), summary.getRow(i + 2)]),
      );
      const amountOf = (item: string) => {
        const cell = byItem.get(item)?.getCell(3);
        expect(cell?.type).toBe(ValueType.Number);
        expect(cell?.numFmt).toBe('¥#,##0.00');
        return Math.round(Number(cell?.value) * 100);
      };
      expect(
        byItem.has(`基金 Fund: ${fund.name}${json.fund.code ? ` (${json.fund.code})` : ''}`),
      ).toBe(true);
      expect(byItem.has(`期间 Period: ${from} — ${to}`)).toBe(true);
      expect(amountOf('期初余额 Opening balance')).toBe(json.opening);
      expect(amountOf('期末余额 Closing balance')).toBe(json.closing);
      expect(amountOf('捐赠收入 Donations')).toBe(json.donations);
      expect(amountOf('退款 Refunds')).toBe(0 - json.refunds);
      expect(amountOf('拨付 Disbursed')).toBe(0 - json.disbursed);
      expect(amountOf('基金内部：资助立项 Within the fund: awarded')).toBe(json.awarded);
      // Each channel's donations with their count, an integer.
      for (const [, c] of Object.entries(json.donationsByChannel) as [
        string,
        { count: number; amount: number },
      ][]) {
        const row = summary
          .getRows(2, summary.rowCount - 1)
          ?.find(
            (r) =>
              r.getCell(2).value === c.count &&
              Math.round(Number(r.getCell(3).value) * 100) === c.amount,
          );
        expect(row?.getCell(2).type).toBe(ValueType.Number);
      }
      expect(byItem.has('已对账 Reconciles')).toBe(true);

      expect(headerOf(lines)).toEqual([
        '时间 Time',
        '账户 Account',
        '类别 Movement',
        '摘要 Reference',
        '金额 Amount (¥)',
      ]);
      expect(lines.rowCount).toBeGreaterThan(1);
      expectMoneyColumn(column(lines, 5));
      expect(fenSum(column(lines, 5))).toBe(json.closing - json.opening);
      // Each line says what it was, as an accountant reads it: a donation's receipt number and
      // donor, a payment's project — never the ledger's internal reference.
      for (const cell of column(lines, 4)) expect(String(cell.value)).not.toMatch(/^grants\./);
      expect(column(lines, 4).some((c) => /^\d{4}-\d{6} · /.test(String(c.value)))).toBe(true);
      for (const cell of column(lines, 1)) {
        expect(cell.type).toBe(ValueType.Date);
        expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm');
        const day = (cell.value as Date).toISOString().slice(0, 10);
        expect(day >= from && day <= to).toBe(true);
      }
    });

    it('refuses a bad period with the field named in both languages, and no file', async () => {
      const res = await http(strapi)
        .get(`/api/grants/funds/${fund.documentId}/statement?from=${to}&to=${from}&format=xlsx`)
        .set(auth(staff));
      if (from === to) return expect(res.status).toBe(200);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/json');
      const issue = res.body.error.details.errors[0] as ValidationIssue;
      expect(issue.path).toEqual(['to']);
      expect(issue.messageZh).toContain('结束日期');
      const noDate = await http(strapi)
        .get(`/api/grants/funds/${fund.documentId}/statement?from=2026-02-30&to=${to}&format=xlsx`)
        .set(auth(staff));
      expect(noDate.status).toBe(400);
      expect(noDate.body.error.details.errors[0].path).toEqual(['from']);
    });

    it('is not given to a role that may not read the fund', async () => {
      const resident = await login(strapi, 'resident');
      const res = await http(strapi)
        .get(`/api/grants/funds/${fund.documentId}/statement?from=${from}&to=${to}&format=xlsx`)
        .set(auth(resident));
      expect([403, 404]).toContain(res.status);
      expect(res.headers['content-type']).toContain('application/json');
    });
  });

  describe('publishing a form', () => {
    const publish = (documentId: string) =>
      http(strapi).post(`/api/forms/forms/${documentId}/publish`).set(auth(staff)).send();
    const draft = { fields: [{ key: 'q', kind: 'text', label: { zh: '问题', en: 'Question' } }] };

    it('numbers versions consecutively when two publishes race, the second told plainly', async () => {
      const created = await http(strapi)
        .post('/api/forms/forms')
        .set(auth(staff))
        .send({ data: { name: '并发', slug: unique('race-'), purpose: 'standalone', draft } });
      const id = created.body.data.documentId as string;
      for (const round of [1, 2]) {
        if (round === 2) {
          const saved = await http(strapi)
            .put(`/api/forms/forms/${id}`)
            .set(auth(staff))
            .send({ data: { draft } });
          expect(saved.status).toBe(200);
        }
        const answers = await Promise.all([publish(id), publish(id)]);
        const won = answers.filter((r) => r.status === 200);
        const lost = answers.filter((r) => r.status !== 200);
        expect(won).toHaveLength(1);
        expect(won[0]?.body.data.liveVersion).toBe(round);
        // The loser waited its turn and found the draft already published: a 400, not a clash.
        expect(lost[0]?.status).toBe(400);
        expect(lost[0]?.body.error.details.errors[0]).toMatchObject({
          path: ['draft'],
          code: 'nothing_to_publish',
        });
      }
      const numbers = (
        await dbQuery(strapi, 'plugin::forms.form-version').findMany({
          where: { formKey: id },
          orderBy: { number: 'asc' },
          select: ['number'],
        })
      ).map((v: { number: number }) => v.number);
      expect(numbers).toEqual([1, 2]);
    });

    it('refuses deleting a form that has submissions, naming why in both languages', async () => {
      const slug = unique('keep-');
      const created = await http(strapi)
        .post('/api/forms/forms')
        .set(auth(staff))
        .send({ data: { name: '保留', slug, purpose: 'standalone', draft } });
      const id = created.body.data.documentId as string;
      expect((await publish(id)).status).toBe(200);
      expect(
        (
          await http(strapi)
            .post(`/api/forms/${slug}/submissions`)
            .send({ version: 1, data: { q: '你好' } })
        ).status,
      ).toBe(201);
      const del = await http(strapi).delete(`/api/forms/forms/${id}`).set(auth(staff));
      expect(del.status).toBe(400);
      expect(del.body.error.details.errors[0]).toMatchObject({ code: 'has_submissions' });
      expect(del.body.error.details.errors[0].messageZh).toContain('归档');
      expect(
        await dbQuery(strapi, 'plugin::forms.form').count({ where: { documentId: id } }),
      ).toBeGreaterThan(0);
    });
  });
});
