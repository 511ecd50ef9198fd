/**
 * What the browser may keep of a field, for the fields that name or unlock an account: nothing.
 * A phone is searched at checkpoints; "Clear this phone" cannot reach the browser's own autofill
 * and password records, so they must never hold the pseudonym or the password.
 *
 * Measured in Chromium (tests/e2e/browser-memory.test.ts reads the profile's files after a
 * sign-up, a sign-in, a recovery, an unlock, a password change and a deletion):
 * - `autocomplete="off"` keeps a text field out of autofill ("Web Data") and out of the form
 *   state a restored tab brings back;
 * - a password field stays `type="password"` (masked, never learned by the keyboard, read as
 *   hidden by screen readers), but with `autocomplete="one-time-code"`: Chromium's password
 *   manager leaves such fields alone, so it neither saves the name and password nor keeps the
 *   name of a dismissed "Save password?" prompt ("Login Data"). With `off`, `current-password`
 *   or `new-password` it keeps that name, as a person could then read in its settings.
 */
export const NOT_KEPT = { name: 'off', secret: 'one-time-code' } as const;
