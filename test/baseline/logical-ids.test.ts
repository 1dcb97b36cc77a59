/**
 * The logical IDs of everything the baseline and its constructs deploy never change: a changed logical
 * ID makes CloudFormation replace the resource (a new bucket, a new key, a new trail) and delete the
 * old one. The fixture was recorded from the code before the baseline was split into parts
 * (scripts/record-baseline-logical-ids.ts); this test synthesizes the same configurations and compares.
 *
 * A new resource (a new baseline part) fails this test too: regenerate the fixture with the script and
 * check in its diff that it only ADDS lines.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LogicalIds, synthesizeConfigurations } from './logical-id-configurations';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'baseline-logical-ids.json');

let recorded: Record<string, LogicalIds>;
let now: Record<string, LogicalIds>;

beforeAll(() => {
  recorded = JSON.parse(fs.readFileSync(FIXTURE, 'utf-8'));
  now = synthesizeConfigurations();
});

/** `stack: logicalId (Type)` lines of `a` that `b` does not have with the same type. */
function missing(a: Record<string, LogicalIds>, b: Record<string, LogicalIds>): string[] {
  const out: string[] = [];
  for (const [stack, ids] of Object.entries(a)) {
    for (const [id, type] of Object.entries(ids)) {
      if (b[stack]?.[id] !== type) out.push(`${stack}: ${id} (${type})`);
    }
  }
  return out;
}

test('the fixture covers the baseline forms and the constructs', () => {
  expect(Object.keys(recorded)).toEqual(expect.arrayContaining([
    'account/Baseline', 'account/BaselineGlobalEvents', 'account/Member', 'account/Tuned', 'account/Minimal',
    'organization/LogArchive', 'organization/Organization', 'organization/Organization:MemberStackSetTemplate',
    'constructs/Full',
  ]));
  expect(Object.keys(recorded['account/Baseline']).length).toBeGreaterThan(100);
});

test('the same stacks are synthesized', () => {
  expect(Object.keys(now)).toEqual(Object.keys(recorded));
});

test('no deployed resource lost or changed its logical ID or type', () => {
  expect(missing(recorded, now)).toEqual([]);
});

test('no resource was added without recording it (scripts/record-baseline-logical-ids.ts)', () => {
  expect(missing(now, recorded)).toEqual([]);
});

test('the comparison can fail', () => {
  const changed = { 'account/Baseline': { ...recorded['account/Baseline'], Renamed: 'AWS::S3::Bucket' } };
  expect(missing(changed, recorded)).toEqual(['account/Baseline: Renamed (AWS::S3::Bucket)']);
  const retyped = { x: { A: 'AWS::SNS::Topic' } };
  expect(missing(retyped, { x: { A: 'AWS::SQS::Queue' } })).toEqual(['x: A (AWS::SNS::Topic)']);
});
