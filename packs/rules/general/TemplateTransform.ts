import { defineRule, NOT_APPLICABLE, unverifiable } from '../../engine/rule';
import { TRANSFORM_RESOURCE_TYPE } from '../../engine/sam';

/**
 * A template uses no transform that the pack cannot reproduce. The SAM transform is expanded before the
 * rules run (packs/engine/sam.ts); any other transform (a macro, AWS::LanguageExtensions, AWS::Include,
 * an unknown name) rewrites the template at deployment, so the deployed resources are not in the file:
 * one "cannot be verified" finding per template, on the synthetic resource the expansion adds for it.
 */
export const TemplateTransform = defineRule({
  id: 'FTG-GEN-2',
  name: 'TemplateTransformVerifiable',
  items: ['CM-1'],
  resourceTypes: [TRANSFORM_RESOURCE_TYPE],
  info: {
    en: 'The template uses a transform (a macro) that rewrites it at deployment: the resources it deploys are not in the template, so no rule can verify them.',
    ja: 'テンプレートがデプロイ時に内容を書き換えるトランスフォーム（マクロ）を使っています。デプロイされるリソースがテンプレートに現れないため、どのルールでも検証できません。',
  },
  explanation: {
    en: 'CM-1 asks for infrastructure defined as code that is reviewed and deployed as it is. A macro (or AWS::LanguageExtensions, AWS::Include) runs in CloudFormation and produces the final template there; what the team reviewed and what this pack checked is not what is deployed. The AWS SAM transform is the exception: the pack expands it itself and checks the resources it generates.',
    ja: 'CM-1 は、コードで定義しレビューしたインフラをそのままデプロイすることを求めています。マクロ（または AWS::LanguageExtensions、AWS::Include）は CloudFormation の中で最終的なテンプレートを作るため、チームがレビューしこのパックが検査した内容とデプロイされる内容が一致しません。AWS SAM のトランスフォームは例外で、パック自身が展開し、生成されるリソースを検査します。',
  },
  fix: {
    en: 'Check the processed template instead: `aws cloudformation get-template --template-stage Processed` after creating a change set, or expand the macro in your build and check its output with `fintech-guardrails check`; or write the resources without the macro. If the transform is reviewed and trusted, acknowledge FTG-GEN-2 with a reason in the template Metadata ("fintech-guardrails": { "acknowledged": [{ "id": "FTG-GEN-2", "reason": "..." }] }).',
    ja: '処理後のテンプレートを検査してください（変更セット作成後に `aws cloudformation get-template --template-stage Processed`、またはビルドでマクロを展開し、その出力を `fintech-guardrails check` で検査）。あるいはマクロを使わずにリソースを記述します。レビュー済みで信頼できるトランスフォームであれば、テンプレートの Metadata に理由を付けて FTG-GEN-2 を承認してください（"fintech-guardrails": { "acknowledged": [{ "id": "FTG-GEN-2", "reason": "..." }] }）。',
  },
  details: {
    'transform': {
      en: 'the template uses transform {names}, which CloudFormation applies at deployment; the resources it produces are not in the template',
      ja: 'テンプレートはトランスフォーム {names} を使っており、CloudFormation がデプロイ時に適用するため、それが生成するリソースはテンプレートにありません',
    },
  },
  check(resource) {
    if (resource.type !== TRANSFORM_RESOURCE_TYPE) return NOT_APPLICABLE;
    const names = Array.isArray(resource.properties.Transforms) ? resource.properties.Transforms.map(String) : [];
    return unverifiable('transform', { names: names.join(', ') });
  },
});
