/**
 * The review report (`report.html`): one self-contained page for a force reviewer — inline CSS and
 * SVG, no scripts, no external requests, print CSS for PDF. Pure: bundle writer, `mapwright
 * review` and the app render the same page.
 */
import type { Coverage } from '../checker/check';
import type { MappingDocument, MappingQuality } from '../document/types';
import type { DataProtectionClass } from '../model/field-tree';
import type { TargetModel } from '../model/target-model';
import type { MappingDescription } from './describe';
import type { BundleManifest } from './manifest';

export interface TestResult {
  id: string;
  name: string;
  file: string;
  passed: boolean;
  detail?: string;
}

export interface ReportInput {
  manifest: BundleManifest;
  doc: MappingDocument;
  description: MappingDescription;
  coverage?: Coverage;
  /** For code labels; optional (a bundle's pinned model may not be installed). */
  model?: Pick<TargetModel, 'codeLists'>;
  tests: TestResult[];
  /** `verified`: checked just now; `built`: as built; `failed`: problems listed. */
  verification: { status: 'verified' | 'built' | 'failed'; lines: string[] };
}

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Inline code spans for `backticked` text in descriptions. */
const prose = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

const DP_TEXT: Record<DataProtectionClass, string> = {
  none: 'Not personal data',
  personal: 'Personal data',
  'special-category': 'Special category data (UK GDPR art. 9)',
  'criminal-offence': 'Criminal offence data (UK GDPR art. 10)',
};

const QUALITY_TEXT: Record<MappingQuality, string> = {
  exact: 'exact',
  broader: 'broader — the target code means more than the source code',
  narrower: 'narrower — the target code means less than the source code',
  lossy: 'lossy — detail is lost',
};

function bar(percent: number): string {
  const w = Math.max(0, Math.min(100, percent));
  const colour = w >= 100 ? '#2e7d32' : w >= 75 ? '#f9a825' : '#c62828';
  return `<svg class="bar" width="200" height="14" viewBox="0 0 200 14" role="img" aria-label="${w}%"><rect width="200" height="14" rx="3" fill="#e6e6e6"/><rect width="${w * 2}" height="14" rx="3" fill="${colour}"/></svg>`;
}

const CSS = `
:root { --ink:#1d1d1f; --muted:#5f6368; --line:#d9d9de; --ok:#2e7d32; --bad:#c62828; --warn:#8a5a00; --band:#f4f5f7; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 32px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 20px 0 6px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.status { border-radius: 8px; padding: 12px 16px; margin: 16px 0; font-weight: 600; }
.status.ok { background: #e8f5e9; border: 1px solid #a5d6a7; } .status.bad { background: #ffebee; border: 1px solid #ef9a9a; }
.status p { margin: 4px 0 0; font-weight: 400; }
dl.id { display: grid; grid-template-columns: 190px 1fr; gap: 4px 16px; margin: 0; } dl.id dt { color: var(--muted); } dl.id dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; } th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--band); font-weight: 600; } td.num { text-align: right; white-space: nowrap; }
code { font: 13px ui-monospace, Menlo, Consolas, monospace; background: var(--band); padding: 0 3px; border-radius: 3px; word-break: break-word; }
.tag { display: inline-block; font-size: 12px; padding: 1px 6px; border-radius: 10px; border: 1px solid var(--line); white-space: nowrap; }
.tag.personal { background: #fff8e1; border-color: #ffe082; } .tag.special-category, .tag.criminal-offence { background: #fce4ec; border-color: #f48fb1; }
.tag.lossy, .tag.broader, .tag.narrower { background: #fff3e0; border-color: #ffb74d; color: var(--warn); }
.pass { color: var(--ok); font-weight: 600; } .fail { color: var(--bad); font-weight: 600; }
.target { font-weight: 600; white-space: nowrap; } .label { color: var(--muted); font-size: 13px; }
.note { color: var(--muted); font-size: 13px; }
ul.rules li { margin: 4px 0; }
.bar { vertical-align: middle; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  body { padding: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; } tr, .status, dl.id { break-inside: avoid; }
  thead { display: table-header-group; }
  @page { margin: 16mm 14mm; }
}`;

