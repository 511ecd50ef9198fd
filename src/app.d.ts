import type { SessionInfo, SessionUser } from '$lib/server/auth/session';
import type { Locale } from '$lib/server/schema';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			locale: Locale;
			user: SessionUser | null;
			session: SessionInfo | null;
		}
	}
}

export {};
