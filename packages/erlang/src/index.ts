export {
  erlangB,
  erlangC,
  serviceLevel,
  averageSpeedOfAnswer,
  occupancy,
  trafficIntensity,
} from './erlang.ts';
export { agentsRequired } from './staffing.ts';
export type { StaffingInput, StaffingResult, StaffingTarget } from './staffing.ts';
