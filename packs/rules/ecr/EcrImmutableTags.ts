import { COMPLIANT, defineRule, judge, nonCompliant, NOT_APPLICABLE, unverifiable, worst } from '../../engine/rule';
import { judgeList } from '../../engine/lists';
import { describeValue } from '../../engine/messages';

/** The settings of ImageTagMutability under which a pushed tag cannot be moved to another image. */
const IMMUTABLE = ['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION'];

/**
 * An ECR repository keeps its image tags immutable: ImageTagMutability IMMUTABLE, or
 * IMMUTABLE_WITH_EXCLUSION (tags matching the exclusion filters stay mutable: a team decision, e.g.
 * for `latest`) as long as no exclusion filter is `*` (which makes every tag mutable again).
 */
export const EcrImmutableTags = defineRule({
  id: 'FTG-ECR-2',
  name: 'EcrImmutableTags',
  items: ['NT-2', 'CM-1'],
  resourceTypes: ['AWS::ECR::Repository'],
  info: {
    en: 'The ECR repository lets image tags be overwritten (ImageTagMutability is not IMMUTABLE or IMMUTABLE_WITH_EXCLUSION).',
    ja: 'ECR リポジトリでイメージタグを上書きできます（ImageTagMutability が IMMUTABLE でも IMMUTABLE_WITH_EXCLUSION でもありません）。',
  },
  explanation: {
    en: 'NT-2 asks for immutable infrastructure (a change is a new instance, never an edit of a running one) and CM-1 for immutable infrastructure and applications through the orchestration layer. With mutable tags, pushing an image under an existing tag silently changes what a deployed task definition or function runs: the template no longer says which image is deployed, and a rollback may pull a different image.',
    ja: 'NT-2 はイミュータブルインフラ（変更は稼働中のものを書き換えず新しいインスタンスで行う）を、CM-1 は Orchestration 層による変更不可能なインフラ・アプリを求めています。タグが上書き可能だと、既存タグへのプッシュで、デプロイ済みのタスク定義や関数が実行するイメージが黙って変わります。テンプレートからどのイメージがデプロイされているか分からなくなり、ロールバックで別のイメージが取得されることもあります。',
  },
  fix: {
    en: 'Set `imageTagMutability: ecr.TagMutability.IMMUTABLE` on `ecr.Repository` (or `IMMUTABLE_WITH_EXCLUSION` with `imageTagMutabilityExclusionFilters` for the few tags that must move). In CloudFormation set AWS::ECR::Repository ImageTagMutability to IMMUTABLE.',
    ja: '`ecr.Repository` に `imageTagMutability: ecr.TagMutability.IMMUTABLE` を指定してください（動かす必要のある少数のタグがある場合は `IMMUTABLE_WITH_EXCLUSION` と `imageTagMutabilityExclusionFilters`）。CloudFormation では AWS::ECR::Repository の ImageTagMutability を IMMUTABLE にしてください。',
  },
  details: {
    everyTagExcluded: {
      en: 'ImageTagMutabilityExclusionFilters[{index}] is "*": every tag stays mutable',
      ja: 'ImageTagMutabilityExclusionFilters[{index}] が "*" のため、すべてのタグが上書き可能なままです',
    },
    filterUnknown: {
      en: 'ImageTagMutabilityExclusionFilters[{index}] has the filter {value}, which cannot be verified before deployment',
      ja: 'ImageTagMutabilityExclusionFilters[{index}] のフィルタが {value} で、デプロイ前には検証できません',
    },
  },
  check(repo) {
    if (repo.type !== 'AWS::ECR::Repository') return NOT_APPLICABLE;
    return worst(...repo.prop('ImageTagMutability').map((alt) => {
      const o = judge([alt], 'ImageTagMutability', (v) => (typeof v === 'string' ? IMMUTABLE.includes(v.toUpperCase()) : v === undefined ? false : undefined));
      if (o.status !== 'compliant' || !alt.known || typeof alt.value !== 'string' || alt.value.toUpperCase() !== 'IMMUTABLE_WITH_EXCLUSION') return o;
      return judgeList(repo, repo.prop('ImageTagMutabilityExclusionFilters'), 'ImageTagMutabilityExclusionFilters', { absent: COMPLIANT, mode: 'every' }, (filter, index) =>
        worst(...repo.resolve(filter, 'ImageTagMutabilityExclusionFilterValue').map((f) => {
          if (!f.known) return unverifiable('element-at', { what: 'ImageTagMutabilityExclusionFilters', index, why: f.why });
          if (typeof f.value !== 'string') return f.value === undefined ? COMPLIANT : unverifiable('filterUnknown', { index, value: describeValue(f.value) });
          return f.value.trim() === '*' ? nonCompliant('everyTagExcluded', { index }) : COMPLIANT;
        })));
    }));
  },
});
