import application from './application';
import award from './award';
import disbursement from './disbursement';
import donation from './donation';
import fund from './fund';
import report from './report';
import review from './review';
import round from './round';

export default { fund, donation, round, application, review, award, disbursement, report };
