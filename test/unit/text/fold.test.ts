// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { foldText } from '../../../lib/text/fold';

describe('foldText', () => {
  it('lower-cases plain ASCII', () => {
    expect(foldText('Large Language MODELS')).toBe('large language models');
  });

  it('strips accents and lower-cases', () => {
    expect(foldText('Schrödinger')).toBe('schrodinger');
    expect(foldText('ÉCOLE')).toBe('ecole');
    expect(foldText('Ångström naïve façade')).toBe('angstrom naive facade');
  });

  it('decomposes compatibility characters', () => {
    expect(foldText('ﬁne-tuning')).toBe('fine-tuning');
    expect(foldText('ℌilbert')).toBe('hilbert');
  });

  it('folds the dotted capital I to a plain i', () => {
    expect(foldText('İstanbul')).toBe('istanbul');
  });

  it('reads Unicode hyphens as "-" and drops soft hyphens', () => {
    expect(foldText('self\u2010supervised')).toBe('self-supervised');
    expect(foldText('self\u2011supervised')).toBe('self-supervised');
    expect(foldText('trans\u00adformer')).toBe('transformer');
  });

  it('writes the Greek final sigma like any sigma', () => {
    expect(foldText('ΛΟΓΟΣ')).toBe(foldText('λόγοσ'));
    expect(foldText('λόγος')).toBe('λογοσ');
  });

  it('leaves scripts without case or accents alone', () => {
    expect(foldText('扩散模型')).toBe('扩散模型');
  });
});
