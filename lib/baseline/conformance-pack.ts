/**
 * `GuidelineConformancePack`: the guideline's AWS Config conformance pack (`conformancePackYaml`,
 * lib/conformance) deployed as `AWS::Config::ConformancePack`. The template goes inline
 * (`TemplateBody`) while it fits AWS Config's 51,200 bytes, else as an S3 asset (`TemplateS3Uri`, up
 * to 300 KB; the asset bucket must be in the pack's Region, which a CDK asset bucket is).
 *
 * A conformance pack needs an AWS Config configuration recorder in the account and Region: add a
 * dependency on it (`pack.node.addDependency(recorder)`) when the same stack creates it.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as config from 'aws-cdk-lib/aws-config';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { EffectiveLevel } from '../../packs/engine/levels';
import { ConformancePackRule, conformancePackContents, conformancePackYaml, MAX_TEMPLATE_BODY_BYTES } from '../conformance/conformance-pack';
import { FinTechGuardrailsError } from '../constructs/errors';

/** The default name of the conformance pack. */
export const DEFAULT_CONFORMANCE_PACK_NAME = 'fintech-guideline';

export interface GuidelineConformancePackProps {
  /**
   * The conformance pack's name (a letter, then letters, digits and hyphens; up to 256 characters).
   * @default DEFAULT_CONFORMANCE_PACK_NAME
   */
  readonly conformancePackName?: string;
  /**
   * The team's item levels (`resolveItemLevels(decisions)`): rules of items turned off are left out.
   * @default - the guideline's levels
   */
  readonly levels?: ReadonlyMap<string, EffectiveLevel>;
  /**
   * The IAM role AWS Config assumes to detect stack drift; without it the drift-detection rule (CM-1,
   * NT-2) is left out.
   * @default - no drift-detection rule
   */
  readonly driftDetectionRoleArn?: string;
  /**
   * Send the template as an S3 asset even when it would fit inline (for tests and very large packs).
   * @default false
   */
  readonly forceS3Template?: boolean;
}

/** The guideline's AWS Config conformance pack. */
export class GuidelineConformancePack extends Construct {
  /** The conformance pack. */
  public readonly conformancePack: config.CfnConformancePack;
  /** The rules of the pack, in template order. */
  public readonly rules: readonly ConformancePackRule[];
  /** The template (YAML) the pack deploys. */
  public readonly templateBody: string;
  /** The template asset, when the template goes through S3. */
  public readonly templateAsset?: s3assets.Asset;

  constructor(scope: Construct, id: string, props: GuidelineConformancePackProps = {}) {
    super(scope, id);
    const name = props.conformancePackName ?? DEFAULT_CONFORMANCE_PACK_NAME;
    if (!/^[a-zA-Z][-a-zA-Z0-9]{0,255}$/.test(name)) {
      throw new FinTechGuardrailsError(`GuidelineConformancePack: conformancePackName must start with a letter and hold only letters, digits and hyphens (up to 256), got ${JSON.stringify(name)}`, { code: 'ConformancePackName' });
    }
    const options = { levels: props.levels, driftDetectionRoleArn: props.driftDetectionRoleArn };
    this.rules = conformancePackContents(options).rules;
    if (this.rules.length === 0) throw new FinTechGuardrailsError('GuidelineConformancePack: every rule is turned off; a conformance pack needs at least one rule', { code: 'ConformancePackEmpty' });
    this.templateBody = conformancePackYaml(options);

    const inline = !props.forceS3Template && Buffer.byteLength(this.templateBody, 'utf-8') <= MAX_TEMPLATE_BODY_BYTES;
    if (!inline) {
      this.templateAsset = new s3assets.Asset(this, 'Template', { path: stageTemplate(this.templateBody) });
    }
    this.conformancePack = new config.CfnConformancePack(this, 'Resource', {
      conformancePackName: name,
      ...(inline ? { templateBody: this.templateBody } : { templateS3Uri: this.templateAsset!.s3ObjectUrl }),
    });
  }
}

/** Write the template to a file named after its content (the same template, the same asset) and return its path. */
function stageTemplate(body: string): string {
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `fintech-guardrails-conformance-pack-${hash}`);
  const file = path.join(dir, 'conformance-pack.yaml');
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf-8') !== body) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, body);
    fs.renameSync(tmp, file);
  }
  return file;
}
