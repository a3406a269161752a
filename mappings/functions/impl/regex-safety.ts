/**
 * A conservative static check for regular expressions that could backtrack catastrophically
 * (ReDoS). Hand-written because the well-known checkers are either unmaintained (`safe-regex`
 * only counts star height) or large native/WASM analysers unsuitable for a standalone bundle.
 *
 * Rejected (documented in the regex functions' docs):
 * - backreferences (`\1`, `\k<n>`) — they make matching NP-hard;
 * - nested repetition: a group repeated more than once (`*`, `+`, `{n,m}` with m > 1) that itself
 *   contains variable repetition (`(a+)+`, `(.*a){20}`, `(a?){25}`); fixed counts inside are fine
 *   (`(\d{3})+`);
 * - alternation under repetition whose alternatives can start with the same character or match
 *   nothing (`(a|aa)*`, `(a|a?)+`);
 * - three or more unbounded repetitions that can match the same characters with nothing
 *   mandatory and different between them (`.*.*.*x`, `\s*\s*\s*`) — polynomial blow-up;
 * - patterns longer than 500 characters or constructs this parser does not understand.
 * Two overlapping unbounded repetitions (`.*x.*`) are allowed: their cost is at most quadratic and
 * inputs to regex functions are capped at `LIMITS.maxRegexInput` characters at run time.
 */

const MAX_PATTERN = 500;

/** 128 ASCII bits plus one bit for "any non-ASCII character". */
class CharSet {
  readonly bits = new Uint32Array(4);
  other = false;
  add(code: number): void {
    if (code < 128) this.bits[code >> 5] |= 1 << (code & 31);
    else this.other = true;
  }
  addRange(from: number, to: number): void {
    for (let c = from; c <= Math.min(to, 127); c++) this.add(c);
    if (to >= 128) this.other = true;
  }
  addSet(s: CharSet): void {
    for (let i = 0; i < 4; i++) this.bits[i] |= s.bits[i];
    this.other ||= s.other;
  }
  invert(): void {
    for (let i = 0; i < 4; i++) this.bits[i] = ~this.bits[i];
    this.other = true;
  }
  overlaps(s: CharSet): boolean {
    if (this.other && s.other) return true;
    for (let i = 0; i < 4; i++) if (this.bits[i] & s.bits[i]) return true;
    return false;
  }
  static all(): CharSet {
    const s = new CharSet();
    s.invert();
    return s;
  }
}

type Atom =
  | { k: 'chars'; set: CharSet }
  | { k: 'group'; body: Alt; look: boolean }
  | { k: 'assert' }
  | { k: 'backref' };
interface Term {
  atom: Atom;
  min: number;
  max: number;
}
type Seq = Term[];
type Alt = Seq[];

class Unsupported extends Error {}

function classEscape(ch: string, set: CharSet): boolean {
  switch (ch) {
    case 'd':
      set.addRange(48, 57);
      return true;
    case 'w':
      set.addRange(48, 57);
      set.addRange(65, 90);
      set.addRange(97, 122);
      set.add(95);
      return true;
    case 's':
      for (const c of [9, 10, 11, 12, 13, 32]) set.add(c);
      set.other = true;
      return true;
    case 'D':
    case 'W':
    case 'S': {
      const inner = new CharSet();
      classEscape(ch.toLowerCase(), inner);
      inner.invert();
      set.addSet(inner);
      return true;
    }
  }
  return false;
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12, '0': 0 };

class Parser {
  i = 0;
  constructor(
    readonly src: string,
    readonly ignoreCase: boolean,
  ) {}

