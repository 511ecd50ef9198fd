/** A quiz answer as the sync endpoint takes it. */
export type Answer = string | string[] | boolean;
