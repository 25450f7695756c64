/**
 * When offices take bookings: weekdays, 09:00–15:00 Copenhagen time (the last slot starts 14:30),
 * every 30 minutes, two people per slot, for the next 21 days. Public holidays are not left out:
 * the demo has no holiday calendar.
 */
export interface SlotPlan {
  /** Calendar days ahead, today included. */
  days: number;
  /** Local opening time, minutes after midnight. */
  opensAt: number;
  /** Local closing time, minutes after midnight: the last slot ends here. */
  closesAt: number;
  stepMinutes: number;
  capacity: number;
}

export const slotPlan: SlotPlan = {
  days: 21,
  opensAt: 9 * 60,
  closesAt: 15 * 60,
  stepMinutes: 30,
  capacity: 2,
};
