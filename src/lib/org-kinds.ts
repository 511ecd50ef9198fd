/** Kinds of partner organization. Kept apart from the zod schemas so pages import no zod. */
export const orgKinds = ['defection_support', 'ero', 'clinic', 'ngo', 'government', 'other'] as const;
