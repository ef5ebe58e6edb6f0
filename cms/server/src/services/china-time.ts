import {
  addDays,
  chinaDate,
  chinaDateRange,
  chinaMidnight,
  chinaPeriod,
  chinaYear,
  isIsoDate,
  todayInChina,
} from '../domain/china-time';
import type { ChinaTimeService } from '../shared/contracts/services';

/**
 * China time for other plugins, which call services and never import this plugin's files; the
 * console imports `domain/china-time` itself.
 */
export default (): ChinaTimeService => ({
  addDays,
  chinaDate,
  chinaDateRange,
  chinaMidnight,
  chinaPeriod,
  chinaYear,
  isIsoDate,
  todayInChina,
});
