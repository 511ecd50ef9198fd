/**
 * Sound clips in lessons, for pages and server alike. A minute of speech at 16-24 kbit/s is
 * 120-180 KB; the caps keep a clip a short phrase or paragraph a phone on 2G fetches in seconds.
 */
export const CLIP_MAX_SECONDS = 60;
export const CLIP_MAX_BYTES = 150 * 1024;
/** What the recorder asks of the browser: mono Opus at 20 kbit/s, inside the 16-24 range. */
export const CLIP_RECORD_BITS_PER_SECOND = 20_000;
