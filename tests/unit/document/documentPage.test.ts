import { describe, expect, it } from 'vitest';
import { isPaged, pageIndex, PAGED_ABOVE, restHeight } from '../../../renderer/features/document/documentPage.js';

describe('pageIndex', () => {
  const page = 'a😀b\r\nשלום 数据';
  const index = pageIndex(page);

  it('converts positions within the page as the whole text would', () => {
    expect(index.length).toBe(12);
    expect(index.cpToUtf16(2)).toBe(3);
    expect(index.utf16ToCp(3)).toBe(2);
    expect(index.slice(1, 3)).toBe('😀b');
  });

  it('puts a position past the page at its end (a coding that runs on into the rest)', () => {
    expect(index.cpToUtf16(500)).toBe(page.length);
    expect(index.slice(10, 500)).toBe('数据');
  });

  it('still refuses a position that is no position at all', () => {
    expect(() => index.cpToUtf16(-1)).toThrow(RangeError);
    expect(() => index.cpToUtf16(1.5)).toThrow(RangeError);
  });
});

describe('paging', () => {
  it('pages only long documents', () => {
    expect(isPaged(PAGED_ABOVE)).toBe(false);
    expect(isPaged(PAGED_ABOVE + 1)).toBe(true);
  });

  it('reckons the rest of the document at the page’s height per character', () => {
    expect(restHeight(1_000, 20_000, 5_000_000)).toBe(249_000);
    expect(restHeight(1_000, 20_000, 20_000)).toBe(0);
  });
});
