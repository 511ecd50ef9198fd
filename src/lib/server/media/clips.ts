/**
 * Uploaded sound clips: Opus in Ogg or WebM (what phones record), recognised by parsing the
 * container and the codec's own header, never by the file's name or declared type. What is kept
 * is never the upload: the Opus packets are written into a fresh Ogg Opus stream with an empty
 * comment header, so tags (a name, a place, a phone's model), WebM's own metadata, attachments
 * and the packets' padding are all left behind, and every clip has one format to serve.
 * The packets themselves are not decoded here; browsers decode them.
 *
 * `checkClip` asks a second, maintained parser (music-metadata) as well: it must read the upload
 * as the same container holding Opus, and the clip kept as Ogg Opus of the same channels and
 * length. Only a WebM written as it was recorded (the Segment or Clusters of unknown size, as
 * MediaRecorder writes in pieces) is beyond it; such an upload is judged by the clip kept alone.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseBuffer, type IFormat } from 'music-metadata';
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

/**
 * The parser here alone: checks an upload and writes it again as a clean Ogg Opus stream, or
 * says why not. Everything kept goes through `checkClip`, which adds the second opinion.
 */
export function processClip(bytes: Uint8Array): ClipResult {
	const read = readUpload(bytes);
	return read.ok ? read.clip : read;
}

/**
 * `processClip`, and music-metadata's reading of the upload and of the clip kept, which must
 * agree with it (see above); a clip they disagree on is refused as unreadable.
 */
export async function checkClip(bytes: Uint8Array): Promise<ClipResult> {
	const read = readUpload(bytes);
	if (!read.ok) return read;
	if (!read.clip.ok) return read.clip;
	const { ogg, durationMs } = read.clip;
	const kept = await formatOf(ogg, 'audio/ogg');
	const keptAgrees =
		kept?.container === 'Ogg' &&
		kept.codec === 'Opus' &&
		kept.numberOfChannels === read.head.channels &&
		kept.duration !== undefined &&
		Math.abs(kept.duration * 1000 - durationMs) <= 1;
	if (!keptAgrees) return { ok: false, error: 'unreadable' };
	if (read.container === 'webm' && read.live) return read.clip;
	const upload = await formatOf(bytes, read.container === 'ogg' ? 'audio/ogg' : 'audio/webm');
	const uploadAgrees =
		upload?.container === (read.container === 'ogg' ? 'Ogg' : 'EBML/webm') &&
		upload.codec?.toLowerCase() === 'opus';
	return uploadAgrees ? read.clip : { ok: false, error: 'unreadable' };
}

/** music-metadata's reading of a file's format, or null where it cannot read it. */
async function formatOf(bytes: Uint8Array, mimeType: string): Promise<IFormat | null> {
	try {
		const { format } = await parseBuffer(
			bytes,
			{ mimeType, size: bytes.length },
			{ duration: true, skipCovers: true }
		);
		return format;
	} catch {
		return null;
	}
}

type Upload =
	| {
			ok: true;
			container: 'ogg' | 'webm';
			live: boolean;
			head: OpusHead;
			clip: ClipResult;
	  }
	| { ok: false; error: ClipError };

function readUpload(bytes: Uint8Array): Upload {
	if (bytes.length === 0) return { ok: false, error: 'empty' };
	if (bytes.length > CLIP_MAX_BYTES) return { ok: false, error: 'too_large' };
	const source = looksLikeOgg(bytes)
		? fromOgg(bytes)
		: looksLikeEbml(bytes)
			? fromWebm(bytes)
			: ({ ok: false, error: 'not_audio' } as const);
	if (!source.ok) return source;
	const { container, live, head, packets } = source;
	return { ok: true, container, live, head, clip: rewrite(head, packets) };
}

type Source = Result<
	{ container: 'ogg' | 'webm'; live: boolean; head: OpusHead; packets: Uint8Array[] },
	ClipError
>;

function fromOgg(bytes: Uint8Array): Source {
	const packets = readOggPackets(bytes);
	if (!packets || packets.length === 0) return { ok: false, error: 'unreadable' };
	if (!hasMagic(packets[0], 'OpusHead')) return { ok: false, error: 'unsupported_codec' };
	const head = readOpusHead(packets[0]);
	if (!head) return { ok: false, error: 'unsupported_codec' };
	if (packets.length < 2 || !opusTagsWellFormed(packets[1]))
		return { ok: false, error: 'bad_metadata' };
	return { ok: true, container: 'ogg', live: false, head, packets: packets.slice(2) };
}

function fromWebm(bytes: Uint8Array): Source {
	const track = readWebmOpus(bytes);
	if (!track.ok) return track;
	const head = readOpusHead(track.head);
	if (!head) return { ok: false, error: 'unsupported_codec' };
	return { ok: true, container: 'webm', live: track.live, head, packets: track.frames };
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
