// @vitest-environment node
/**
 * The "Correct the metadata" form sends only what the user changed, tidied as stored: a field
 * sent becomes the user's for good, so an untouched field must never be sent.
 */
import { describe, expect, it } from 'vitest';
import { draftOf, editedByHand, metadataChanges } from '../../../../components/library/metadata-draft';

const PAPER = { title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer'], publishedAt: '2017-06-12' };

describe('metadataChanges', () => {
  it('finds nothing to send in the form as it was filled', () => {
    expect(metadataChanges(PAPER, draftOf(PAPER))).toEqual({ ok: true, changes: {}, count: 0 });
  });

  it('sends only the changed fields, tidied; blank lines and spacing are not changes', () => {
    const draft = { ...draftOf(PAPER), authors: '  Ashish   Vaswani\n\nNoam Shazeer \n' };
    expect(metadataChanges(PAPER, draft)).toEqual({ ok: true, changes: {}, count: 0 });
    const edited = { title: 'Attention  is all you need ', authors: 'Ashish Vaswani\nNoam Shazeer\nNiki Parmar', publishedAt: '2017-06-12' };
    expect(metadataChanges(PAPER, edited)).toEqual({ ok: true, changes: { title: 'Attention is all you need', authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'] }, count: 2 });
  });

  it('refuses, in words, an empty title, no authors, a removed or malformed date', () => {
    expect(metadataChanges(PAPER, { ...draftOf(PAPER), title: ' ' })).toEqual({ ok: false, reason: 'A title cannot be empty.' });
    expect(metadataChanges(PAPER, { ...draftOf(PAPER), authors: '\n \n' })).toEqual({ ok: false, reason: 'Name at least one author, one per line.' });
    expect(metadataChanges(PAPER, { ...draftOf(PAPER), publishedAt: '' })).toEqual({ ok: false, reason: 'A date cannot be removed: write one as YYYY-MM-DD.' });
    expect(metadataChanges(PAPER, { ...draftOf(PAPER), publishedAt: '12/06/2017' })).toEqual({ ok: false, reason: 'Write the date as YYYY-MM-DD, for example 2017-06-12.' });
  });

  it('lets a paper without a date keep none, or get one', () => {
    const undated = { title: 'T', authors: ['A'] };
    expect(metadataChanges(undated, draftOf(undated))).toEqual({ ok: true, changes: {}, count: 0 });
    expect(metadataChanges(undated, { ...draftOf(undated), publishedAt: '2020-01-31' })).toEqual({ ok: true, changes: { publishedAt: '2020-01-31' }, count: 1 });
  });
});

describe('editedByHand', () => {
  it('names the fields the user corrected', () => {
    expect(editedByHand({})).toBe('');
    expect(editedByHand({ userEdited: ['authors'] })).toBe('authors');
    expect(editedByHand({ userEdited: ['title', 'authors', 'publishedAt'] })).toBe('title, authors and date');
  });
});
