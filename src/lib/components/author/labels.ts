import * as m from '$lib/paraglide/messages';

export const courseStatusLabels = {
	draft: m.author_status_draft,
	submitted: m.author_status_submitted,
	published: m.author_status_published
};