/** Renders the review report page. */
export function renderReport(input: ReportInput): string {
  const { manifest: m, doc, description, coverage: cov, tests } = input;
  const labelOf = (scheme: string | undefined, code: string) => {
    const e = scheme ? input.model?.codeLists[scheme]?.codes.find((c) => c.code === code) : undefined;
    return e ? `${esc(code)} <span class="note">(${esc(e.label)})</span>` : esc(code);
  };
  const ok = input.verification.status !== 'failed';
  const passed = tests.filter((t) => t.passed).length;
  const out: string[] = [];
  out.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`);
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  out.push(`<title>Review: ${esc(m.mapping.name)} ${esc(m.bundle.version)}</title><style>${CSS}</style></head><body>`);
  out.push(`<h1>Mapping review: ${esc(m.mapping.name)}</h1>`);
  out.push(`<p class="sub">Bundle version ${esc(m.bundle.version)} · built ${esc(m.createdAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}${m.author ? ` · by ${esc(m.author)}` : ''}</p>`);
  out.push(`<div class="status ${ok ? 'ok' : 'bad'}">${ok ? (input.verification.status === 'verified' ? '✔ Verified: every file matches the manifest' : '✔ Built and tested by Mapwright') : '✘ Verification FAILED — do not run this bundle'}${input.verification.lines.map((l) => `<p>${prose(l)}</p>`).join('')}</div>`);

  out.push(`<h2>What this bundle is</h2><dl class="id">`);
  const id: [string, string][] = [
    ['Mapping', `${esc(m.mapping.name)} (version ${esc(m.mapping.version)})`],
    ['Bundle id', `<code>${esc(m.bundle.id)}</code>`],
    ['Converts from', m.sources.map((s) => `${esc(s.name)} (${esc(s.format.toUpperCase())}${s.primary ? ', one record at a time' : ', joined in'})`).join('<br>')],
    ['Converts to', `${esc(m.target.modelId)} model version ${esc(m.target.modelVersion)}`],
    ['Engine', `<code>${esc(m.engine.version)}</code>`],
    ['Test cases', `${passed} of ${tests.length} pass`],
  ];
  for (const [k, v] of id) out.push(`<dt>${k}</dt><dd>${v}</dd>`);
  out.push('</dl>');
  if (m.releaseNotes) out.push(`<h3>Release notes</h3><p>${prose(m.releaseNotes)}</p>`);

  if (cov) {
    out.push(`<h2>Coverage</h2><p class="note">How many of each record type's required fields the mapping fills.</p><table><thead><tr><th>Creates</th><th>Required fields filled</th><th></th></tr></thead><tbody>`);
    for (const e of cov.perEntity) out.push(`<tr><td>${esc(e.entity)}${e.label ? ` <span class="label">— ${esc(e.label)}</span>` : ''}</td><td class="num">${e.mapped} of ${e.required} (${e.percent}%)</td><td>${bar(e.percent)}</td></tr>`);
    out.push('</tbody></table>');
    if (cov.unmappedRequired.length) out.push(`<p><strong>Required fields not filled:</strong> ${cov.unmappedRequired.map((u) => `<code>${esc(u.entity)}.${esc(u.field)}</code>`).join(', ')}</p>`);
    if (cov.unusedSourceFields.length) out.push(`<p class="note">Supplier fields not used (${cov.unusedSourceFields.length}): ${cov.unusedSourceFields.map((f) => `<code>${esc(f)}</code>`).join(' ')}</p>`);
    if (cov.codeValuesWithoutMapping.length) out.push(`<p><strong>Supplier codes seen in samples with no mapping:</strong> ${cov.codeValuesWithoutMapping.map((c) => `<code>${esc(c.value)}</code> in ${esc(c.valueMapName)} (${c.count}×)`).join(', ')}</p>`);
  }

  out.push(`<h2>What it does, rule by rule</h2><ul class="rules">`);
  for (const r of description.rules) out.push(`<li>${prose(r.text)}</li>`);
  out.push('</ul>');

  out.push(`<h2>Where every field comes from</h2><table><thead><tr><th style="width:24%">Field</th><th>Where the value comes from</th><th style="width:14%">Data protection</th></tr></thead><tbody>`);
  let section = '';
  for (const f of description.fields) {
    if (f.section !== section) {
      section = f.section;
      out.push(`<tr><th colspan="3">${esc(section)}</th></tr>`);
    }
    // The field's name in words leads; the model path is the secondary, technical detail.
    out.push(`<tr><td><div class="target">${esc(f.label)}</div><div class="label"><code>${esc(f.target)}</code></div></td><td>${prose(f.description)}${f.comment ? `<div class="note">Note: ${esc(f.comment)}</div>` : ''}</td><td>${f.dataProtection ? `<span class="tag ${esc(f.dataProtection)}">${esc(DP_TEXT[f.dataProtection])}</span>` : ''}</td></tr>`);
  }
  out.push('</tbody></table>');

  const dp = new Map<DataProtectionClass, string[]>();
  for (const f of description.fields) if (f.dataProtection && f.dataProtection !== 'none') dp.set(f.dataProtection, [...(dp.get(f.dataProtection) ?? []), f.target]);
  if (dp.size) {
    out.push(`<h2>Data protection</h2><p class="note">Fields of the output that carry personal, special category or criminal offence data (classes from the target model).</p><table><tbody>`);
    for (const [cls, list] of dp) out.push(`<tr><td style="width:30%"><span class="tag ${esc(cls)}">${esc(DP_TEXT[cls])}</span></td><td>${[...new Set(list)].map((t) => `<code>${esc(t)}</code>`).join(' ')}</td></tr>`);
    out.push('</tbody></table>');
  }

  if (doc.valueMaps.length) {
    out.push(`<h2>Code translations (value maps)</h2>`);
    for (const vm of doc.valueMaps) {
      const flagged = vm.entries.filter((e) => e.quality !== 'exact').length;
      out.push(`<h3>${esc(vm.name)}</h3><p class="note">${esc(vm.sourceScheme ?? 'supplier codes')} → ${esc(vm.targetScheme ?? 'target codes')}${vm.crosswalk ? `, plus the model's crosswalk ${esc(vm.crosswalk)}` : ''}${vm.caseInsensitive ? '; upper/lower case ignored' : ''}. ${vm.unmapped.policy === 'reject' ? 'Any other code rejects the record.' : vm.unmapped.policy === 'default' ? `Any other code becomes ${esc(vm.unmapped.value)}.` : 'Any other code is passed on, marked unmapped.'}${flagged ? ` <strong>${flagged} entr${flagged === 1 ? 'y is' : 'ies are'} not exact.</strong>` : ''}</p>`);
      out.push(`<table><thead><tr><th>Supplier code</th><th>Becomes</th><th>Match</th><th>Note</th></tr></thead><tbody>`);
      for (const e of vm.entries) out.push(`<tr><td><code>${esc(e.from)}</code></td><td>${labelOf(vm.targetScheme, e.to)}</td><td>${e.quality === 'exact' ? 'exact' : `<span class="tag ${e.quality}">⚠ ${esc(QUALITY_TEXT[e.quality])}</span>`}</td><td class="note">${esc(e.note ?? '')}</td></tr>`);
      out.push('</tbody></table>');
    }
  }

  out.push(`<h2>Test results</h2><p>${passed} of ${tests.length} test cases pass.</p><table><thead><tr><th>Result</th><th>Test case</th><th>File</th></tr></thead><tbody>`);
  for (const t of tests) out.push(`<tr><td class="${t.passed ? 'pass' : 'fail'}">${t.passed ? 'PASS' : 'FAIL'}</td><td>${esc(t.name)}${t.detail ? ` <span class="note">(${esc(t.detail)})</span>` : ''}</td><td><code>${esc(t.file)}</code></td></tr>`);
  out.push('</tbody></table>');

  out.push(`<h2>Files in the bundle</h2><table><thead><tr><th>File</th><th>Size</th><th>SHA-256</th></tr></thead><tbody>`);
  for (const [path, f] of Object.entries(m.files)) out.push(`<tr><td><code>${esc(path)}</code></td><td class="num">${f.size.toLocaleString('en-GB')} bytes</td><td><code>${esc(f.sha256.slice(0, 16))}…</code></td></tr>`);
  out.push('</tbody></table>');
  out.push(`<footer>Generated by Mapwright. To check this bundle yourself: <code>node run.mjs --verify</code> in the unpacked bundle, or <code>mapwright verify BUNDLE</code>.</footer></body></html>\n`);
  return out.join('\n');
}
