/** The person's activity log (issue 9 item 6): written by hooks and the sweep, read by issue 12. */
export {
  ACTIVITY_PAGE_MAX,
  Activity,
  type ActivityCursor,
  type ActivityEntry,
  type ActivityOptions,
  activityHooks,
  recordCprMatch,
  recordDecision,
  SWEEP_RESCAN_MS,
  sweepActivity,
} from './Activity.ts';
export {
  ACTIVITY_RESULTS,
  type ActivityResult,
  type ActivitySweepTable,
  type ActivityTable,
} from './tables.ts';
