/** The BibTeX exporter: pure functions, no browser APIs, no database. */
export {
  entryToBibtex,
  exportBibtex,
  exportBibtexInParts,
  ExportInChunks,
  exportBibtexWithReport,
  type BibEntryInput,
  type BibVenue,
  type ExportOptions,
  type ExportParts,
  type ExportResult,
  type ExportWarning,
} from './export';
export {
  baseCitationKey,
  disambiguateKey,
  foldForKey,
  makeCitationKey,
  paperYear,
  type CitationKeyInput,
} from './citation-key';
export { formatAuthorList, formatAuthorName, parseAuthorName, type NameOptions, type ParsedName } from './names';
export {
  ASCII_FALLBACK,
  cleanText,
  escapeLatex,
  caseProtectedRanges,
  looksSentenceCased,
  type CaseMode,
  needsCaseProtection,
  type EscapeOptions,
  type Substitution,
} from './latex-escape';
