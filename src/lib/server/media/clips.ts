/**
 * Uploaded sound clips: Opus in Ogg or WebM (what phones record), recognised by parsing the
 * container and the codec's own header, never by the file's name or declared type. What is kept
 * is never the upload: the Opus packets are written into a fresh Ogg Opus stream with an empty
 * comment header, so tags (a name, a place, a phone's model), WebM's own metadata, attachments
 * and the packets' padding are all left behind, and every clip has one format to serve.
 * The packets themselves are not decoded here; browsers decode them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newId } from '$lib/server/auth/tokens';
import type { Result } from '$lib/result';
import { CLIP_MAX_BYTES, CLIP_MAX_SECONDS } from '$lib/clips';
import { looksLikeOgg, readOggPackets, writeOggStream, type OggPacket } from './ogg';
import { looksLikeEbml, readWebmOpus } from './webm';
import {
	OPUS_RATE,
	hasMagic,
	opusTagsWellFormed,
	readOpusHead,
	readOpusPacket,
	writeOpusHead,
	writeOpusTags,
	type OpusHead
} from './opus';

export { CLIP_MAX_BYTES, CLIP_MAX_SECONDS };

export type ClipError =
	| 'empty'
	| 'too_large'
	| 'too_long'
	| 'not_audio'
	| 'unsupported_codec'
	| 'bad_metadata'
	| 'unreadable';
export type ClipResult = Result<{ ogg: Uint8Array; durationMs: number }, ClipError>;

/** The stream's serial number in every clip kept: one stream per file, nothing to tell apart. */
const SERIAL = 0x4c616e70;

/** Checks an upload and writes it again as a clean Ogg Opus stream, or says why not. */
export function processClip(bytes: Uint8Array): ClipResult {
	if (bytes.length === 0) return { ok: false, error: 'empty' };
	if (bytes.length > CLIP_MAX_BYTES) return { ok: false, error: 'too_large' };
	const source = looksLikeOgg(bytes)
		? fromOgg(bytes)
		: looksLikeEbml(bytes)
			? fromWebm(bytes)
			: ({ ok: false, error: 'not_audio' } as const);
	if (!source.ok) return source;
	return rewrite(source.head, source.packets);
}

type Source = Result<{ head: OpusHead; packets: Uint8Array[] }, ClipError>;

function fromOgg(bytes: Uint8Array): Source {
	const packets = readOggPackets(bytes);
	if (!packets || packets.length === 0) return { ok: false, error: 'unreadable' };
	if (!hasMagic(packets[0], 'OpusHead')) return { ok: false, error: 'unsupported_codec' };
	const head = readOpusHead(packets[0]);
	if (!head) return { ok: false, error: 'unsupported_codec' };
	if (packets.length < 2 || !opusTagsWellFormed(packets[1]))
		return { ok: false, error: 'bad_metadata' };
	return { ok: true, head, packets: packets.slice(2) };
}

function fromWebm(bytes: Uint8Array): Source {
	const track = readWebmOpus(bytes);
	if (!track.ok) return track;
	const head = readOpusHead(track.head);
	if (!head) return { ok: false, error: 'unsupported_codec' };
	return { ok: true, head, packets: track.frames };
}

function rewrite(head: OpusHead, packets: Uint8Array[]): ClipResult {
	if (packets.length === 0) return { ok: false, error: 'empty' };
	const audio: OggPacket[] = [];
	let granule = 0;
	for (const packet of packets) {
		const read = readOpusPacket(packet);
		if (!read) return { ok: false, error: 'unreadable' };
		granule += read.samples;
		// Checked as it grows, so a lie of many packets stops at the cap.
		if (granule - head.preSkip > CLIP_MAX_SECONDS * OPUS_RATE)
			return { ok: false, error: 'too_long' };
		audio.push({ data: read.packet, granule });
	}
	if (granule <= head.preSkip) return { ok: false, error: 'empty' };
	const ogg = writeOggStream(SERIAL, [writeOpusHead(head), writeOpusTags()], audio);
	if (!ogg) return { ok: false, error: 'unreadable' };
	if (ogg.length > CLIP_MAX_BYTES) return { ok: false, error: 'too_large' };
	return { ok: true, ogg, durationMs: Math.round(((granule - head.preSkip) * 1000) / OPUS_RATE) };
}

/** Writes the clip under a generated random name (128-bit base32 + ".ogg") in `dir`; returns the name. */
export async function storeClip(dir: string, ogg: Uint8Array): Promise<string> {
	await mkdir(dir, { recursive: true });
	const name = `${newId()}.ogg`;
	// 'wx' refuses to overwrite, should a name ever repeat.
	await writeFile(join(dir, name), ogg, { flag: 'wx' });
	return name;
}
