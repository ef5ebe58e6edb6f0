import { isValidCreditCode } from '../domain/credit-code';
import { isMainlandMobile, isValidIdNumber } from '../domain/id-number';

/**
 * The check-character rules of Chinese identifiers, for other plugins (the forms plugin validates
 * answers with them), which call services and never import this plugin's files.
 */
export default () => ({ isValidIdNumber, isValidCreditCode, isMainlandMobile });
