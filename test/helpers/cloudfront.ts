/** Fixtures shared by the CloudFront rule tests: an L1 distribution in a template, an L2 one in a stack. */
import { App, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';

export const DISTRIBUTION = 'AWS::CloudFront::Distribution';

/** An L1 distribution `D` (enabled, an https-only default behaviour) with `config` merged into its DistributionConfig. */
export function l1Distribution(config: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    D: {
      Type: DISTRIBUTION,
      Properties: {
        DistributionConfig: { Enabled: true, DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'https-only' }, ...config },
      },
    },
  };
}

/** An L2 distribution `D` whose default behaviour has an HTTP origin, with `props`, in `stack` (a new one unless given). */
export function l2Distribution(props: Partial<cloudfront.DistributionProps> = {}, stack: Stack = new Stack(new App())): cloudfront.Distribution {
  return new cloudfront.Distribution(stack, 'D', { defaultBehavior: { origin: new origins.HttpOrigin('example.com') }, ...props });
}
