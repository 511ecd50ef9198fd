/**
 * Uploaded photos: sniffed by magic bytes, decoded with limits, then re-encoded as small WebP.
 * Re-encoding (never copying the upload) is what strips EXIF/XMP/ICC, including GPS and camera
 * serials, which could identify or locate the person who took the photo.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type OutputInfo } from 'sharp';
import { newId } from '$lib/server/auth/tokens';
import type { Result } from '$lib/result';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_WIDTH = 800;
export const MAX_OUTPUT_BYTES = 60 * 1024;
/** Larger inputs are refused before decoding, so a tiny file cannot expand into gigabytes of pixels. */
const MAX_INPUT_PIXELS = 40_000_000;
const QUALITIES = [75, 60, 45, 35];
const WIDTHS = [MAX_WIDTH, 640, 480];

export type ImageError =
	'empty' | 'too_large' | 'unsupported_type' | 'unreadable' | 'cannot_shrink';
export type ImageResult = Result<{ webp: Buffer; width: number; height: number }, ImageError>;

function startsWith(bytes: Uint8Array, signature: number[] | string, offset = 0): boolean {
	const expected =
		typeof signature === 'string' ? [...signature].map((c) => c.charCodeAt(0)) : signature;
	return (
		bytes.length >= offset + expected.length && expected.every((b, i) => bytes[offset + i] === b)
	);
}

/** Detects the type from magic bytes only (never the file name or declared MIME type). */
export function sniffImageType(bytes: Uint8Array): 'jpeg' | 'png' | 'webp' | 'gif' | null {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return 'webp';
	if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return 'gif';
	return null;
}

/** Checks, then re-encodes to WebP no wider than 800 px and no larger than 60 KB, without any metadata. */
export async function processImage(bytes: Uint8Array): Promise<ImageResult> {
	if (bytes.length === 0) return { ok: false, error: 'empty' };
	if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, error: 'too_large' };
	if (!sniffImageType(bytes)) return { ok: false, error: 'unsupported_type' };

	// Decode once (first frame only, the default) into raw sRGB pixels; the size search below
	// then only re-encodes, instead of decoding a large photo up to a dozen times.
	let pixels: { data: Buffer; info: OutputInfo };
	try {
		pixels = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
			.rotate()
			.resize({ width: MAX_WIDTH, withoutEnlargement: true })
			.toColourspace('srgb')
			.raw()
			.toBuffer({ resolveWithObject: true });
	} catch {
		return { ok: false, error: 'unreadable' };
	}
	const { width, height, channels } = pixels.info;

	for (const targetWidth of WIDTHS.filter((w, i) => i === 0 || w < width)) {
		for (const quality of QUALITIES) {
			const { data, info } = await sharp(pixels.data, { raw: { width, height, channels } })
				.resize({ width: targetWidth, withoutEnlargement: true })
				.webp({ quality })
				.toBuffer({ resolveWithObject: true });
			if (data.length <= MAX_OUTPUT_BYTES)
				return { ok: true, webp: data, width: info.width, height: info.height };
		}
	}
	return { ok: false, error: 'cannot_shrink' };
}

/** Writes the WebP under a generated random name (128-bit base32 + ".webp") in `dir`, created if missing; returns the name. */
export async function storeImage(dir: string, webp: Buffer): Promise<string> {
	await mkdir(dir, { recursive: true });
	const name = `${newId()}.webp`;
	// 'wx' refuses to overwrite, should a name ever repeat.
	await writeFile(join(dir, name), webp, { flag: 'wx' });
	return name;
}
