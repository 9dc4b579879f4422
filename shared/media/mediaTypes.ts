/** What Quarry knows about a recording once it has read the file's headers. */
export type MediaKind = 'audio' | 'video';

export type MediaExtension = 'mp3' | 'm4a' | 'aac' | 'wav' | 'ogg' | 'opus' | 'mp4' | 'webm';

export const MEDIA_EXTENSIONS: readonly MediaExtension[] = ['mp3', 'm4a', 'aac', 'wav', 'ogg', 'opus', 'mp4', 'webm'];

export const isMediaExtension = (ext: string): ext is MediaExtension => (MEDIA_EXTENSIONS as readonly string[]).includes(ext);

/** Every type probeMedia gives a recording: a recording is served with one of these, never with a type a file names. */
export const MEDIA_MIMES: readonly string[] = [
  'audio/wav', 'audio/mpeg', 'audio/aac', 'audio/ogg', 'audio/ogg; codecs=opus', 'audio/mp4', 'video/mp4', 'audio/webm', 'video/webm',
];

export interface MediaProbe {
  kind: MediaKind;
  mime: string;
  durationMs: number;
}

/**
 * Random access to a file's bytes without loading it: the container
 * parsers read headers here and there (an MP4's index may sit at the end of
 * a 2 GB file).
 */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `position` (fewer at the end of the file). */
  read(position: number, length: number): Uint8Array;
}

/** A container's headers do not make sense: the prober turns this into a message naming the file. */
export class DamagedMedia extends Error {}

export const damaged = (why: string): never => {
  throw new DamagedMedia(why);
};
