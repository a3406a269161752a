/** Synthetic samples without personal data, and redaction of real samples. */
export { generateSamples, shapeLike, ukPostcode, ukVrm, type GenerateOptions, type SampleCodeLists } from './generate';
export { redactRecords, createRedactor, type RedactOptions, type RedactionReport } from './redact';
export { classifyField, nameTokens } from './classify';
export { semanticKind, type SemanticKind } from './semantics';
export { formatWithPattern, parseWithPattern, detectPattern, type DateParts } from './dates';
export { createRng, hash32, type Rng } from './prng';
