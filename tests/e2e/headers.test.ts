import net from 'node:net';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json' with { type: 'json' };
import my from '../../messages/my.json' with { type: 'json' };
import { baseUrl, Client } from './support';
import { routeCalls, sampleParams } from './routes';

const pages = [
	...new Set(
		routeCalls()
			.filter((c) => c.method === 'GET')
			.map((c) => c.path)
	)
];

function expectSecurityHeaders(response: Response) {
	const csp = response.headers.get('content-security-policy') ?? '';
	expect(csp).toContain("object-src 'none'");
	expect(csp).toContain("base-uri 'none'");
	expect(csp).toContain("frame-ancestors 'none'");
	// No source outside this site: only 'self', 'none', nonces, hashes and data: images.
	expect(csp).not.toMatch(/https?:|\*|'unsafe-inline'|'unsafe-eval'/);
	expect(response.headers.get('referrer-policy')).toBe('no-referrer');
	expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	const permissions = response.headers.get('permissions-policy') ?? '';
	for (const feature of ['geolocation=()', 'camera=()', 'microphone=()'])
		expect(permissions).toContain(feature);
}

describe('security headers', () => {
	it.each(pages)('are on %s, for visitors and signed-in learners, with no-store', async (path) => {
		const anonymous = new Client();
		const learner = new Client();
		await learner.signUp(`hdr${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`);
		for (const client of [anonymous, learner]) {
			const response = await client.request(path);
			expectSecurityHeaders(response);
			// Course images are public and the same for everyone; everything else is never stored.
			expect(response.headers.get('cache-control')).toBe(
				path.startsWith('/media/') ? 'public, max-age=86400' : 'no-store'
			);
		}
	});

	it('are on static files and on pages that do not exist', async () => {
		for (const path of ['/favicon.svg', '/icons/notes.svg', '/no-such-page']) {
			expectSecurityHeaders(await fetch(baseUrl() + path));
		}
	});

	it('HSTS and Secure cookies are off on plain-HTTP local servers (on when ORIGIN is https)', async () => {
		const client = new Client();
		const response = await client.signUp(`hsts${Date.now().toString(36)}`);
		expect(response.headers.get('strict-transport-security')).toBeNull();
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('sid='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
	});
});

describe('compression', () => {
	it.each(['/', '/signin', '/healthz'])('%s is served with brotli or gzip', async (path) => {
		const response = await fetch(baseUrl() + path, {
			headers: { 'accept-encoding': 'br, gzip', accept: 'text/html' }
		});
		expect(['br', 'gzip']).toContain(response.headers.get('content-encoding'));
	});

	it('static scripts are served precompressed', async () => {
		// The catalogue: a page with the app's script (the landing page has none).
		const html = await (await fetch(baseUrl() + '/learn/courses')).text();
		const script = html.match(/\/_app\/immutable\/[^"]+\.js/)![0];
		const response = await fetch(baseUrl() + script, {
			headers: { 'accept-encoding': 'br, gzip' }
		});
		expect(['br', 'gzip']).toContain(response.headers.get('content-encoding'));
	});

	it('static scripts keep the headers that apply to them, and only those', async () => {
		// The catalogue: a page with the app's script (the landing page has none).
		const html = await (await fetch(baseUrl() + '/learn/courses')).text();
		const script = html.match(/\/_app\/immutable\/[^"]+\.js/)![0];
		const response = await fetch(baseUrl() + script);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
		expect(response.headers.get('cache-control')).toMatch(/immutable/);
		expect(response.headers.get('x-frame-options')).toBeNull();
		expect(response.headers.get('permissions-policy')).toBeNull();
		// Cached for a year under a name that changes with the content: never revalidated.
		expect(response.headers.get('etag')).toBeNull();
		expect(response.headers.get('last-modified')).toBeNull();
	});

	it('pages name every script they need in their head (compressed), not in a Link header', async () => {
		const learner = new Client();
		await learner.signUp(`pre${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`);
		const response = await learner.request('/learn/courses');
		expect(response.status).toBe(200);
		expect(response.headers.get('link')).toBeNull();
		const html = await response.text();
		const head = html.slice(0, html.indexOf('</head>'));
		const preloaded = [...head.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map(
			([, href]) => href
		);
		// The entry scripts, the shared script and the page's own: fetched at once, not one import after another.
		expect(preloaded.some((href) => /\/entry\/start\./.test(href))).toBe(true);
		expect(preloaded.some((href) => /\/entry\/app\./.test(href))).toBe(true);
		expect(preloaded.some((href) => /\/chunks\//.test(href))).toBe(true);
		expect(preloaded.filter((href) => /\/nodes\//.test(href)).length).toBeGreaterThanOrEqual(2);
		for (const href of preloaded) expect((await fetch(baseUrl() + href)).status, href).toBe(200);
	});
});

describe('requests Node cannot read', () => {
	/** Sends `raw` on a new connection and resolves with everything the server answers before closing. */
	const exchange = (raw: string) =>
		new Promise<string>((resolve, reject) => {
			const url = new URL(baseUrl());
			const socket = net.connect(Number(url.port), url.hostname, () => socket.write(raw));
			let answer = '';
			socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
			socket.on('end', () => resolve(answer));
			socket.on('error', reject);
		});

	it('an address or headers too large: 431 with the reason in Burmese and English, then the connection closes', async () => {
		const answer = await exchange(
			`GET /learn?${'q'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`
		);
		expect(answer).toMatch(/^HTTP\/1\.1 431 /);
		expect(answer).toMatch(/content-type: text\/plain; charset=utf-8/i);
		expect(answer).toContain(my.error_request_unreadable);
		expect(answer).toContain(en.error_request_unreadable);
	});

	it('a malformed request: 400 with the same reason', async () => {
		const answer = await exchange('NOT A REQUEST\r\n\r\n');
		expect(answer).toMatch(/^HTTP\/1\.1 400 /);
		expect(answer).toContain(en.error_request_unreadable);
	});
});

describe('requests from another origin', () => {
	it('cannot change state through a form', async () => {
		const client = new Client();
		const response = await client.post(
			'/signup',
			{ username: 'crosssite', password: 'green tea and rice', kind: 'learner' },
			{ headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }
		);
		expect(response.status).toBe(403);
		const again = await client.signUp('crosssite');
		expect(again.status).toBe(200); // the name was never taken
	});

	it('cannot change state through an endpoint', async () => {
		const client = new Client();
		const response = await client.request('/language', {
			method: 'POST',
			body: JSON.stringify({ locale: 'en' }),
			headers: { origin: 'https://evil.example', 'content-type': 'application/json' }
		});
		expect(response.status).toBe(403);
		const nullOrigin = await client.request('/language', {
			method: 'POST',
			form: { locale: 'en' },
			headers: { origin: 'null' }
		});
		expect(nullOrigin.status).toBe(403);
		const sameSite = await client.request('/language', {
			method: 'POST',
			form: { locale: 'en' },
			headers: { 'sec-fetch-site': 'same-site' }
		});
		expect(sameSite.status).toBe(403);
	});
});

describe('course images', () => {
	it('are served as images, and no name can reach another file', async () => {
		const image = await fetch(
			`${baseUrl()}/media/courses/${sampleParams.course}/${sampleParams.name}`
		);
		expect(image.status).toBe(200);
		expect(image.headers.get('content-type')).toBe('image/svg+xml');
		for (const path of [
			`/media/courses/${sampleParams.course}/..%2Fcourse.json`,
			`/media/courses/${sampleParams.course}/..%2F..%2F..%2Fpackage.json`,
			`/media/courses/..%2F..%2Fsrc/app.html`,
			`/media/courses/${sampleParams.course}/course.json`
		]) {
			expect((await fetch(baseUrl() + path)).status, path).toBe(404);
		}
	});
});

describe('Clear this phone', () => {
	const CLEAR_SITE_DATA = '"cache", "cookies", "storage"';
	const signedUp = async () => {
		const client = new Client();
		await client.signUp(`clr${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`);
		return client;
	};
	const works = async (cookie: string) => {
		const client = new Client();
		client.cookie = cookie;
		return (await client.request('/learn')).status === 200;
	};

	it("ends the session and tells the browser to drop the site's cookies, storage and cache", async () => {
		const client = await signedUp();
		const session = client.cookie;
		expect(await works(session)).toBe(true);
		const response = await client.post('/clear', {});
		expect(response.status).toBe(200);
		expect(response.headers.get('clear-site-data')).toBe(CLEAR_SITE_DATA);
		const removed = response.headers.getSetCookie().map((c) => c.split('=')[0]);
		expect(removed).toEqual(expect.arrayContaining(['sid', 'reset']));
		expect(await works(session)).toBe(false);
	});

	it('finishes at the next request of a phone that cleared itself with no network, and only there', async () => {
		const client = await signedUp();
		const session = client.cookie;
		const ordinary = await client.request('/');
		expect(ordinary.headers.get('clear-site-data')).toBeNull();
		expect(await works(session)).toBe(true);
		// What the page leaves behind when the server was out of reach: the HttpOnly session cookie and the marker.
		client.cookie = `${session}; reset=1`;
		const next = await client.request('/');
		expect(next.status).toBe(200);
		expect(next.headers.get('clear-site-data')).toBe(CLEAR_SITE_DATA);
		expect(next.headers.getSetCookie().some((c) => /^reset=;.*Max-Age=0/i.test(c))).toBe(true);
		expect(await works(session)).toBe(false);
	});
});

describe('/healthz', () => {
	it('reports the database reachable and migrations current', async () => {
		const response = await fetch(baseUrl() + '/healthz');
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			ok: true,
			database: 'reachable',
			migrations: 'current',
			pending: []
		});
	});
});
