/**
 * What a domain function returns: `ok` with its data, or a refusal named by `error`, a code the
 * route turns into the form's answer (`refuse` in src/lib/server/http/respond.ts), with any
 * detail that answer needs (`X`: how long to wait, which field). Domain modules return it and
 * never throw an HTTP error: they know nothing of requests.
 */
export type Result<
	T extends object = object,
	E extends string = string,
	X extends object = object
> = ({ ok: true } & T) | ({ ok: false; error: E } & X);
