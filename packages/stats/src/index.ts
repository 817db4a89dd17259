export { normalCdf } from './normal.ts';
export {
  Z_95,
  SUPPRESSION_MIN_N,
  wilsonInterval,
  twoProportionTest,
  csat,
  rateWithFlags,
} from './proportions.ts';
export type { Interval, TwoProportionResult, CsatResult, FlaggedRate } from './proportions.ts';
export { mean, median, percentile } from './descriptive.ts';
