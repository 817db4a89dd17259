// Public API of @tajriba/arabic-text: pure functions, no I/O beyond the bundled model JSON.
export { normalizeArabic, normalizeForSearch } from './normalize.ts';
export { tokenize, tokenizeNormalized, removeStopWords, isStopWord, isNegation, STOP_WORDS, NEGATION_WORDS } from './tokenize.ts';
export { stemArabic, stemTokens } from './stem.ts';
export { findLexiconHits, type LexiconHit, type Polarity } from './lexicon.ts';
export { extractFeatures, type FeatureConfig, type SparseVector } from './features.ts';
export {
  analyzeSentiment,
  analyzeSentimentBatch,
  getSentimentModelInfo,
  type SentimentLabel,
  type SentimentResult,
} from './sentiment.ts';
export {
  classifyTopics,
  discoverTopics,
  DEFAULT_TOPICS,
  type Topic,
  type DiscoverOptions,
  type DiscoveredCluster,
  type DiscoveryResult,
} from './topics.ts';
