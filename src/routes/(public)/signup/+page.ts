/**
 * A form that works without JavaScript (tests/e2e/late-script.test.ts): the server's page is all
 * it needs, so it comes with no script at all, about 45 KB less on a first visit. No service
 * worker is registered here anyway (the visitor may be about to sign in on a shared phone).
 */
export const csr = false;
