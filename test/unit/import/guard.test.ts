import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, checkImportSize, checkImportText, decodeImportBytes, withoutBom } from '../../../lib/import/guard';

describe('import guards', () => {
  it('accepts ordinary UTF-8 text with accents and a stray replacement character', () => {
    expect(checkImportText('@misc{a, title={Schrödinger — Łukasz \uFFFD}}')).toEqual({ ok: true });
  });

  it('refuses a file over the size limit before looking inside', () => {
    expect(checkImportSize(MAX_IMPORT_BYTES)).toEqual({ ok: true });
    const over = checkImportSize(50 * 1024 * 1024);
    expect(over).toEqual({ ok: false, reason: 'the file is 50 MB; the import limit is 20 MB' });
  });

  it('counts UTF-8 bytes, not UTF-16 units, near the limit', () => {
    // 7.5 M three-byte characters: 7.5 M UTF-16 units but 22.5 MB of UTF-8.
    const wide = '€'.repeat(7_500_000);
    expect(wide.length).toBeLessThan(MAX_IMPORT_BYTES);
    const result = checkImportText(wide);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/limit is 20 MB/);
  });

  it('refuses text full of U+FFFD as not UTF-8', () => {
    const latin1ReadAsUtf8 = 'M\uFFFDller, J\uFFFDrg and Erd\uFFFDs, P\uFFFDl';
    expect(checkImportText(latin1ReadAsUtf8)).toEqual({
      ok: false,
      reason: 'the file is not UTF-8: it holds many U+FFFD replacement characters (save it as UTF-8 and import it again)',
    });
  });

  it('refuses binary data', () => {
    expect(checkImportText('%PDF-1.7\n\u0000\u0001\u0002stream')).toEqual({ ok: false, reason: 'the file holds binary data, not text' });
  });

  it('decodes bytes strictly: Latin-1 is refused, UTF-8 with a BOM is read', () => {
    const latin1 = new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]); // "Müller" in ISO-8859-1
    expect(decodeImportBytes(latin1)).toEqual({ ok: false, reason: 'the file is not UTF-8 (save it as UTF-8 and import it again)' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a":"Müller"}')]);
    expect(decodeImportBytes(bom)).toEqual({ ok: true, text: '{"a":"Müller"}' });
  });

  it('refuses random binary bytes as not UTF-8', () => {
    const bytes = new Uint8Array(4096);
    let seed = 7;
    for (let index = 0; index < bytes.length; index++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      bytes[index] = seed >> 16;
    }
    const result = decodeImportBytes(bytes);
    expect(result.ok).toBe(false);
  });

  it('refuses an oversized buffer without decoding it', () => {
    expect(decodeImportBytes(new Uint8Array(MAX_IMPORT_BYTES + 1)).ok).toBe(false);
  });

  it('strips one leading byte-order mark', () => {
    expect(withoutBom('\uFEFF{}')).toBe('{}');
    expect(withoutBom('{}')).toBe('{}');
  });
});
