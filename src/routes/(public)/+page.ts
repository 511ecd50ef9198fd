/**
 * The first page most people open: links and one plain form (the look, to /look), all working
 * without JavaScript, so it comes with no script of the app (a first visit costs the page and
 * its styles). The service worker is registered by the next page that has the app's script.
 */
export const csr = false;
