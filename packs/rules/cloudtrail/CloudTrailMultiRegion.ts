import { defineRule, judge, NOT_APPLICABLE, worst } from '../../engine/rule';
import { asBoolean } from '../../engine/values';

/** A CloudTrail trail records every region (IsMultiRegionTrail true) and global services such as IAM (IncludeGlobalServiceEvents not false). */
export const CloudTrailMultiRegion = defineRule({
  id: 'FTG-CT-2',
  name: 'CloudTrailMultiRegion',
  items: ['LA-2', 'LA-3'],
  resourceTypes: ['AWS::CloudTrail::Trail'],
  info: {
    en: 'The CloudTrail trail does not record every region (IsMultiRegionTrail) or leaves out global service events such as IAM and STS (IncludeGlobalServiceEvents).',
    ja: 'CloudTrail の証跡が全リージョンを記録していない（IsMultiRegionTrail）か、IAM や STS などのグローバルサービスのイベントを除外しています（IncludeGlobalServiceEvents）。',
  },
  explanation: {
    en: 'LA-2 asks for enough logs to understand an incident, assuming one will happen, and LA-3 for logs of every configuration change. An attacker uses the region nobody watches, and IAM changes (new users, keys, policies) are global service events: a single-region trail, or one without global events, misses exactly those.',
    ja: 'LA-2 はインシデントが起きる前提で状況を把握できるログを、LA-3 はクラウドの設定変更のログを求めています。攻撃者は誰も見ていないリージョンを使い、IAM の変更（ユーザー、キー、ポリシーの作成）はグローバルサービスのイベントです。単一リージョンの証跡やグローバルイベントを含まない証跡は、まさにそれらを記録し損ねます。',
  },
  fix: {
    en: 'Keep `isMultiRegionTrail: true` and `includeGlobalServiceEvents: true` on `cloudtrail.Trail` (both are the defaults) (CloudFormation: IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true). In AWS Organizations an organization trail (`isOrganizationTrail: true`) in the management or log-archive account covers every account.',
    ja: '`cloudtrail.Trail` の `isMultiRegionTrail: true` と `includeGlobalServiceEvents: true`（どちらも既定値）を維持してください（CloudFormation では IsMultiRegionTrail: true、IncludeGlobalServiceEvents: true）。AWS Organizations を使う場合は、管理アカウントまたはログアーカイブアカウントの組織の証跡（`isOrganizationTrail: true`）で全アカウントを記録できます。',
  },
  check(trail) {
    if (trail.type !== 'AWS::CloudTrail::Trail') return NOT_APPLICABLE;
    return worst(
      judge(trail.prop('IsMultiRegionTrail'), 'IsMultiRegionTrail', (v) => (v === undefined ? false : asBoolean(v))),
      // Absent means true.
      judge(trail.prop('IncludeGlobalServiceEvents'), 'IncludeGlobalServiceEvents', (v) => (v === undefined ? true : asBoolean(v))),
    );
  },
});
