import { labelIn, type FormDefinition, type Localised } from './fields';
import { formIssue, type FormIssue } from './issues';

export interface Binding {
  key: string;
  kinds: string[];
  required: boolean;
  label: Localised;
}

/** Whether a definition has the top-level fields a target reads, of kinds it can use. */
export function bindingIssues(definition: FormDefinition, bindings: Binding[]): FormIssue[] {
  const issues: FormIssue[] = [];
  for (const b of bindings) {
    const field = definition.fields.find((f) => f.key === b.key);
    const name = `${labelIn(b.label, 'en')} (${b.key})`;
    const nameZh = `${labelIn(b.label, 'zh')}（${b.key}）`;
    if (!field) {
      if (b.required) {
        issues.push(
          formIssue(
            'binding_missing',
            'definition.fields',
            `this form needs a field ${name}`,
            `此表单需要字段 ${nameZh}`,
          ),
        );
      }
      continue;
    }
    if (!b.kinds.includes(field.kind)) {
      issues.push(
        formIssue(
          'binding_kind',
          'definition.fields',
          `${name} must be of kind ${b.kinds.join(' or ')}`,
          `${nameZh} 的类型应为 ${b.kinds.join(' 或 ')}`,
        ),
      );
    } else if (b.required && (!field.required || field.showIf)) {
      issues.push(
        formIssue(
          'binding_required',
          'definition.fields',
          `${name} must be a required, always shown field`,
          `${nameZh} 必须是必填且始终显示的字段`,
        ),
      );
    }
  }
  return issues;
}
