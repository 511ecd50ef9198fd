import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	MAX_OUTPUT_BYTES,
	MAX_UPLOAD_BYTES,
	MAX_WIDTH,
	processImage,
	sniffImageType,
	storeImage
} from '$lib/server/media/images';

/** Random pixels at (width / scale) upscaled to width: photo-like texture that does not compress away. */
function noise(width: number, height: number, scale = 1): Sharp {
	const w = Math.round(width / scale);
	const h = Math.round(height / scale);
	return sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } }).resize(
		width,
		height
	);
}

/** A gradient with light per-pixel noise, like an ordinary photo. */
function photo(width: number, height: number): Sharp {
	const pixels = randomBytes(width * height * 3);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 3;
			pixels[i] = (x * 200) / width + (pixels[i] % 48);
			pixels[i + 1] = (y * 200) / height + (pixels[i + 1] % 48);
			pixels[i + 2] = 100 + (pixels[i + 2] % 48);
		}
	}
	return sharp(pixels, { raw: { width, height, channels: 3 } });
}

function isWebp(bytes: Buffer): boolean {
	return (
		bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
		bytes.subarray(8, 12).toString('latin1') === 'WEBP'
	);
}

async function processed(input: Buffer) {
	const result = await processImage(input);
	if (!result.ok) throw new Error(`processImage failed: ${result.error}`);
	expect(isWebp(result.webp)).toBe(true);
	expect(result.webp.length).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
	expect(result.width).toBeLessThanOrEqual(MAX_WIDTH);
	const meta = await sharp(result.webp).metadata();
	expect(meta).toMatchObject({ format: 'webp', width: result.width, height: result.height });
	return { ...result, meta };
}

describe('sniffImageType', () => {
	it('recognises the four formats by content only', async () => {
		const base = sharp({ create: { width: 4, height: 4, channels: 3, background: '#369' } });
		expect(sniffImageType(await base.clone().jpeg().toBuffer())).toBe('jpeg');
		expect(sniffImageType(await base.clone().png().toBuffer())).toBe('png');
		expect(sniffImageType(await base.clone().webp().toBuffer())).toBe('webp');
		expect(sniffImageType(await base.clone().gif().toBuffer())).toBe('gif');
		expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBe(null);
		expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBe(null);
	});
});

