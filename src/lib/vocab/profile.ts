/** The time a learner can give, and a role asks for. */
export const AVAILABILITY = ['full_time', 'part_time', 'volunteer'] as const;
export type Availability = (typeof AVAILABILITY)[number];

/** Which organizations may see a learner's profile, from none to those they applied to. */
export const VISIBILITY = ['hidden', 'vetted', 'applied'] as const;
export type Visibility = (typeof VISIBILITY)[number];

/** What an organization's viewer saw of a learner (the learner's privacy page). */
export const SEEN_KINDS = ['profile', 'application', 'messages', 'roster', 'help_request'] as const;
export type Seen = (typeof SEEN_KINDS)[number];
