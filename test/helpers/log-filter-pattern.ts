/**
 * A small evaluator of CloudWatch Logs JSON filter patterns, for the tests only: enough of the syntax
 * (CloudWatch Logs user guide, "Filter pattern syntax for metric filters", JSON log events) to check the
 * CIS patterns against hand-written CloudTrail events.
 *
 *   pattern    := '{' expr '}'
 *   expr       := term (('&&' | '||') term)*      -- && and || never mixed at one level without parentheses
 *   term       := '(' expr ')' | selector ('=' | '!=') value | selector 'NOT EXISTS' | selector 'EXISTS'
 *   selector   := '$' ('.' name)+
 *   value      := '"' chars '"' | bare word     -- '*' matches any characters
 *
 * A selector that finds nothing makes `=` and `!=` false (the tests never depend on it: their events carry
 * every field the patterns test). Anything else is a syntax error, with the position.
 */

/** A parsed pattern: call it with an event to know whether the pattern matches it. */
export type CompiledPattern = (event: unknown) => boolean;

export class FilterPatternError extends Error {}

interface Token {
  readonly kind: 'lbrace' | 'rbrace' | 'lparen' | 'rparen' | 'and' | 'or' | 'eq' | 'ne' | 'selector' | 'string' | 'word';
  readonly text: string;
  readonly at: number;
}

function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fixed: [string, Token['kind']][] = [['&&', 'and'], ['||', 'or'], ['!=', 'ne'], ['=', 'eq'], ['{', 'lbrace'], ['}', 'rbrace'], ['(', 'lparen'], [')', 'rparen']];
  while (i < pattern.length) {
    if (/\s/.test(pattern[i])) {
      i++;
      continue;
    }
    const op = fixed.find(([text]) => pattern.startsWith(text, i));
    if (op) {
      out.push({ kind: op[1], text: op[0], at: i });
      i += op[0].length;
      continue;
    }
    if (pattern[i] === '"') {
      let j = i + 1;
      let text = '';
      while (j < pattern.length && pattern[j] !== '"') {
        if (pattern[j] === '\\' && j + 1 < pattern.length) j++;
        text += pattern[j++];
      }
      if (j >= pattern.length) throw new FilterPatternError(`unclosed string at ${i}`);
      out.push({ kind: 'string', text, at: i });
      i = j + 1;
      continue;
    }
    const m = /^[^\s(){}&|=!"]+/.exec(pattern.slice(i));
    if (!m) throw new FilterPatternError(`unexpected '${pattern[i]}' at ${i}`);
    const text = m[0];
    if (text.startsWith('$')) {
      if (!/^\$(\.[A-Za-z0-9_]+)+$/.test(text)) throw new FilterPatternError(`bad selector '${text}' at ${i}`);
      out.push({ kind: 'selector', text, at: i });
    } else {
      out.push({ kind: 'word', text, at: i });
    }
    i += text.length;
  }
  return out;
}

function lookup(event: unknown, selector: string): unknown {
  let v: unknown = event;
  for (const key of selector.split('.').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function glob(value: string): RegExp {
  return new RegExp(`^${value.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Parse `pattern`; throws FilterPatternError on anything outside the grammar above. */
export function compileFilterPattern(pattern: string): CompiledPattern {
  const tokens = tokenize(pattern);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (what: string): never => {
    const t = peek();
    throw new FilterPatternError(`${what} at ${t ? `${t.at} ('${t.text}')` : 'the end'}`);
  };
  const take = (kind: Token['kind']) => (peek()?.kind === kind ? tokens[pos++] : fail(`expected ${kind}`));

  const term = (): CompiledPattern => {
    if (peek()?.kind === 'lparen') {
      take('lparen');
      const inner = expr();
      take('rparen');
      return inner;
    }
    const selector = take('selector').text;
    const next = peek();
    if (next?.kind === 'word' && (next.text === 'NOT' || next.text === 'EXISTS')) {
      pos++;
      if (next.text === 'NOT') {
        if (peek()?.kind !== 'word' || peek().text !== 'EXISTS') fail('expected EXISTS');
        pos++;
        return (e) => lookup(e, selector) === undefined;
      }
      return (e) => lookup(e, selector) !== undefined;
    }
    const op = peek()?.kind === 'ne' ? take('ne') : take('eq');
    const value = peek()?.kind === 'string' ? take('string') : take('word');
    const re = glob(value.text);
    const matches = (e: unknown) => {
      const v = lookup(e, selector);
      return v === undefined || v === null || typeof v === 'object' ? undefined : re.test(String(v));
    };
    return op.kind === 'eq' ? (e) => matches(e) === true : (e) => matches(e) === false;
  };

  const expr = (): CompiledPattern => {
    const terms = [term()];
    let joiner: 'and' | 'or' | undefined;
    while (peek()?.kind === 'and' || peek()?.kind === 'or') {
      const kind = peek().kind as 'and' | 'or';
      if (joiner && joiner !== kind) fail('&& and || mixed without parentheses');
      joiner = kind;
      pos++;
      terms.push(term());
    }
    if (joiner === 'or') return (e) => terms.some((t) => t(e));
    return (e) => terms.every((t) => t(e));
  };

  take('lbrace');
  const root = expr();
  take('rbrace');
  if (pos !== tokens.length) fail('unexpected text after the closing brace');
  return root;
}