  alt(): Alt {
    const alts: Alt = [this.seq()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.seq());
    }
    return alts;
  }

  seq(): Seq {
    const items: Seq = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const [min, max] = this.quantifier();
      items.push({ atom, min, max });
    }
    return items;
  }

  quantifier(): [number, number] {
    const c = this.src[this.i];
    let q: [number, number] = [1, 1];
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return q;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length;
      if (this.src[this.i] === '?') this.i++;
      return [min, max];
    } else return q;
    this.i++;
    if (this.src[this.i] === '?') this.i++;
    return q;
  }

  char(code: number): Atom {
    const set = new CharSet();
    set.add(code);
    if (this.ignoreCase) {
      const ch = String.fromCharCode(code);
      set.add(ch.toLowerCase().charCodeAt(0));
      set.add(ch.toUpperCase().charCodeAt(0));
    }
    return { k: 'chars', set };
  }

  escapeCode(): number {
    // after the backslash; returns the code of a literal escape
    const c = this.src[this.i++];
    if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c];
    if (c === 'x') {
      const h = this.src.slice(this.i, this.i + 2);
      this.i += 2;
      return parseInt(h, 16);
    }
    if (c === 'u') {
      if (this.src[this.i] === '{') {
        const end = this.src.indexOf('}', this.i);
        const code = parseInt(this.src.slice(this.i + 1, end), 16);
        this.i = end + 1;
        return code;
      }
      const h = this.src.slice(this.i, this.i + 4);
      this.i += 4;
      return parseInt(h, 16);
    }
    if (c === 'c' || c === 'p' || c === 'P') throw new Unsupported(`\\${c} escapes are not supported`);
    if (/[A-Za-z]/.test(c)) throw new Unsupported(`unknown escape \\${c}`);
    return c.charCodeAt(0);
  }

  atom(): Atom {
    const c = this.src[this.i];
    if (c === '(') {
      this.i++;
      let look = false;
      if (this.src[this.i] === '?') {
        const rest = this.src.slice(this.i, this.i + 4);
        if (rest.startsWith('?:')) this.i += 2;
        else if (rest.startsWith('?=') || rest.startsWith('?!')) {
          this.i += 2;
          look = true;
        } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
          this.i += 3;
          look = true;
        } else if (rest.startsWith('?<')) {
          const end = this.src.indexOf('>', this.i);
          if (end < 0) throw new Unsupported('unterminated group name');
          this.i = end + 1;
        } else throw new Unsupported('unknown group kind');
      }
      const body = this.alt();
      if (this.src[this.i] !== ')') throw new Unsupported('unbalanced parenthesis');
      this.i++;
      return { k: 'group', body, look };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { k: 'assert' };
    }
    if (c === '.') {
      this.i++;
      return { k: 'chars', set: CharSet.all() };
    }
    if (c === '[') return this.klass();
    if (c === '\\') {
      this.i++;
      const e = this.src[this.i];
      if (e === 'b' || e === 'B') {
        this.i++;
        return { k: 'assert' };
      }
      if (/[1-9]/.test(e) || e === 'k') throw new Unsupported('backreferences are not allowed');
      const set = new CharSet();
      if (classEscape(e, set)) {
        this.i++;
        return { k: 'chars', set };
      }
      return this.char(this.escapeCode());
    }
    if (c === '*' || c === '+' || c === '?' || c === ')') throw new Unsupported(`unexpected ${c}`);
    const cp = this.src.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return this.char(cp);
  }

  klass(): Atom {
    this.i++;
    const set = new CharSet();
    let negate = false;
    if (this.src[this.i] === '^') {
      negate = true;
      this.i++;
    }
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let from: number;
      if (this.src[this.i] === '\\') {
        this.i++;
        if (classEscape(this.src[this.i], set)) {
          this.i++;
          continue;
        }
        from = this.src[this.i] === 'b' ? (this.i++, 8) : this.escapeCode();
      } else from = this.src.charCodeAt(this.i++);
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        let to: number;
        if (this.src[this.i] === '\\') {
          this.i++;
          to = this.escapeCode();
        } else to = this.src.charCodeAt(this.i++);
        set.addRange(from, to);
      } else set.add(from);
    }
    if (this.src[this.i] !== ']') throw new Unsupported('unterminated character class');
    this.i++;
    if (this.ignoreCase) {
      for (let c = 65; c <= 90; c++) {
        const lower = c + 32;
        const has = (x: number) => (set.bits[x >> 5] & (1 << (x & 31))) !== 0;
        if (has(c) || has(lower)) {
          set.add(c);
          set.add(lower);
        }
      }
    }
    if (negate) set.invert();
    return { k: 'chars', set };
  }
}

function allChars(alt: Alt, out = new CharSet()): CharSet {
  for (const seq of alt)
    for (const t of seq) {
      if (t.atom.k === 'chars') out.addSet(t.atom.set);
      else if (t.atom.k === 'group' && !t.atom.look) allChars(t.atom.body, out);
    }
  return out;
}

