import { sha256Hex } from '$lib/server/auth/tokens';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => ({
	locale: locals.locale,
	user: locals.user ? { username: locals.user.username, kind: locals.user.kind } : null,
	// Tags what a learner's phone queues offline, so another account never sends it as theirs. Opaque.
	outboxKey: locals.user?.kind === 'learner' ? sha256Hex(`outbox:${locals.user.id}`).slice(0, 16) : null
})) satisfies LayoutServerLoad;
