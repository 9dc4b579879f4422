/**
 * An XML document read as its bytes arrive (a project.qde as it is
 * unpacked): bytes → text → tokens → element tree, a piece at a time, so
 * neither the document's bytes nor its text are ever held whole (at a
 * million codings each is half a gigabyte).
 *
 * Only a well-formed document in a known encoding is read this way. Anything
 * else — broken markup, a file cut off, bytes that are not what the
 * encoding says, a DOCTYPE, a damaged archive entry — stops the piecewise
 * reading, and the whole document is read again as before
 * (decodeXmlBytes → parseXmlTree), so every fault is told in the same words
 * and what the lenient parser tolerated is still tolerated.
 */
import { QuarryError } from '../errors.js';
import { MAX_XML_DEPTH } from '../limits.js';
import { decodeWindows1252 } from '../importers/textDecoding.js';
import { XmlSyntaxError, XmlTokenizer } from './xmlTokenizer.js';
import { decodeXmlBytes, noteDecoded, parseXmlTree, treeBuilder, XML_ENCODING_HEAD_BYTES, xmlEncodingOf, type XmlCloseHook, type XmlElement } from './xmlTree.js';

/** A document's bytes, in pieces or whole. */
export interface XmlByteSource {
  /** Hands the bytes to `sink` in order, in pieces of any size. */
  stream(sink: (bytes: Uint8Array) => void): void;
  /** All the bytes at once (read again only when the pieces could not be read one by one). */
  whole(): Uint8Array;
}

/** Something the piecewise reading leaves to the whole-document reading, which tells it. */
class LeftToWholeReading extends Error {}

/** Bytes decoded at a time: bounds the text the tokenizer holds beyond its unfinished token. */
export const XML_PIECE_BYTES = 64 * 1024;

/** Bytes → text a piece at a time, with a character split between pieces carried over. */
class PieceDecoder {
  private head: Uint8Array[] = [];
  private headLength = 0;
  private decode: ((bytes: Uint8Array, last: boolean) => string) | undefined;

  push(bytes: Uint8Array): string {
    if (this.decode) return this.decode(bytes, false);
    this.head.push(bytes.slice());
    this.headLength += bytes.length;
    return this.headLength < XML_ENCODING_HEAD_BYTES ? '' : this.start(false);
  }

  end(): string {
    return this.decode ? this.decode(new Uint8Array(0), true) : this.start(true);
  }

  /** Chooses the decoding once the head is in, and decodes the head. */
  private start(last: boolean): string {
    const head = Buffer.concat(this.head);
    this.head = [];
    const encoding = xmlEncodingOf(head);
    if (encoding.kind === 'windows-1252') this.decode = (bytes) => decodeWindows1252(bytes);
    else {
      const fatal = encoding.kind === 'utf-8';
      const decoder = new TextDecoder(encoding.kind === 'utf-8' ? 'utf-8' : encoding.label, { fatal });
      this.decode = (bytes, end) => {
        try {
          return decoder.decode(bytes, { stream: !end });
        } catch {
          // Not UTF-8 after all, or cut off inside a character.
          throw new LeftToWholeReading();
        }
      };
    }
    return this.decode(head, last);
  }
}

const REFUSED_DECLARATION = /<!DOCTYPE|<!ENTITY/i;
/** Characters of one piece kept to find a declaration cut between two pieces. */
const DECLARATION_OVERLAP = '<!DOCTYPE'.length - 1;

/**
 * The text as the tokenizer takes it (see checkedXmlText in xmlTree.ts): no
 * BOM, every line end \n (a \r at the end of a piece waits for the next), and
 * any DOCTYPE or ENTITY declaration left to the whole reading, which refuses it.
 */
class TextNormaliser {
  private first = true;
  private heldCr = false;
  private tail = '';

  push(text: string, last: boolean): string {
    let s = this.heldCr ? `\r${text}` : text;
    this.heldCr = false;
    if (this.first && s !== '') {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    if (!last && s.endsWith('\r')) {
      s = s.slice(0, -1);
      this.heldCr = true;
    }
    // (Both declarations begin "<!", which the engine's plain search rules out far quicker than the expression.)
    if ((s.includes('<!') && REFUSED_DECLARATION.test(s)) || REFUSED_DECLARATION.test(this.tail + s.slice(0, DECLARATION_OVERLAP))) throw new LeftToWholeReading();
    this.tail = s.length >= DECLARATION_OVERLAP ? s.slice(-DECLARATION_OVERLAP) : (this.tail + s).slice(-DECLARATION_OVERLAP);
    return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
  }
}

/**
 * Parses an XML document from its bytes and returns its root element;
 * `onClose` sees each element as it completes (as with parseXmlTree, a
 * reader must treat that as a head start: after a stop, the document is read
 * again whole into a new tree, perhaps without the hook).
 */
export function parseXmlBytes(fileName: string, source: XmlByteSource, what: string, onClose?: XmlCloseHook): XmlElement {
  let hookFailure: { error: unknown } | undefined;
  const hook: XmlCloseHook | undefined =
    onClose &&
    ((el, parent, root) => {
      try {
        onClose(el, parent, root);
      } catch (error) {
        hookFailure = { error };
        throw error;
      }
    });
  const tree = treeBuilder(hook);
  const tokenizer = new XmlTokenizer(tree.listener, MAX_XML_DEPTH);
  const decoder = new PieceDecoder();
  const text = new TextNormaliser();
  const feed = (piece: string): void => tokenizer.feed(noteDecoded(piece));
  try {
    source.stream((bytes) => {
      for (let at = 0; at < bytes.length; at += XML_PIECE_BYTES) feed(text.push(decoder.push(bytes.subarray(at, at + XML_PIECE_BYTES)), false));
    });
    feed(text.push(decoder.end(), true));
    tokenizer.end();
  } catch (err) {
    if (hookFailure && err === hookFailure.error) throw err;
    if (!(err instanceof XmlSyntaxError || err instanceof LeftToWholeReading || err instanceof QuarryError)) throw err;
    return parseXmlTree(fileName, decodeXmlBytes(fileName, source.whole()), what, onClose);
  }
  return tree.root() as XmlElement;
}

/** A document already in memory, handed over in pieces. */
export function bytesInPieces(bytes: Uint8Array): XmlByteSource {
  return {
    stream(sink) {
      for (let at = 0; at < bytes.length; at += XML_PIECE_BYTES) sink(bytes.subarray(at, at + XML_PIECE_BYTES));
    },
    whole: () => bytes,
  };
}
