/**
 * `mapwright test PROJECT_DIR` — runs a project's saved test cases (`tests/*.json`) through the
 * compiled transform and prints PASS/FAIL per test, with a structural diff of expected and actual
 * JSON for failures, then `N passed, M failed`. Exit 1 on any failure, 2 when unreadable.
 */
import { formatDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic';
import { checkMapping } from '../../checker/index';
import { ANSI, PLAIN, formatJsonDiff } from '../../checker/json-diff';
import { loadProject, loadTests } from '../../checker/project.node.js';
import { runTestCase, type TestOutcome } from '../../checker/run-tests';
import { compileMapping, loadCompiled } from '../../compiler/compile';
import { createValidator, getModel } from '../../model/index';
import type { TargetModel } from '../../model/target-model';
import { parseCliArgs, type CliCommand } from '../command';
import { locateInFile } from './check';

const usage = `Usage: mapwright test PROJECT_DIR [--filter TEXT] [--no-color]

Runs the project's saved test cases (the manifest's "tests", or every tests/*.json) through the
compiled mapping, including target-model validation, and compares each result with the expected
output document or expected reject. Failures show a diff: "-" expected, "+" actual.

Options:
  --filter TEXT   run only tests whose id, name or file contains TEXT
  --no-color      never colour the output (colour is used only on a terminal, and never with NO_COLOR)

Exit status: 0 all passed, 1 a test failed or the mapping has errors, 2 unreadable project.`;

function describeFailure(o: Exclude<TestOutcome, { status: 'pass' }>, color: boolean): string[] {
  const style = color ? ANSI : PLAIN;
  switch (o.reason) {
    case 'output-differs':
      return formatJsonDiff(o.differences, style);
    case 'unexpected-reject':
      return [`expected an output document, but the record was rejected: ${o.reject.code} ${o.reject.message}${o.reject.ruleId ? ` (rule ${o.reject.ruleId})` : ''}`];
    case 'unexpected-output':
      return [`expected a reject ${o.expected.code}${o.expected.ruleId ? ` from rule ${o.expected.ruleId}` : ''}, but an output document was written`];
    case 'wrong-reject':
      return [
        `expected a reject ${o.expected.code}${o.expected.ruleId ? ` from rule ${o.expected.ruleId}` : ''}, got ${o.reject.code}${o.reject.ruleId ? ` from rule ${o.reject.ruleId}` : ''}: ${o.reject.message}`,
      ];
  }
}

export const command: CliCommand = {
  summary: "run a project's saved test cases",
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs(argv, { filter: { type: 'string' }, 'no-color': { type: 'boolean' } }, usage);
    if (positionals.length !== 1) {
      process.stderr.write(`mapwright test: expected one PROJECT_DIR argument\n\n${usage}\n`);
      return 2;
    }
    const color = !values['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR;
    const out = (s: string) => process.stdout.write(`${s}\n`);
    const project = await loadProject(positionals[0], { samples: false });
    const print = (ds: Diagnostic[]) => ds.forEach((d) => process.stderr.write(`${formatDiagnostic(d)}\n`));
    if (!project.dir) {
      process.stderr.write(`mapwright test: ${positionals[0]} is not a project folder (no mapwright-project.json)\n`);
      return 2;
    }
    if (!project.document) {
      print(project.diagnostics);
      return project.diagnostics.some((d) => d.code === 'MW8801' || d.code === 'MW8802') ? 2 : 1;
    }
    const doc = project.document;
    let model: TargetModel;
    try {
      model = getModel(doc.target.modelId, doc.target.modelVersion);
    } catch (e) {
      process.stderr.write(`mapwright test: ${(e as Error).message}\n`);
      return 1;
    }
    const errors = [...project.diagnostics, ...checkMapping(doc, { model, file: project.mappingFile })].filter((d) => d.severity === 'error');
    const compiled = errors.length ? undefined : compileMapping(doc, model);
    const compileErrors = compiled?.diagnostics.filter((d) => d.severity === 'error') ?? [];
    if (errors.length || compileErrors.length || !compiled?.code) {
      print(locateInFile([...errors, ...compileErrors], project.mappingText, project.mappingFile, doc));
      process.stderr.write('mapwright test: the mapping has errors; no tests were run (see mapwright check)\n');
      return 1;
    }
    const transform = loadCompiled(compiled.code).transform;
    const validate = createValidator(model);
    const tests = (await loadTests(project)).filter(
      (t) => !values.filter || t.file.includes(values.filter) || t.testCase?.id.includes(values.filter) || t.testCase?.name.includes(values.filter),
    );
    if (!tests.length) {
      out(`no test cases in ${project.dir}${values.filter ? ` matching "${values.filter}"` : ''}`);
      return values.filter ? 1 : 0;
    }
    let passed = 0;
    let failed = 0;
    for (const t of tests) {
      if (!t.testCase) {
        failed++;
        out(`FAIL ${t.file}`);
        for (const d of t.diagnostics) out(`  ${formatDiagnostic(d)}`);
        continue;
      }
      // No file in the context: expected outputs must not depend on where the project is checked out.
      const o = runTestCase(doc, transform, validate, t.testCase);
      const label = `${t.testCase.name} (${t.file})`;
      if (o.status === 'pass') {
        passed++;
        out(`PASS ${label}`);
      } else {
        failed++;
        out(`FAIL ${label}`);
        for (const line of describeFailure(o, color)) out(`  ${line}`);
      }
    }
    out(`${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  },
};
