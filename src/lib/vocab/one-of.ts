/** Whether `value` (a stored or sent word) is one of a vocabulary's values. */
export const isOneOf = <T extends string | number>(
	list: readonly T[],
	value: unknown
): value is T => (list as readonly unknown[]).includes(value);
