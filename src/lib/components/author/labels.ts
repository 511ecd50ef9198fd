import * as m from '$lib/paraglide/messages';

export const courseStatusLabels = { draft: m.author_status_draft, published: m.author_status_published };
