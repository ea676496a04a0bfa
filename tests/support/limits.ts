// Tests, journeys and the bench act faster than people, all from 127.0.0.1:
// the sign-in throttle and the per-user budgets are raised out of their way.
// A test of a limit sets it low again.
export const RAISED_LIMITS = {
  AUTH_REQUESTS_PER_MINUTE: '1000000',
  USER_WRITES_PER_SECOND: '100000',
  USER_READS_PER_SECOND: '100000',
  USER_REQUESTS_IN_FLIGHT: '100000',
} as const;

/** The socket's own event limits, raised for load (the bench, delivery tests). */
export const RAISED_SOCKET_LIMITS = {
  SOCKET_EVENTS_PER_SECOND: '100000',
  USER_EVENTS_PER_SECOND: '100000',
} as const;
