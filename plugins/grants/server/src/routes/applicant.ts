/**
 * The applicant's page, public: the receipt code is the key (the forms plugin's look-up
 * allowance applies per client). GET the application as its applicant sees it, POST an answer
 * to a request for more information, POST a withdrawal. A signed-in applicant also lists their own.
 */
const open = { auth: false as const };

export default [
  // Signed in: each role that may submit forms holds `applicant.mine` (permissions.ts).
  { method: 'GET', path: '/my-applications', handler: 'applicant.mine', config: {} },
  { method: 'GET', path: '/applicant/:code', handler: 'applicant.show', config: open },
  { method: 'POST', path: '/applicant/:code/answer', handler: 'applicant.answer', config: open },
  {
    method: 'POST',
    path: '/applicant/:code/withdraw',
    handler: 'applicant.withdraw',
    config: open,
  },
];
