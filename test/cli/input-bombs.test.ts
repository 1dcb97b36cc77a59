/**
 * Resource-exhaustion input (a YAML alias bomb, deep nesting, an oversized file) is an input error:
 * exit 2 with one line naming the file, nothing on stdout, instead of an internal error or a crash.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { INPUT_LIMITS, InputError, parseTemplateFile } from '../../packs/engine/load';
import { run } from '../helpers/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-bombs-'));
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Billion laughs: nine levels of nine aliases each (9^9 strings once expanded). */
function aliasBomb(): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  lines.push('Resources:', '  Bucket:', '    Type: AWS::S3::Bucket', '    Properties:', '      Tags: *a8', '');
  return lines.join('\n');
}

const nestedJson = (n: number) => `{"Resources":{"A":{"Type":"AWS::S3::Bucket","Properties":{"X":${'['.repeat(n)}${']'.repeat(n)}}}}}`;
const nestedYaml = (n: number) => `Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ${'['.repeat(n)}${']'.repeat(n)}\n`;
/** Block-style YAML nesting (no brackets): each level one more indentation. */
function nestedBlockYaml(n: number): string {
  const lines = ['Resources:', '  A:', '    Type: AWS::S3::Bucket', '    Properties:'];
  for (let i = 0; i < n; i++) lines.push(`${' '.repeat(6 + i)}k${i}:`);
  lines.push(`${' '.repeat(6 + n)}v: 1`, '');
  return lines.join('\n');
}

function expectInputError(file: string, message: RegExp) {
  const r = run(['check', file, '--format', 'json']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(path.basename(file));
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error/);
}

describe('input bombs through the CLI', () => {
  test('a YAML alias bomb (billion laughs) is an input error', () => {
    expectInputError(write('laughs.yaml', aliasBomb()), /YAML aliases expand too much/);
  });

  test('100,000 nested JSON arrays are an input error', () => {
    expectInputError(write('deep.json', nestedJson(100_000)), /nesting is too deep/);
  });

  test('100,000 nested YAML flow arrays are an input error', () => {
    expectInputError(write('deep.yaml', nestedYaml(100_000)), /nesting is too deep/);
  });

  test('block-style YAML nesting past the limit is an input error', () => {
    expectInputError(write('deep-block.yaml', nestedBlockYaml(INPUT_LIMITS.maxDepth + 10)), /nesting is too deep/);
  });

  test('an oversized file is an input error, named with its size', () => {
    const big = path.join(dir, 'big.json');
    const filler = 'x'.repeat(1024 * 1024);
    const fd = fs.openSync(big, 'w');
    fs.writeSync(fd, '{"Resources":{},"Pad":[');
    for (let i = 0; i * filler.length <= INPUT_LIMITS.maxBytes; i++) fs.writeSync(fd, `${i ? ',' : ''}"${filler}"`);
    fs.writeSync(fd, ']}');
    fs.closeSync(fd);
    expectInputError(big, /file is too large \(\d+ bytes; at most 10485760 bytes/);
  });

  test('a bomb inside a directory stops the run the same way', () => {
    const sub = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-bombdir-'));
    fs.writeFileSync(path.join(sub, 'ok.json'), '{"Resources":{"B":{"Type":"AWS::SNS::Topic"}}}');
    fs.writeFileSync(path.join(sub, 'z.yaml'), aliasBomb());
    const r = run(['check', sub]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/z\.yaml: YAML aliases expand too much/);
  });
});

describe('the limits keep real templates readable', () => {
  test('nesting at the limit and a few aliases load', () => {
    const okDepth = write('ok-deep.yaml', nestedBlockYaml(INPUT_LIMITS.maxDepth - 10));
    expect(parseTemplateFile(okDepth).Resources.A.Type).toBe('AWS::S3::Bucket');
    const aliases = write('ok-alias.yaml', [
      'Resources:',
      '  A:', '    Type: AWS::SNS::Topic', '    Properties:', '      Tags: &tags', '        - { Key: team, Value: pay }',
      '  B:', '    Type: AWS::SNS::Topic', '    Properties:', '      Tags: *tags', '',
    ].join('\n'));
    expect(parseTemplateFile(aliases).Resources.B.Properties).toEqual({ Tags: [{ Key: 'team', Value: 'pay' }] });
  });

  test('the errors are InputErrors (the pack and report paths share them)', () => {
    expect(() => parseTemplateFile(write('deep2.json', nestedJson(1000)))).toThrow(InputError);
  });
});
