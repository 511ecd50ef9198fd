/**
 * The production server: SvelteKit's Node handler behind compression (brotli or gzip for every
 * response, pages included) and the security headers that static files need too.
 */
import compression from 'compression';
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { config } from '../src/lib/server/config';
import en from '../messages/en.json' with { type: 'json' };
import my from '../messages/my.json' with { type: 'json' };
import { baseCsp, DOCUMENT_ONLY, securityHeaders } from '../src/lib/server/headers';

/** PNG icons and the manifest are never documents: they too need only the headers for files. (An SVG can be, so it keeps them all.) */
const STATIC_FILES = /^\/(icons\/[a-z0-9-]+\.png|manifest\.webmanifest)$/;
const DAY_CACHED = /^\/(favicon\.svg|icons\/[a-z0-9-]+\.(png|svg)|manifest\.webmanifest)$/;
const SERVICE_WORKER_CSP =
	"default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const ASSET_HEADERS = new Set([
	'x-content-type-options',
	'cross-origin-resource-policy',
	'strict-transport-security',
	'cache-control'
]);
/**
 * On shutdown, a connection is closed once it has carried no request for this long. A client
 * that has just connected, or is reusing a kept connection, may still be sending its request:
 * closing the moment the signal comes would reset it, and the person would not know whether a
 * write was saved.
 */
const QUIET_MS = 2000;
/** Requests still running this long after the signal are cut off, so a stuck one cannot hold a deploy. */
const SHUTDOWN_LIMIT_MS = 10_000;

/**
 * The service worker script, read at each request. Browsers may keep it a day (they cap a
 * worker's HTTP caching at 24 h; the page registers it with `updateViaCache: 'all'`), so
 * opening the app costs no check before then, and a deploy reaches a phone within a day. With
 * its ETag an unchanged worker then costs a 304, not the script again. A worker's own CSP
 * governs what it may fetch: this site only.
 */
async function serveWorker(req: http.IncomingMessage, res: http.ServerResponse) {
	const body = await readFile(new URL('../build/client/service-worker.js', import.meta.url)).catch(
		() => null
	);
	if (!body) {
		res.statusCode = 404;
		res.end();
		return;
	}
	res.setHeader('content-type', 'text/javascript; charset=utf-8');
	res.setHeader('content-security-policy', SERVICE_WORKER_CSP);
	res.setHeader('cache-control', 'max-age=86400');
	const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
	res.setHeader('etag', etag);
	if (req.headers['if-none-match'] === etag) {
		res.statusCode = 304;
		res.end();
		return;
	}
	res.end(body);
}

/** Drops ETag and Last-Modified from the response, however the file server sets them. */
function withoutValidators(res: http.ServerResponse) {
	const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
	res.writeHead = ((...args: unknown[]) => {
		const headers = args.find(
			(arg): arg is Record<string, unknown> =>
				typeof arg === 'object' && arg !== null && !Array.isArray(arg)
		);
		if (headers)
			for (const name of Object.keys(headers))
				if (/^(etag|last-modified)$/i.test(name)) delete headers[name];
		res.removeHeader('etag');
		res.removeHeader('last-modified');
		return writeHead(...args);
	}) as typeof res.writeHead;
}

/**
 * What Node refuses before the app sees it (a request line or headers too large, a malformed
 * request): by default a bare "400 Bad Request" or "431" with no text. The person gets the
 * reason in both languages instead (the request could not be read, so neither its cookie nor its
 * language can be), and the connection closes as Node's own answer would.
 */
