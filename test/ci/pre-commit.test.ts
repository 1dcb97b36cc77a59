/**
 * scripts/ci/pre-commit.js, the `fintech-guardrails-check` hook, run as pre-commit runs it (the hook's
 * args, then the changed files), with the real command on fixture templates.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers/cli';

const SCRIPT = path.join(ROOT, 'scripts', 'ci', 'pre-commit.js');
const CHECK = path.join(ROOT, 'test', 'fixtures', 'check');
const CI = path.join(ROOT, 'test', 'fixtures', 'ci');
const { isTemplate, splitArgs } = require(SCRIPT);

function hook(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf-8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pre-commit hook with the real command', () => {
  test('a template with open errors fails the commit (exit code 1) and names the findings', () => {
    const r = hook([path.join(CHECK, 'noncompliant.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ERROR FTG-S3-1 \[DM-1, DM-2\]/);
  });

  test('a clean template passes (exit code 0)', () => {
    const r = hook([path.join(CI, 'clean.template.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 error\(s\)/);
  });

  test('other YAML and JSON files are skipped, not reported as unreadable templates', () => {
    const r = hook([path.join(CI, 'workflow.yml'), path.join(CI, 'settings.json'), path.join(CI, 'clean.template.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('checking 1 template(s), skipped 2 other file(s)');
    const none = hook([path.join(CI, 'workflow.yml'), path.join(CI, 'settings.json'), path.join(ROOT, 'package.json')]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('no CloudFormation template among 3 file(s)');
  });

  test('a malformed template is not skipped: the check reports it with exit code 2', () => {
    const r = hook([path.join(CHECK, 'malformed.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/malformed JSON/);
  });

  test('the hook\'s args reach the command (here --lang ja and --format json)', () => {
    const r = hook(['--lang', 'ja', '--format', 'json', path.join(CHECK, 'noncompliant.yaml')]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    expect(json.findings.find((f: any) => f.ruleId === 'FTG-S3-1').message).toMatch(/[ぁ-んァ-ン一-龯]/);
  });

  test('a file deleted in the commit is skipped', () => {
    expect(hook([path.join(CI, 'deleted.template.json')]).code).toBe(0);
  });
});

describe('which files are templates', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ftg-hook-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  test.each([
    ['sam.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n', true],
    ['version-only.yml', 'AWSTemplateFormatVersion: "2010-09-09"\nDescription: outputs only\n', true],
    ['tags.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "${AWS::StackName}-b"\n', true],
    ['bom.json', '\uFEFF{ "Resources": {} }', true],
    ['nested-only.yaml', 'spec:\n  Resources:\n    x: 1\n', false],
    ['compose.yml', 'services:\n  web:\n    image: nginx\n', false],
    ['nested.json', '{ "config": { "Resources": {} } }', false],
    ['array.json', '[{ "Resources": {} }]', false],
    ['broken.template.json', '{ "Resources": { "B": ', true],
  ])('%s → %s', (name, text, expected) => {
    expect(isTemplate(file(name, text))).toBe(expected);
  });

  test('a directory is not a template', () => {
    expect(isTemplate(dir)).toBe(false);
  });

  test('options with values stay with their option; other arguments are files', () => {
    expect(splitArgs(['--config', 'decisions.json', '--lang=ja', '--engine', 'guard', 'a.yaml', 'b.json'])).toEqual({
      options: ['--config', 'decisions.json', '--lang=ja', '--engine', 'guard'],
      files: ['a.yaml', 'b.json'],
    });
    expect(splitArgs(['--baseline', 'base.json', '--', '--odd-name.yaml'])).toEqual({ options: ['--baseline', 'base.json'], files: ['--odd-name.yaml'] });
  });
});
