/** At most this many skills per role. */
export const ROLE_SKILLS_MAX = 12;
