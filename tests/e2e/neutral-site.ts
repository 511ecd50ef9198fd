/**
 * The neutral site "Leave quickly" and "Clear this phone" open at the person's request
 * (QUICK_EXIT_URL of the e2e server). Tests answer it themselves; it never reaches the internet.
 */
export const NEUTRAL_SITE = 'https://neutral.example/';
