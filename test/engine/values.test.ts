import { alternatives, alternativesAt, asBoolean, asNumber, Opaque, ResolutionScope } from '../../packs/engine/values';
import { judge, worst, COMPLIANT, nonCompliant, unverifiable } from '../../packs/engine/rule';
import { TemplateModel } from '../../packs/engine/template';

const scope = (extra: Partial<ResolutionScope> = {}): ResolutionScope => ({
  parameters: {
    WithDefault: { Type: 'String', Default: 'aws:kms' },
    WithAllowed: { Type: 'String', AllowedValues: ['true', 'false'], Default: 'true' },
    Bare: { Type: 'String' },
    FromSsm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/my/param' },
  },
  mappings: { Env: { prod: { Encrypt: true } } },
  resourceIds: new Set(['Bucket']),
  ...extra,
});

describe('value alternatives', () => {
  test('literals are known', () => {
    expect(alternatives(true, scope())).toEqual([{ known: true, value: true }]);
  });
  test('Fn::If yields both branches, tagged with the condition', () => {
    const alts = alternatives({ 'Fn::If': ['IsProd', 'a', 'b'] }, scope());
    expect(alts.map((a) => a.known && a.value)).toEqual(['a', 'b']);
    expect(alts[0].known && alts[0].via).toEqual([{ kind: 'if', condition: 'IsProd', branch: true }]);
    expect(alts[1].known && String(alts[1].via)).toBe('when IsProd = false');
  });
  test('nested Fn::If multiplies alternatives', () => {
    const alts = alternatives({ 'Fn::If': ['A', { 'Fn::If': ['B', 1, 2] }, 3] }, scope());
    expect(alts.map((a) => a.known && a.value)).toEqual([1, 2, 3]);
  });
  test('Ref AWS::NoValue is absent', () => {
    expect(alternatives({ Ref: 'AWS::NoValue' }, scope())[0]).toMatchObject({ known: true, value: undefined });
  });
  test('parameters: allowed values, else default, else unknown; SSM parameters are unknown', () => {
    expect(alternatives({ Ref: 'WithAllowed' }, scope()).map((a) => a.known && a.value)).toEqual(['true', 'false']);
    expect(alternatives({ Ref: 'WithDefault' }, scope()).map((a) => a.known && a.value)).toEqual(['aws:kms']);
    expect(alternatives({ Ref: 'Bare' }, scope())[0]).toMatchObject({ known: false, why: { key: 'parameter-no-default', params: { parameter: 'Bare' } } });
    expect(alternatives({ Ref: 'FromSsm' }, scope())[0]).toMatchObject({ known: false, why: { key: 'ssm-parameter', params: { parameter: 'FromSsm' } } });
  });
  test('references to resources and pseudo parameters are opaque; unknown names are unknown', () => {
    const r = alternatives({ Ref: 'Bucket' }, scope())[0];
    expect(r.known && r.value).toBeInstanceOf(Opaque);
    expect(r.known && (r.value as Opaque).target).toBe('Bucket');
    const g = alternatives({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, scope())[0];
    expect(g.known && (g.value as Opaque).target).toBe('Bucket');
    expect(alternatives({ Ref: 'AWS::Region' }, scope())[0].known).toBe(true);
    expect(alternatives({ Ref: 'Nowhere' }, scope())[0].known).toBe(false);
  });
  test('Sub without variables and Join of literals are strings; FindInMap with literal keys is resolved', () => {
    expect(alternatives({ 'Fn::Sub': 'plain' }, scope())[0]).toMatchObject({ value: 'plain' });
    expect(alternatives({ 'Fn::Sub': 'a-${!Literal}' }, scope())[0]).toMatchObject({ value: 'a-${Literal}' });
    expect(alternatives({ 'Fn::Join': ['-', ['a', 'b']] }, scope())[0]).toMatchObject({ value: 'a-b' });
    expect(alternatives({ 'Fn::FindInMap': ['Env', 'prod', 'Encrypt'] }, scope())[0]).toMatchObject({ value: true });
    expect(alternatives({ 'Fn::Sub': '${Bucket.Arn}/*' }, scope())[0]).toMatchObject({ known: true });
  });
  test('unsupported intrinsic functions are unknown, not errors', () => {
    expect(alternatives({ 'Fn::Frobnicate': [1] }, scope())[0]).toMatchObject({ known: false, why: { key: 'unsupported-intrinsic', params: { fn: 'Fn::Frobnicate' } } });
  });
  test('alternativesAt steps through intrinsics at every level', () => {
    const raw = { A: { 'Fn::If': ['C', { B: { Ref: 'WithAllowed' } }, { Ref: 'AWS::NoValue' }] } };
    expect(alternativesAt(raw, 'A.B', scope()).map((a) => a.known && a.value)).toEqual(['true', 'false', undefined]);
    expect(alternativesAt({ A: { Ref: 'Bucket' } }, 'A.B', scope())[0].known).toBe(false);
    expect(alternativesAt({ A: [{ X: 1 }] }, 'A.0.X', scope())[0]).toMatchObject({ value: 1 });
  });
  test('booleans and numbers as CloudFormation writes them', () => {
    expect([asBoolean(true), asBoolean('TRUE'), asBoolean('false'), asBoolean('yes'), asBoolean(1)]).toEqual([true, true, false, undefined, undefined]);
    expect([asNumber(7), asNumber('7'), asNumber(''), asNumber('x')]).toEqual([7, 7, undefined, undefined]);
  });
  test('pathological nesting is reported as unknown instead of enumerated', () => {
    let v: unknown = 'x';
    for (let i = 0; i < 30; i++) v = { 'Fn::If': ['C', v, v] };
    // 2^30 alternatives would never finish: past 256 the value is unknown, with why.
    const alts = alternatives(v, scope());
    expect(alts).toHaveLength(1);
    expect(alts[0]).toMatchObject({ known: false, why: { key: 'nested-too-deeply' } });
    let w: unknown = 'x';
    for (let i = 0; i < 9; i++) w = { 'Fn::If': ['C', w, w] }; // 512 alternatives, 9 deep
    expect(alternatives(w, scope())).toEqual([{ known: false, why: { key: 'too-many-alternatives', params: { max: 256 } } }]);
  });
});

describe('judge and worst', () => {
  const s = scope();
  test('compliant only if every alternative is', () => {
    expect(judge(alternatives({ 'Fn::If': ['C', true, true] }, s), 'X', (v) => v === true)).toEqual(COMPLIANT);
    expect(judge(alternatives({ 'Fn::If': ['C', true, false] }, s), 'X', (v) => v === true).status).toBe('non-compliant');
    expect(judge(alternatives({ Ref: 'Bare' }, s), 'X', (v) => v === true).status).toBe('unverifiable');
  });
  test('non-compliant outranks unverifiable, which outranks compliant', () => {
    expect(worst(COMPLIANT, unverifiable('u'), nonCompliant('n')).status).toBe('non-compliant');
    expect(worst(COMPLIANT, unverifiable('u')).status).toBe('unverifiable');
  });
});

describe('template index', () => {
  const model = new TemplateModel({
    Resources: {
      B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'named' } },
      P1: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' } } },
      P2: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'named' } },
      P3: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'other' } },
      Q: { Type: 'AWS::SQS::Queue', Properties: { X: { 'Fn::Sub': 'arn:${B}' } } },
    },
  });
  test('referrers are found by Ref, GetAtt and Sub', () => {
    expect(model.referrersOf('B').map((r) => r.logicalId).sort()).toEqual(['P1', 'Q']);
    expect(model.referrersOf('B', 'AWS::SQS::Queue').map((r) => r.logicalId)).toEqual(['Q']);
  });
  test('pointingAt finds references and literal names', () => {
    const b = model.resource('B')!;
    expect(model.pointingAt(b, 'AWS::S3::BucketPolicy', 'Bucket', ['named']).map((r) => r.logicalId).sort()).toEqual(['P1', 'P2']);
  });
  test('ofType', () => {
    expect(model.ofType('AWS::S3::BucketPolicy')).toHaveLength(3);
    expect(model.ofType('AWS::Nope')).toEqual([]);
  });
});

describe('engine details found by the rule authors', () => {
  test('a literal null is absent, as CloudFormation treats it', () => {
    expect(alternatives(null, scope())).toEqual([{ known: true, value: undefined }]);
  });
  test('pointingAt follows a Join that refers to the target (how CDK writes stage ARNs)', () => {
    const model = new TemplateModel({
      Resources: {
        Stage: { Type: 'AWS::ApiGateway::Stage' },
        Assoc: { Type: 'AWS::WAFv2::WebACLAssociation', Properties: { ResourceArn: { 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, '::/restapis/x/stages/', { Ref: 'Stage' }]] } } },
      },
    });
    expect(model.pointingAt(model.resource('Stage')!, 'AWS::WAFv2::WebACLAssociation', 'ResourceArn').map((r) => r.logicalId)).toEqual(['Assoc']);
  });
});