/** First characters an alternative can start with, and whether it can match the empty string. */
function first(seq: Seq): { set: CharSet; nullable: boolean } {
  const set = new CharSet();
  for (const t of seq) {
    if (t.atom.k === 'assert' || (t.atom.k === 'group' && t.atom.look)) continue;
    let nullableAtom: boolean;
    if (t.atom.k === 'chars') {
      set.addSet(t.atom.set);
      nullableAtom = false;
    } else if (t.atom.k === 'group') {
      nullableAtom = false;
      for (const s of t.atom.body) {
        const f = first(s);
        set.addSet(f.set);
        nullableAtom ||= f.nullable;
      }
    } else nullableAtom = false;
    if (!nullableAtom && t.min > 0) return { set, nullable: false };
  }
  return { set, nullable: true };
}

/** Any variable repetition inside (`*`, `+`, `?`, `{n,m}` with n ≠ m); fixed counts like `{3}` are just sequences. */
function hasRepeat(alt: Alt): boolean {
  return alt.some((seq) => seq.some((t) => t.min !== t.max || (t.atom.k === 'group' && hasRepeat(t.atom.body))));
}

function charsOfTerm(t: Term): CharSet | undefined {
  if (t.atom.k === 'chars') return t.atom.set;
  if (t.atom.k === 'group' && !t.atom.look) return allChars(t.atom.body);
  return undefined;
}

function checkAlt(alt: Alt, repeated: boolean): string | undefined {
  if (repeated && alt.length > 1) {
    const firsts = alt.map(first);
    for (let a = 0; a < firsts.length; a++) {
      if (firsts[a].nullable) return 'an alternative that can match nothing is repeated';
      for (let b = a + 1; b < firsts.length; b++)
        if (firsts[a].set.overlaps(firsts[b].set)) return 'repeated alternatives can match the same text';
    }
  }
  for (const seq of alt) {
    for (const t of seq) {
      if (t.atom.k !== 'group') continue;
      const many = t.max > 1;
      if (many && hasRepeat(t.atom.body)) return 'nested repetition';
      const r = checkAlt(t.atom.body, repeated || many);
      if (r) return r;
    }
    // chains of overlapping unbounded repetitions
    for (let a = 0; a < seq.length; a++) {
      if (seq[a].max !== Infinity) continue;
      const base = charsOfTerm(seq[a]);
      if (!base) continue;
      let chain = 1;
      for (let b = a + 1; b < seq.length; b++) {
        const cs = charsOfTerm(seq[b]);
        if (!cs) continue;
        if (!cs.overlaps(base)) {
          // Only a mandatory item the repetition cannot match separates the two; `\d+\.?\d+` is ambiguous.
          if (seq[b].min > 0) break;
          continue;
        }
        if (seq[b].max === Infinity) chain++;
      }
      if (chain >= 3) return 'three or more overlapping repetitions in a row';
    }
  }
  return undefined;
}

/**
 * Checks a pattern (and flags) for validity and backtracking safety.
 * Returns `undefined` when safe, else `{ kind: 'invalid' | 'unsafe', reason }`.
 */
export function regexProblem(pattern: string, flags = ''): { kind: 'invalid' | 'unsafe'; reason: string } | undefined {
  if (!/^[imsu]*$/.test(flags) || new Set(flags).size !== flags.length) {
    return { kind: 'invalid', reason: `flags '${flags}' — only i, m, s and u are allowed` };
  }
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    return { kind: 'invalid', reason: (e as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '').replace(/^Invalid flags.*$/, 'invalid flags') };
  }
  if (pattern.length > MAX_PATTERN) return { kind: 'unsafe', reason: `longer than ${MAX_PATTERN} characters` };
  let tree: Alt;
  try {
    const p = new Parser(pattern, flags.includes('i'));
    tree = p.alt();
    if (p.i !== pattern.length) throw new Unsupported('unbalanced parenthesis');
  } catch (e) {
    if (e instanceof Unsupported) return { kind: 'unsafe', reason: e.message };
    throw e;
  }
  const reason = checkAlt(tree, false);
  return reason ? { kind: 'unsafe', reason } : undefined;
}
