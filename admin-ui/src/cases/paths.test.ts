// The cases console puts the server's field messages under the inputs they name.
import { byInputPath, normalisePath } from './paths';

describe('normalisePath', () => {
  it.each([
    ['workflow.states[2].key', 'workflow.states.2.key'],
    ['categories[0].children[3].label.zh', 'categories.0.children.3.label'],
    ['workflow.transitions[1].label.en', 'workflow.transitions.1.label'],
    ['dispatch[0].to.organisation', 'dispatch.0.to.organisation'],
    ['parts.1.title', 'parts.1.title'],
    ['note', 'note'],
  ])('%s → %s', (server, input) => {
    expect(normalisePath(server)).toBe(input);
  });
});

describe('byInputPath', () => {
  it('keys messages by the input paths, the first message for a path winning', () => {
    expect(
      byInputPath({
        'workflow.states[0].label.zh': '必须填写中文名称',
        'workflow.states[0].label.en': 'the English name must be text',
        'hours[1]': '时段重叠',
      }),
    ).toEqual({ 'workflow.states.0.label': '必须填写中文名称', 'hours.1': '时段重叠' });
  });
});