describe('processImage', () => {
	it('shrinks a large photo to an 800 px WebP under 60 KB', async () => {
		const input = await photo(3000, 2000).jpeg({ quality: 85 }).toBuffer();
		const out = await processed(input);
		expect([out.width, out.height]).toEqual([800, 533]);
		console.info(
			`photo: ${(input.length / 1024).toFixed(0)} KB JPEG -> ${(out.webp.length / 1024).toFixed(1)} KB WebP ${out.width}x${out.height}`
		);
	});

	it('lowers quality, then width, for a very noisy photo', async () => {
		const input = await noise(3000, 2000, 2).jpeg({ quality: 85 }).toBuffer();
		expect(input.length).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
		const out = await processed(input);
		expect(out.width).toBeLessThan(MAX_WIDTH);
		console.info(
			`noisy: ${(input.length / 1024).toFixed(0)} KB JPEG -> ${(out.webp.length / 1024).toFixed(1)} KB WebP ${out.width}x${out.height}`
		);
	});

	it('does not enlarge a small PNG', async () => {
		const input = await noise(200, 150).png().toBuffer();
		const out = await processed(input);
		expect([out.width, out.height]).toEqual([200, 150]);
	});

	it('strips EXIF (GPS, camera serial), XMP and ICC', async () => {
		const input = await photo(400, 300)
			.withExif({
				IFD0: { Make: 'Canon', Model: 'EOS 5D', Copyright: 'Ko Aung' },
				IFD2: { BodySerialNumber: '0123456789' },
				IFD3: {
					GPSLatitudeRef: 'N',
					GPSLatitude: '16/1 42/1 0/1',
					GPSLongitudeRef: 'E',
					GPSLongitude: '98/1 34/1 0/1'
				}
			})
			.withXmp(
				'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>'
			)
			.withIccProfile('p3')
			.jpeg()
			.toBuffer();
		const before = await sharp(input).metadata();
		expect(before.exif?.toString('latin1')).toContain('0123456789');
		expect(before.xmp).toBeDefined();
		expect(before.icc).toBeDefined();

		const { webp, meta } = await processed(input);
		expect(meta.exif).toBeUndefined();
		expect(meta.xmp).toBeUndefined();
		expect(meta.icc).toBeUndefined();
		for (const secret of ['0123456789', 'Canon', 'Ko Aung', 'EXIF', 'XMP ', 'ICCP']) {
			expect(webp.includes(Buffer.from(secret, 'latin1'))).toBe(false);
		}
	});

	it('applies the EXIF orientation before dropping it', async () => {
		const input = await photo(200, 100).withMetadata({ orientation: 6 }).jpeg().toBuffer();
		const out = await processed(input);
		expect([out.width, out.height]).toEqual([100, 200]);
	});

	it('takes the first frame of an animated GIF', async () => {
		const frames = Buffer.concat([0, 128, 255].map((v) => Buffer.alloc(40 * 40 * 3, v)));
		const input = await sharp(frames, {
			raw: { width: 40, height: 120, channels: 3, pageHeight: 40 }
		})
			.gif()
			.toBuffer();
		expect((await sharp(input).metadata()).pages).toBe(3);
		const out = await processed(input);
		expect([out.width, out.height]).toEqual([40, 40]);
		expect(out.meta.pages ?? 1).toBe(1);
	});

	it('accepts WebP input', async () => {
		const out = await processed(await noise(1200, 900).webp().toBuffer());
		expect(out.width).toBeLessThanOrEqual(MAX_WIDTH);
	});

	it('refuses content that is not JPEG, PNG, WebP or GIF, whatever it is called', async () => {
		const svg =
			'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
		for (const text of [
			'just some notes, saved as photo.jpg',
			svg,
			'<?xml version="1.0"?>' + svg,
			'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'
		]) {
			expect(await processImage(Buffer.from(text))).toEqual({
				ok: false,
				error: 'unsupported_type'
			});
		}
		const tiff = await noise(10, 10).tiff().toBuffer();
		expect(await processImage(tiff)).toEqual({ ok: false, error: 'unsupported_type' });
	});

	it('refuses empty input', async () => {
		expect(await processImage(new Uint8Array(0))).toEqual({ ok: false, error: 'empty' });
	});

	it('refuses oversized input without decoding it', async () => {
		const huge = Buffer.alloc(50 * 1024 * 1024);
		huge.set([0xff, 0xd8, 0xff]);
		const started = performance.now();
		expect(await processImage(huge)).toEqual({ ok: false, error: 'too_large' });
		expect(performance.now() - started).toBeLessThan(100);
		expect(await processImage(Buffer.alloc(MAX_UPLOAD_BYTES + 1))).toEqual({
			ok: false,
			error: 'too_large'
		});
	});

	it('refuses truncated or corrupt images', async () => {
		const jpeg = await noise(400, 300).jpeg().toBuffer();
		expect(await processImage(jpeg.subarray(0, jpeg.length / 2))).toEqual({
			ok: false,
			error: 'unreadable'
		});
		expect(await processImage(jpeg.subarray(0, 200))).toEqual({ ok: false, error: 'unreadable' });
		const png = await noise(400, 300).png().toBuffer();
		expect(await processImage(png.subarray(0, png.length / 2))).toEqual({
			ok: false,
			error: 'unreadable'
		});
	});

	it('refuses decompression bombs', async () => {
		// 10000 x 10000 of one colour: a PNG of a few hundred KB that would decode to 300 MB.
		const bomb = await sharp({
			create: { width: 10_000, height: 10_000, channels: 3, background: '#fff' }
		})
			.png({ compressionLevel: 9 })
			.toBuffer();
		expect(bomb.length).toBeLessThan(MAX_UPLOAD_BYTES);
		expect(await processImage(bomb)).toEqual({ ok: false, error: 'unreadable' });
	});

	it('gives up on images that cannot fit in 60 KB', async () => {
		// Pure noise, 480 px wide and very tall: no quality or width step gets it under the cap.
		const input = await noise(480, 3000).png().toBuffer();
		expect(input.length).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
		expect(await processImage(input)).toEqual({ ok: false, error: 'cannot_shrink' });
	});
});

describe('storeImage', () => {
	let root: string;
	beforeAll(async () => (root = await mkdtemp(join(tmpdir(), 'lanpya-images-'))));
	afterAll(() => rm(root, { recursive: true, force: true }));

	it('writes under fresh random names, creating the directory', async () => {
		const dir = join(root, 'uploads', 'images');
		const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#963' } })
			.webp()
			.toBuffer();
		const first = await storeImage(dir, webp);
		const second = await storeImage(dir, webp);
		expect(first).toMatch(/^[a-z0-9]+\.webp$/);
		expect(second).toMatch(/^[a-z0-9]+\.webp$/);
		expect(first.length).toBeGreaterThanOrEqual(26 + 5);
		expect(first).not.toBe(second);
		expect((await readdir(dir)).sort()).toEqual([first, second].sort());
		expect(await readFile(join(dir, first))).toEqual(webp);
	});
});