function answerUnreadable(error: NodeJS.ErrnoException, socket: Duplex) {
	if (!socket.writable || error.code === 'ECONNRESET') {
		socket.destroy();
		return;
	}
	const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
	const body = `${my.error_request_unreadable}\n${en.error_request_unreadable}\n`;
	socket.end(
		`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: text/plain; charset=utf-8\r\nx-content-type-options: nosniff\r\ncache-control: no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
	);
}

export interface RunningServer {
	server: http.Server;
	url: string;
	close(): Promise<void>;
}

/** Starts serving `build/`; resolves once the port is open. */
export async function serve(): Promise<RunningServer> {
	process.env.ORIGIN ??= config.origin;
	// Large enough for image uploads; forms still reject oversized fields with a translated 400.
	process.env.BODY_SIZE_LIMIT ??= '6M';
	const { handler } = await import(new URL('../build/handler.js', import.meta.url).href);
	// Brotli quality 6 for what is compressed as it is sent (pages, their data, endpoints; hashed
	// files are compressed at build time): a lesson page comes to about 15% fewer bytes than at
	// the module's default of 4, for about the same time (2-3 ms for a 27 KB page).
	const compress = compression({
		threshold: 0,
		brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }
	});
	// Defaults for every response; pages replace the CSP with their own, and immutable assets
	// replace cache-control with a long max-age.
	const headers = {
		...securityHeaders(config.secure),
		'content-security-policy': baseCsp,
		'cache-control': 'no-store'
	};
	// Scripts and stylesheets are never documents: framing, referrer, permissions and CSP headers
	// do nothing there, and on 2G each response's headers cost bytes. They keep what applies.
	const assetHeaders = Object.fromEntries(
		Object.entries(headers).filter(([name]) => ASSET_HEADERS.has(name))
	);
	// A page's data (`__data.json`) is never a document either.
	const dataHeaders = Object.fromEntries(
		Object.entries(headers).filter(([name]) => !DOCUMENT_ONLY.includes(name))
	);

	let closing: Promise<void> | undefined;
	// Each connection's requests under way, and since when it has had none.
	const connections = new Map<net.Socket, { requests: number; quietSince: number }>();

	const server = http.createServer((req, res) => {
		const connection = connections.get(req.socket);
		if (connection) {
			connection.requests++;
			res.once('close', () => {
				connection.requests--;
				connection.quietSince = performance.now();
			});
		}
		// Shutting down: answer, then end the connection rather than keep it for another request.
		if (closing) res.setHeader('connection', 'close');
		// A route may answer without reading the body it was sent (e.g. "Clear this phone" takes
		// no input). The rest of that body would then sit in front of the connection's next
		// request, which would wait for ever (the app's body reader pauses the request when its
		// queue is full): once the answer is sent, drop the reader and drain what is left.
		res.on('finish', () => {
			if (req.complete) return;
			req.removeAllListeners('data');
			req.resume();
		});
		const path = req.url?.split('?')[0] ?? '';
		const asset = path.startsWith('/_app/immutable/') || STATIC_FILES.test(path);
		const preset = asset ? assetHeaders : path.endsWith('/__data.json') ? dataHeaders : headers;
		for (const [name, value] of Object.entries(preset)) res.setHeader(name, value);
		if (path.endsWith('.webmanifest')) res.setHeader('content-type', 'application/manifest+json');
		if (DAY_CACHED.test(path)) res.setHeader('cache-control', 'public, max-age=86400');
		if (path === '/service-worker.js') {
			compress(req as never, res as never, () => void serveWorker(req, res));
			return;
		}
		// Hashed files never change and are cached for a year: a validator is never used, and on
		// 2G each response's headers cost bytes.
		if (path.startsWith('/_app/immutable/')) withoutValidators(res);
		compress(req as never, res as never, () => handler(req, res));
	});
	// A client that sends on an idle connection just as the server closes it sees "other side
	// closed". Clients close idle connections themselves sooner than this (Node's fetch after the
	// server's Keep-Alive hint less a margin, browsers after their own timeouts), so the server
	// waiting longer means it is never the one to close under a request, even on a busy machine.
	// On 2G, a connection kept also saves its TCP and TLS handshakes.
	server.on('clientError', answerUnreadable);
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 66_000;
	server.on('connection', (socket: net.Socket) => {
		connections.set(socket, { requests: 0, quietSince: performance.now() });
		socket.once('close', () => connections.delete(socket));
	});

	await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
	const address = server.address() as AddressInfo;
	const url = `http://${config.host}:${address.port}`;

	const close = () =>
		(closing ??= new Promise<void>((resolve) => {
			const sweep = setInterval(() => {
				const now = performance.now();
				for (const [socket, connection] of connections) {
					if (connection.requests === 0 && now - connection.quietSince >= QUIET_MS)
						socket.destroy();
				}
			}, 50);
			const limit = setTimeout(() => server.closeAllConnections(), SHUTDOWN_LIMIT_MS);
			// net.Server's close stops listening and waits for the open connections to end; http.Server's
			// would also drop at once every connection between requests, with a request maybe on its way.
			net.Server.prototype.close.call(server, async () => {
				clearInterval(sweep);
				clearTimeout(limit);
				// The database closes last, and the process may exit only after: SQLite then folds the
				// write-ahead log into the file. Listeners hand back what they started.
				const pending: Promise<unknown>[] = [];
				process.emit('sveltekit:shutdown' as never, 'SIGTERM' as never, pending as never);
				await Promise.allSettled(pending);
				resolve();
			});
		}));
	return { server, url, close };
}
