import accounts from './accounts';
import history from './history';
import ledger from './ledger';
import reconciliation from './reconciliation';
import transfers from './transfers';

export default { ledger, accounts, transfers, history, reconciliation };
