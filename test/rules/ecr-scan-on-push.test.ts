import { App, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { EcrScanOnPush } from '../../packs/rules/ecr/EcrScanOnPush';
import { cfn, outcomes, statusOf } from '../helpers/rules';

const R = 'AWS::ECR::Repository';
const repo = (props: Record<string, unknown> = {}) => ({ Type: R, Properties: props });
const registry = (rules: unknown, scanType = 'ENHANCED') => ({ Type: 'AWS::ECR::RegistryScanningConfiguration', Properties: { ScanType: scanType, Rules: rules } });
const rule = (filter: unknown, frequency: unknown = 'SCAN_ON_PUSH') => ({ ScanFrequency: frequency, RepositoryFilters: [{ Filter: filter, FilterType: 'WILDCARD' }] });
const params = (p: Record<string, any>, c?: Record<string, any>) => ({ Parameters: p, ...(c ? { Conditions: c } : {}) });
const PROD = { Prod: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } };
const ENV = { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } };

describe('EcrScanOnPush (FTG-ECR-1)', () => {
  describe('non-compliance', () => {
    test('a default ecr.Repository (CDK L2)', () => {
      const stack = new Stack(new App());
      new ecr.Repository(stack, 'Repo');
      expect(Object.values(outcomes(EcrScanOnPush, stack)).find((o) => o.status !== 'not-applicable'))
        .toEqual({ status: 'non-compliant', detail: 'ImageScanningConfiguration.ScanOnPush is not set' });
    });
    test('CfnRepository (L1) with scanOnPush false, and an escape hatch turning it off', () => {
      const stack = new Stack(new App());
      new ecr.CfnRepository(stack, 'Repo', { imageScanningConfiguration: { scanOnPush: false } });
      expect(statusOf(EcrScanOnPush, stack, R)).toBe('non-compliant');
      const other = new Stack(new App());
      const r = new ecr.Repository(other, 'Repo', { imageScanOnPush: true });
      (r.node.defaultChild as ecr.CfnRepository).addPropertyOverride('ImageScanningConfiguration.ScanOnPush', false);
      expect(statusOf(EcrScanOnPush, other, R)).toBe('non-compliant');
    });
    test('a registry scanning rule that does not cover the repository, or scans manually', () => {
      const t = cfn({ A: repo({ RepositoryName: 'app' }), S: registry([rule('web-*'), rule('*', 'MANUAL')], 'BASIC') });
      expect(outcomes(EcrScanOnPush, t).A).toEqual({ status: 'non-compliant', detail: 'ImageScanningConfiguration.ScanOnPush is not set' });
    });
  });

  describe('compliance', () => {
    test('ecr.Repository with imageScanOnPush (CDK L2), CfnRepository with "true" as a string', () => {
      const stack = new Stack(new App());
      new ecr.Repository(stack, 'Repo', { imageScanOnPush: true });
      expect(statusOf(EcrScanOnPush, stack, R)).toBe('compliant');
      expect(statusOf(EcrScanOnPush, cfn({ A: repo({ ImageScanningConfiguration: { ScanOnPush: 'true' } }) }), R)).toBe('compliant');
    });
    test('a registry scanning configuration of the template (L1) with a filter "*" covers a repository with a generated name', () => {
      const stack = new Stack(new App());
      new ecr.Repository(stack, 'Repo');
      new ecr.CfnRegistryScanningConfiguration(stack, 'Scanning', { scanType: 'ENHANCED', rules: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }] });
      expect(statusOf(EcrScanOnPush, stack, R)).toBe('compliant');
    });
    test('a wildcard filter matching the repository name', () => {
      expect(statusOf(EcrScanOnPush, cfn({ A: repo({ RepositoryName: 'payments-api' }), S: registry([rule('web-*'), rule('payments-*')]) }), R)).toBe('compliant');
    });
  });

  describe('not applicable', () => {
    test('other resource types, the registry scanning configuration included', () => {
      const t = cfn({ A: repo(), S: registry([rule('*')]), P: { Type: 'AWS::ECR::PullThroughCacheRule', Properties: { EcrRepositoryPrefix: 'hub' } } });
      expect(statusOf(EcrScanOnPush, t, 'AWS::ECR::RegistryScanningConfiguration')).toBe('not-applicable');
      expect(statusOf(EcrScanOnPush, t, 'AWS::ECR::PullThroughCacheRule')).toBe('not-applicable');
    });
  });

  describe('values unknown at synth time', () => {
    test('ScanOnPush from a parameter: default, allowed values, none', () => {
      const at = (p: Record<string, unknown>) => cfn({ A: repo({ ImageScanningConfiguration: { ScanOnPush: { Ref: 'Scan' } } }) }, params({ Scan: { Type: 'String', ...p } }));
      expect(statusOf(EcrScanOnPush, at({ Default: 'true' }), R)).toBe('compliant');
      expect(outcomes(EcrScanOnPush, at({ AllowedValues: ['true', 'false'] })).A)
        .toEqual({ status: 'non-compliant', detail: 'ImageScanningConfiguration.ScanOnPush is "false" (parameter "Scan" allowed value "false")' });
      expect(outcomes(EcrScanOnPush, at({})).A)
        .toEqual({ status: 'unverifiable', detail: 'ImageScanningConfiguration.ScanOnPush: Ref to parameter "Scan" with no default or allowed values' });
    });
    test('Fn::If: one branch off → non-compliant in that scenario; both on → compliant', () => {
      const t = (a: unknown, b: unknown) => cfn({ A: repo({ ImageScanningConfiguration: { ScanOnPush: { 'Fn::If': ['Prod', a, b] } } }) }, params(ENV, PROD));
      expect(outcomes(EcrScanOnPush, t(true, false)).A).toMatchObject({ status: 'non-compliant', scenario: expect.stringContaining('Prod = false') });
      expect(statusOf(EcrScanOnPush, t(true, 'true'), R)).toBe('compliant');
    });
    test('a conditional registry scanning configuration covers the repository only where it exists', () => {
      const t = cfn({ A: repo(), S: { ...registry([rule('*')]), Condition: 'Prod' } }, params(ENV, PROD));
      expect(outcomes(EcrScanOnPush, t).A).toMatchObject({ status: 'non-compliant', scenario: expect.stringContaining('Prod = false') });
    });
    test('a filter other than "*" against a generated or built name cannot be verified', () => {
      expect(outcomes(EcrScanOnPush, cfn({ A: repo(), S: registry([rule('payments-*')]) })).A)
        .toEqual({ status: 'unverifiable', detail: 'registry scanning configuration S: whether the filter payments-* matches the repository name (generated by CloudFormation) cannot be verified before deployment' });
      const built = cfn({ A: repo({ RepositoryName: { 'Fn::Sub': '${AWS::StackName}-api' } }), S: registry([rule('payments-*')]) });
      expect(statusOf(EcrScanOnPush, built, R)).toBe('unverifiable');
    });
    test('a filter from a parameter, and a GetAtt', () => {
      const p = cfn({ A: repo({ RepositoryName: 'api' }), S: registry([rule({ Ref: 'Filter' })]) }, params({ Filter: { Type: 'String', Default: 'a*' } }));
      expect(statusOf(EcrScanOnPush, p, R)).toBe('compliant');
      const none = cfn({ A: repo({ RepositoryName: 'api' }), S: registry([rule({ Ref: 'Filter' })]) }, params({ Filter: { Type: 'String' } }));
      expect(outcomes(EcrScanOnPush, none).A).toEqual({ status: 'unverifiable', detail: 'registry scanning configuration S: RepositoryFilters.Filter: Ref to parameter "Filter" with no default or allowed values' });
      const getAtt = cfn({ X: { Type: 'Custom::X' }, A: repo({ RepositoryName: 'api', ImageScanningConfiguration: { ScanOnPush: { 'Fn::GetAtt': ['X', 'Scan'] } } }) });
      expect(statusOf(EcrScanOnPush, getAtt, R)).toBe('unverifiable');
    });
  });
});

describe('EcrScanOnPush details in Japanese', () => {
  test('a registry filter against a generated name', () => {
    expect(outcomes(EcrScanOnPush, cfn({ A: repo(), S: registry([rule('x-*')]) }), { language: 'ja' }).A)
      .toEqual({ status: 'unverifiable', detail: 'レジストリのスキャン設定 S: フィルタ x-* がリポジトリ名 （CloudFormation が生成） に一致するかをデプロイ前には検証できません' });
  });
});
