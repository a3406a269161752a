/**
 * Runs saved test cases (`TestCase`: one input record plus joined rows → an expected output
 * document or an expected reject) through a compiled transform, the way a real run would:
 * filters, value maps and target-model validation included. Pure: the CLI and the app's test
 * panel share it.
 */
import type { Json, MappingDocument, TestCase } from '../document/types';
import { RUN_CODES } from '../runtime/codes';
import { buildJoinIndex, type OutputValidator, type Transform } from '../runtime/index';
import { diffJson, type JsonDifference } from './json-diff';

export type TestOutcome =
  | { status: 'pass' }
  | { status: 'fail'; reason: 'output-differs'; differences: JsonDifference[] }
  | { status: 'fail'; reason: 'unexpected-reject'; reject: { code: string; message: string; ruleId?: string; field?: string } }
  | { status: 'fail'; reason: 'unexpected-output'; expected: { code: string; ruleId?: string }; output: Json }
  | { status: 'fail'; reason: 'wrong-reject'; expected: { code: string; ruleId?: string }; reject: { code: string; message: string; ruleId?: string } };

/**
 * Runs one test case. The record is numbered 1 and read from `file`, so provenance in expected
 * outputs does not depend on where the record came from.
 */
export function runTestCase(
  doc: Pick<MappingDocument, 'joins'>,
  transform: Transform,
  validate: OutputValidator | undefined,
  testCase: TestCase,
  file?: string,
): TestOutcome {
  const joins = buildJoinIndex(doc, (testCase.joined ?? {}) as Record<string, unknown[]>);
  let result: ReturnType<Transform>;
  try {
    result = transform(testCase.input, { record: 1, line: 1, joins, ...(file ? { file } : {}) });
  } catch (e) {
    result = { ok: false, reject: { code: RUN_CODES.failed, message: (e as Error).message } };
  }
  // Validation failures reject the record in a run, so they do here too.
  if (result.ok && validate) {
    const v = validate(result.output);
    if (!v.valid) {
      const first = v.errors[0];
      result = {
        ok: false,
        reject: {
          code: RUN_CODES.invalid,
          message: `The output does not match the target model (${v.errors.map((e) => `${e.path} ${e.message}`).join('; ')})`,
          ...(first ? { field: first.path } : {}),
        },
      };
    }
  }
  const expected = testCase.expected;
  if ('output' in expected) {
    if (!result.ok) return { status: 'fail', reason: 'unexpected-reject', reject: result.reject };
    const differences = diffJson(expected.output, result.output);
    return differences.length ? { status: 'fail', reason: 'output-differs', differences } : { status: 'pass' };
  }
  if (result.ok) return { status: 'fail', reason: 'unexpected-output', expected: expected.reject, output: result.output as Json };
  const r = result.reject;
  if (r.code !== expected.reject.code || (expected.reject.ruleId !== undefined && r.ruleId !== expected.reject.ruleId)) {
    return { status: 'fail', reason: 'wrong-reject', expected: expected.reject, reject: r };
  }
  return { status: 'pass' };
}
