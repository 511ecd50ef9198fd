/** The part of autocannon 9's programmatic API that bench/load.ts uses (the package ships no types). */
declare module 'autocannon' {
	import type { EventEmitter } from 'node:events';

	export interface Request {
		method?: 'GET' | 'POST';
		path: string;
		headers?: Record<string, string>;
		body?: string;
		/** Rebuilds the request before each send (fresh event ids for every sync batch). */
		setupRequest?: (request: Request, context: object) => Request;
		/** Not autocannon's: the route the answer is counted under. */
		route?: string;
	}

	export interface Client extends EventEmitter {
		setRequests(requests: Request[]): void;
		requestIterator: { currentRequest: Request };
		/** http-parser-js's parser, one per client for its whole life. */
		parser: { initialize(type: 'RESPONSE'): void };
	}

	export interface Options {
		url: string;
		connections: number;
		duration: number;
		pipelining?: number;
		timeout?: number;
		headers?: Record<string, string>;
		requests?: Request[];
		setupClient?: (client: Client) => void;
	}

	export interface Result {
		requests: { total: number };
		errors: number;
		timeouts: number;
		non2xx: number;
		throughput: { total: number };
	}

	export interface Instance extends EventEmitter {
		on(
			event: 'response',
			listener: (client: Client, status: number, bytes: number, latencyMs: number) => void
		): this;
		on(event: 'reqError', listener: (error: Error) => void): this;
		on(event: 'done', listener: (result: Result) => void): this;
		stop(): void;
	}

	function autocannon(
		options: Options,
		done?: (error: Error | null, result: Result) => void
	): Instance;
	export default autocannon;
}
