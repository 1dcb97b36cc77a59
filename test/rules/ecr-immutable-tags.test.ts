import { App, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { EcrImmutableTags } from '../../packs/rules/ecr/EcrImmutableTags';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const R = 'AWS::ECR::Repository';
const repo = (props: Record<string, unknown> = {}) => ({ Type: R, Properties: props });
const registry = (rules: unknown, scanType = 'ENHANCED') => ({ Type: 'AWS::ECR::RegistryScanningConfiguration', Properties: { ScanType: scanType, Rules: rules } });
const rule = (filter: unknown) => ({ ScanFrequency: 'SCAN_ON_PUSH', RepositoryFilters: [{ Filter: filter, FilterType: 'WILDCARD' }] });

describe('EcrImmutableTags (FTG-ECR-2)', () => {
  describe('non-compliance', () => {
    test('a default ecr.Repository (CDK L2) has mutable tags', () => {
      const stack = new Stack(new App());
      new ecr.Repository(stack, 'Repo');
      expect(Object.values(outcomes(EcrImmutableTags, stack)).find((o) => o.status !== 'not-applicable'))
        .toEqual({ status: 'non-compliant', detail: 'ImageTagMutability is not set' });
    });
    test('MUTABLE and MUTABLE_WITH_EXCLUSION (L1), and an escape hatch', () => {
      expect(statusOf(EcrImmutableTags, cfn({ A: repo({ ImageTagMutability: 'MUTABLE' }) }), R)).toBe('non-compliant');
      const stack = new Stack(new App());
      new ecr.CfnRepository(stack, 'Repo', { imageTagMutability: 'MUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ imageTagMutabilityExclusionFilterType: 'WILDCARD', imageTagMutabilityExclusionFilterValue: 'release-*' }] });
      expect(statusOf(EcrImmutableTags, stack, R)).toBe('non-compliant');
      const other = new Stack(new App());
      const r = new ecr.Repository(other, 'Repo', { imageTagMutability: ecr.TagMutability.IMMUTABLE });
      (r.node.defaultChild as ecr.CfnRepository).addPropertyOverride('ImageTagMutability', 'MUTABLE');
      expect(statusOf(EcrImmutableTags, other, R)).toBe('non-compliant');
    });
    test('IMMUTABLE_WITH_EXCLUSION with the filter "*" leaves every tag mutable', () => {
      const t = cfn({ A: repo({ ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: '*' }] }) });
      expect(outcomes(EcrImmutableTags, t).A).toEqual({ status: 'non-compliant', detail: 'ImageTagMutabilityExclusionFilters[0] is "*": every tag stays mutable' });
    });
  });

  describe('compliance', () => {
    test('ecr.Repository with TagMutability.IMMUTABLE and IMMUTABLE_WITH_EXCLUSION (CDK L2)', () => {
      const stack = new Stack(new App());
      new ecr.Repository(stack, 'A', { imageTagMutability: ecr.TagMutability.IMMUTABLE });
      new ecr.Repository(stack, 'B', {
        imageTagMutability: ecr.TagMutability.IMMUTABLE_WITH_EXCLUSION,
        imageTagMutabilityExclusionFilters: [ecr.ImageTagMutabilityExclusionFilter.wildcard('latest')],
      });
      expect(Object.values(outcomes(EcrImmutableTags, stack)).filter((o) => o.status !== 'not-applicable').map((o) => o.status)).toEqual(['compliant', 'compliant']);
    });
    test('CfnRepository (L1) with IMMUTABLE', () => {
      const stack = new Stack(new App());
      new ecr.CfnRepository(stack, 'Repo', { imageTagMutability: 'IMMUTABLE' });
      expect(statusOf(EcrImmutableTags, stack, R)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types', () => {
      expect(statusOf(EcrImmutableTags, cfn({ S: registry([rule('*')]) }), 'AWS::ECR::RegistryScanningConfiguration')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('ImageTagMutability from a CDK parameter: default, allowed values, none', () => {
      const at = (p: Record<string, unknown>) => {
        const stack = new Stack(new App());
        const m = new CfnParameter(stack, 'Mutability', { type: 'String', ...p });
        new ecr.CfnRepository(stack, 'Repo', { imageTagMutability: m.valueAsString });
        return stack;
      };
      expect(statusOf(EcrImmutableTags, at({ default: 'IMMUTABLE' }), R)).toBe('compliant');
      expect(statusOf(EcrImmutableTags, at({ allowedValues: ['IMMUTABLE', 'MUTABLE'] }), R)).toBe('non-compliant');
      expect(statusOf(EcrImmutableTags, at({}), R)).toBe('unverifiable');
    });
    test('Fn::If with CDK conditions: one mutable branch, both immutable', () => {
      const at = (other: string) => {
        const stack = new Stack(new App());
        const cond = new CfnCondition(stack, 'Tokyo', { expression: Fn.conditionEquals(stack.region, 'ap-northeast-1') });
        new ecr.CfnRepository(stack, 'Repo', { imageTagMutability: Fn.conditionIf(cond.logicalId, 'IMMUTABLE', other).toString() });
        return stack;
      };
      expect(outcomes(EcrImmutableTags, at('MUTABLE'))).toMatchObject({ Repo: { status: 'non-compliant', scenario: expect.stringContaining('Tokyo = false') } });
      expect(statusOf(EcrImmutableTags, at('MUTABLE'), R, { deployment: { regions: ['ap-northeast-1'] } })).toBe('compliant');
      expect(statusOf(EcrImmutableTags, at('IMMUTABLE_WITH_EXCLUSION'), R)).toBe('compliant');
    });
    test('an exclusion filter from a GetAtt cannot be verified', () => {
      const t = cfn({ X: { Type: 'Custom::X' }, A: repo({ ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: { 'Fn::GetAtt': ['X', 'Tag'] } }] }) });
      expect(outcomes(EcrImmutableTags, t).A).toEqual({ status: 'unverifiable', detail: 'ImageTagMutabilityExclusionFilters[0] has the filter {Fn::GetAtt X}, which cannot be verified before deployment' });
    });
  });
});

describe('EcrImmutableTags details in Japanese', () => {
  test('mutable tags', () => {
    expect(outcomes(EcrImmutableTags, cfn({ A: repo({ ImageTagMutability: 'MUTABLE' }) }), { language: 'ja' }).A).toEqual({ status: 'non-compliant', detail: 'ImageTagMutability が "MUTABLE" です' });
  });
});
