'use strict';
// The ledger bench's HTTP clients, in a process of their own (issue 15): a load generator that
// shares the server's one JavaScript thread takes its CPU from the server it measures — each
// client's request writing and response parsing runs between the server's own work — and no
// client of a deployed server runs inside it. The floor's clients are the database's own
// connections; these are the server's.
//
// `node scripts/bench-http-client.js '<job as JSON>'` prints the job's figures as JSON:
//   { port, path, token?, mode: 'timed' | 'concurrent' | 'paced', n, clients?, perSecond?,
//     tag, pairs: [[debit, credit], …], batch?, warm? }
// Call i sends `{ key: tag + i, debit, credit, amount: 1 }` with pairs[i mod pairs.length]
// (or, with `batch`, `{ transfers: [batch such bodies] }`), kept-alive, and must answer 2xx.
const http = require('http');
const { timed, concurrent, paced, request } = require('./bench-lib');

async function run(job) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const body = (i, prefix) => {
    const [debit, credit] = job.pairs[i % job.pairs.length];
    return { key: `${prefix}${job.tag}${i}`, debit, credit, amount: 1 };
  };
  const send = async (i, prefix = '') => {
    const payload = job.batch
      ? {
          transfers: Array.from({ length: job.batch }, (_, j) => body(i * job.batch + j, prefix)),
        }
      : body(i, prefix);
    const { status, text } = await request(job.port, 'POST', job.path, payload, {
      token: job.token,
      agent,
    });
    if (status >= 300) throw new Error(`POST ${job.path}: ${status} ${text.slice(0, 300)}`);
    return status;
  };
  try {
    // Warm this process's own code and sockets (untimed, keys of their own).
    for (let i = 0; i < (job.warm ?? 0); i += 1) await send(i, 'warm:');
    if (job.mode === 'timed') return await timed(job.n, (i) => send(i));
    if (job.mode === 'concurrent') {
      const r = await concurrent(job.n, job.clients, (i) => send(i));
      return { ...r, outcomes: Object.fromEntries(r.outcomes) };
    }
    if (job.mode === 'paced') return await paced(job.n, job.perSecond, (i) => send(i));
    throw new Error(`unknown mode ${job.mode}`);
  } finally {
    agent.destroy();
  }
}

/**
 * From the bench's own process: runs `job` in a child process and resolves to its figures. The
 * bench's event loop stays free to serve while it waits (the server may be in this process).
 */
function inChildProcess(job) {
  const { execFile } = require('child_process');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [__filename, JSON.stringify(job)],
      { maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${job.path} ${job.mode}: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

if (require.main === module) {
  run(JSON.parse(process.argv[2])).then(
    (figures) => process.stdout.write(JSON.stringify(figures)),
    (error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}

module.exports = { inChildProcess };
