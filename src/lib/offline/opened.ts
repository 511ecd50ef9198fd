/**
 * "This tab was opened with the disguise's code, at this time" (browser only): pages that open
 * without the server (the reader of downloaded courses) do not ask for the code again until
 * the idle time passes without one. Kept in sessionStorage, which leaves with the tab and which
 * "Leave quickly" clears (src/app.html). Small on purpose: every page's layout loads it; the
 * check of the code itself (pin-check.ts) loads only where a code is typed.
 */
import { OPEN_KEY } from '$lib/stored-names';

export function openForNow(): void {
	try {
		sessionStorage.setItem(OPEN_KEY, String(Date.now()));
	} catch {
		// No storage: the code is asked on every such page.
	}
}

export function isOpen(idleMs: number): boolean {
	try {
		const at = Number(sessionStorage.getItem(OPEN_KEY));
		return at > 0 && Date.now() - at < idleMs;
	} catch {
		return false;
	}
}

export function closeNow(): void {
	try {
		sessionStorage.removeItem(OPEN_KEY);
	} catch {
		// Nothing to close.
	}
}
