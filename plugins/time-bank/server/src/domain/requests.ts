/**
 * A request (需求): what a resident needs, when, and how many volunteers; checked the same way on
 * the console's form and on the server.
 */
import { instant } from './dates';
import { issue, type Issue } from './errors';
import { formatHours } from './time';

export interface RequestInput {
  title: string;
  categoryCode: string;
  description?: string | null;
  /** ISO date-time. */
  windowStart: string;
  /** ISO date-time. */
  windowEnd: string;
  estimatedMinutes: number;
  volunteersNeeded: number;
  address?: string | null;
}

export const MAX_TITLE = 100;
export const MAX_DESCRIPTION = 2000;
export const MAX_ADDRESS = 200;
export const MAX_VOLUNTEERS = 50;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const blank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Every problem of a request, each at its field. The estimate's bounds default to the policy's
 * defaults (30 min to 12 h); a service may pass its community's policy bounds instead.
 */
export function requestIssues(
  input: unknown,
  now: Date,
  bounds: { minServiceMinutes: number; maxServiceMinutes: number } = {
    minServiceMinutes: 30,
    maxServiceMinutes: 720,
  },
): Issue[] {
  if (!isObject(input)) {
    return [
      issue('request', 'invalid_value', 'an object describing the request', '须为需求内容对象'),
    ];
  }
  const issues: Issue[] = [];
  const text = (key: string, max: number, en: string, zh: string, required: boolean) => {
    const v = input[key];
    if (blank(v)) {
      if (required) issues.push(issue(key, 'required', en, zh));
    } else if (typeof v !== 'string') {
      issues.push(issue(key, 'invalid_value', 'text', '须为文本'));
    } else if ([...v.trim()].length > max) {
      // Counted in characters, not UTF-16 units: a Chinese title of 100 characters is allowed.
      issues.push(issue(key, 'invalid_value', `at most ${max} characters`, `不能超过 ${max} 个字`));
    }
  };
  text('title', MAX_TITLE, 'a short title of the need', '请填写需求标题', true);
  text('categoryCode', 100, 'choose the service category', '请选择服务类别', true);
  text('description', MAX_DESCRIPTION, '', '', false);
  text('address', MAX_ADDRESS, '', '', false);

  const time = (key: 'windowStart' | 'windowEnd', en: string, zh: string): number | null => {
    const v = input[key];
    if (blank(v)) {
      issues.push(issue(key, 'required', en, zh));
      return null;
    }
    const at = instant(v);
    if (at === null)
      issues.push(issue(key, 'invalid_value', 'an ISO date-time', '须为有效时间（ISO 格式）'));
    return at;
  };
  const start = time('windowStart', 'when the service may start', '请填写服务开始时间');
  const end = time('windowEnd', 'when the service must be done', '请填写服务结束时间');
  if (start !== null && end !== null && end <= start) {
    issues.push(issue('windowEnd', 'invalid_value', 'after the start', '须晚于开始时间'));
  } else if (end !== null && end <= now.getTime()) {
    issues.push(issue('windowEnd', 'past_window', 'in the future', '须晚于当前时间'));
  }

  const { minServiceMinutes: min, maxServiceMinutes: max } = bounds;
  const minutes = input.estimatedMinutes;
  if (blank(minutes)) {
    issues.push(
      issue('estimatedMinutes', 'required', 'how long the service should take', '请填写预计时长'),
    );
  } else if (
    typeof minutes !== 'number' ||
    !Number.isSafeInteger(minutes) ||
    minutes < min ||
    minutes > max
  ) {
    const [a, b] = [formatHours(min), formatHours(max)];
    issues.push(
      issue(
        'estimatedMinutes',
        'invalid_duration',
        `whole minutes from ${a.en} to ${b.en}`,
        `须为 ${a.zh} 至 ${b.zh} 之间的整数分钟`,
      ),
    );
  }
  const needed = input.volunteersNeeded;
  if (blank(needed)) {
    issues.push(
      issue(
        'volunteersNeeded',
        'required',
        'how many volunteers are needed',
        '请填写所需志愿者人数',
      ),
    );
  } else if (
    typeof needed !== 'number' ||
    !Number.isSafeInteger(needed) ||
    needed < 1 ||
    needed > MAX_VOLUNTEERS
  ) {
    issues.push(
      issue(
        'volunteersNeeded',
        'invalid_value',
        `a whole number from 1 to ${MAX_VOLUNTEERS}`,
        `须为 1 至 ${MAX_VOLUNTEERS} 之间的整数`,
      ),
    );
  }
  return issues;
}

/**
 * Why a volunteer may not accept a request now, or null. Closed first, then full, then late:
 * the reason that would stay true longest is the most useful one to show.
 */
export function acceptIssue(
  req: { status: string; volunteersNeeded: number; taken: number; windowEnd: string },
  now: Date,
): Issue | null {
  if (req.status !== 'open') {
    return issue(
      'request',
      'request_closed',
      'the request no longer takes volunteers',
      '该需求已不再招募志愿者',
    );
  }
  if (req.taken >= req.volunteersNeeded) {
    return issue(
      'request',
      'request_full',
      `all ${req.volunteersNeeded} places are taken`,
      `${req.volunteersNeeded} 个名额已满`,
    );
  }
  const end = instant(req.windowEnd);
  if (end !== null && now.getTime() > end) {
    return issue('request', 'past_window', 'its time window has passed', '服务时间段已过');
  }
  return null;
}
