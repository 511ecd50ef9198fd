/**
 * The directory of support services as a phone keeps it (/help, src/lib/pwa/directory.ts), for
 * 200 services: its data (JSON) and the whole page the service worker keeps, raw, gzip and
 * brotli, as the built server sends it. Budget: 20 KB compressed for 200 services.
 * `npm run build` first. Port BENCH_PORT (3760); DIRECTORY_SERVICES to change the count.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { openDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/migrate';
import { directory } from '../src/lib/server/services/directory';
import { ORG_AREAS } from '../src/lib/vocab/areas';
import {
	SERVICE_AUDIENCES,
	SERVICE_KINDS,
	SERVICE_LANGUAGES,
	SERVICE_REMOTE
} from '../src/lib/vocab/services';
import { DiskMigrationProvider } from '../scripts/lib/file-migrations';
import { kb, startApp } from './lib';

const COUNT = Number(process.env.DIRECTORY_SERVICES ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3760);
const ORGS = 40;

// Plain phrases of the kind organizations write, combined differently for each service: real
// directories repeat words ("free", "Mae Sot", "every day"), which compression finds too.
const MY = [
	'လျှို့ဝှက်စွာ စကားပြောနိုင်သည်',
	'စိတ်ဖိစီးမှုနှင့် အိပ်မပျော်ခြင်း',
	'စာရွက်စာတမ်း မရှိသူများအတွက်',
	'မိသားစုနှင့် ကလေးများကို ကူညီသည်',
	'ဆေးခန်းတွင် အခမဲ့ ကုသပေးသည်',
	'ယာယီ နေစရာ နေရာ ပေးသည်',
	'ဆန်နှင့် စားနပ်ရိက္ခာ ဝေငှသည်',
	'ကလေးများ ကျောင်းတက်ရန် ကူညီသည်',
	'အမျိုးသမီးများအတွက် သီးသန့်',
	'ဖုန်းဖြင့် သို့မဟုတ် စာဖြင့် ဆက်သွယ်နိုင်သည်',
	'အလုပ်လုပ်ခွင့် လျှောက်ရန် အကြံပေးသည်',
	'ဒဏ်ရာ ရှိသူများကို ကုသသည်'
];
const EN = [
	'private talks in your language',
	'stress, sleep and fear',
	'for people without papers',
	'help for families and children',
	'free treatment at the clinic',
	'a safe place to stay for a few weeks',
	'rice and food each month',
	'help for children to go to school',
	'for women only',
	'reach us by call or message',
	'advice on work permits',
	'care for injuries'
];
const pick = <T>(list: readonly T[], i: number) => list[i % list.length];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanpya-directory-'));
const file = path.join(dir, 'bench.sqlite');
const db = openDatabase(file);
await migrateToLatest(db, new DiskMigrationProvider());
const now = Date.now();
for (let o = 0; o < ORGS; o++)
	await db
		.insertInto('organization')
		.values({
			id: `benchorg${String(o).padStart(4, '0')}`,
			name: `${pick(['Mae Tao', 'Border', 'Rainbow', 'Hope', 'Peace'], o)} ${pick(['Clinic', 'Legal Aid', 'Women Group', 'Support Network'], o * 7)} ${o}`,
			kind: 'ngo',
			description: '',
			status: 'vetted',
			created_by: null,
			created_at: now,
			reviewed_at: now,
			areas: '[]'
		})
		.execute();
for (let i = 0; i < COUNT; i++) {
	const phrases = [i, i * 5 + 3, i * 7 + 1];
	await db
		.insertInto('service')
		.values({
			id: `benchservice${String(i).padStart(6, '0')}`,
			org_id: `benchorg${String(i % ORGS).padStart(4, '0')}`,
			kind: pick(SERVICE_KINDS, i),
			audience: pick(SERVICE_AUDIENCES, i * 3),
			area: pick([...ORG_AREAS, SERVICE_REMOTE], i * 5),
			name_my: `${pick(MY, i * 11)} ${i}`,
			name_en: `${pick(EN, i * 11)} ${i}`,
			description_my: phrases.map((p) => pick(MY, p)).join('။ ') + '။',
			description_en: phrases.map((p) => pick(EN, p)).join('. ') + '.',
			languages: ['my', pick(SERVICE_LANGUAGES.slice(1), i)].join(','),
			free: i % 4 === 0 ? 0 : 1,
			hours: pick(['Mon-Fri 9:00-17:00', 'Every day 8:00-12:00', 'Tue, Thu 10:00-15:00'], i),
			walk_in: i % 3 === 0 ? `Near the market, street ${i % 17}` : '',
			contact: i % 5 === 0 ? `Signal +66 8${String(10000000 + i * 7919).slice(0, 8)}` : '',
			status: 'approved',
			reviewed_by: null,
			reviewed_at: now,
			created_at: now,
			updated_at: now
		})
		.execute();
}
const data = JSON.stringify((await directory(db)).services);
await db.destroy();

/** The page as the server sends it for `encoding`, without cookies (as the worker keeps it): its bytes on the wire. */
function pageBytes(base: string, encoding: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http
			.get(`${base}/help`, { headers: { 'accept-encoding': encoding } }, (response) => {
				let bytes = 0;
				response.on('data', (chunk: Buffer) => (bytes += chunk.length));
				response.on('end', () => resolve(bytes));
			})
			.on('error', reject);
	});
}

const app = await startApp(PORT, file);
try {
	const page = {
		raw: await pageBytes(app.baseUrl, 'identity'),
		gzip: await pageBytes(app.baseUrl, 'gzip'),
		brotli: await pageBytes(app.baseUrl, 'br')
	};
	const services = COUNT + 3; // the starter data's examples join them
	console.log(`Directory of support services: ${services} listed (${COUNT} generated, 3 examples)`);
	console.log('| What | Raw | gzip | brotli |');
	console.log('| --- | ---: | ---: | ---: |');
	const buffer = Buffer.from(data);
	console.log(
		`| Its data (JSON, ${COUNT} generated only) | ${kb(buffer.length)} | ${kb(gzipSync(buffer).length)} | ${kb(brotliCompressSync(buffer).length)} |`
	);
	console.log(
		`| /help as kept on the phone (server's answer) | ${kb(page.raw)} | ${kb(page.gzip)} | ${kb(page.brotli)} |`
	);
	console.log(`Budget: 20 KB compressed for 200 services.`);
} finally {
	await app.stop();
	fs.rmSync(dir, { recursive: true, force: true });
}
