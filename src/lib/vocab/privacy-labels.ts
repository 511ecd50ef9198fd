import * as m from '$lib/paraglide/messages';
import type { Seen } from './profile';

/** What an organization's viewer saw of the learner, on the learner's privacy page. */
export const seenNames = {
	profile: m.privacy_seen_profile,
	application: m.privacy_seen_application,
	messages: m.privacy_seen_messages,
	roster: m.privacy_seen_roster,
	help_request: m.privacy_seen_help_request
} satisfies Record<Seen, () => string>;
