import { useEffect, useRef, useState } from 'react';
import {
  labelIn,
  type FieldDef,
  type FileRef,
  type FormDefinition,
} from '../../../plugins/forms/server/src/domain/fields';
import { isRequired, isShown } from '../../../plugins/forms/server/src/domain/validate';
import { fenToYuan } from '../../../plugins/forms/server/src/domain/money';
import type { Lang } from './validation';

/**
 * One renderer for a form definition, used by the public page, the designer's live preview and
 * the custom-field editor — so the preview behaves exactly like the published form. Plain React
 * and CSS (no MUI): the public page must load fast on a phone.
 */
/** How many records a search offers at once (services.search asks for this many). */
export const SEARCH_PAGE = 30;

export interface RecordOption {
  id: string;
  label: string;
}
export interface RendererServices {
  /** Records to choose from for area/person/organisation fields. */
  search?(
    kind: 'area' | 'person' | 'organisation',
    text: string,
    areaRoot?: string,
  ): Promise<RecordOption[]>;
  /** Label of a chosen record. */
  labelOf?(kind: 'area' | 'person' | 'organisation', id: string): Promise<string>;
  upload?(field: FieldDef, file: File): Promise<FileRef>;
}

export interface RendererProps {
  definition: FormDefinition;
  value: Record<string, unknown>;
  onChange(next: Record<string, unknown>): void;
  lang: Lang;
  errors?: Record<string, string>;
  services?: RendererServices;
  disabled?: boolean;
}

const T = {
  zh: {
    yes: '是',
    no: '否',
    add: '添加一项',
    remove: '删除',
    choose: '请选择',
    search: '输入名称搜索',
    more: '这里只列出前 %{n} 项；没有您要的，请在上面输入名称查找',
    uploading: '上传中…',
    optional: '',
  },
  en: {
    yes: 'Yes',
    no: 'No',
    add: 'Add an entry',
    remove: 'Remove',
    choose: 'Choose…',
    search: 'Type a name to search',
    more: 'Only the first %{n} are listed; type a name above to find another',
    uploading: 'Uploading…',
    optional: '',
  },
};

export const FORM_CSS = `
.lf { font-size: 16px; line-height: 1.5; color: #1f2933; }
.lf-section { margin: 0 0 20px; }
.lf-section > h3 { font-size: 17px; margin: 16px 0 8px; color: #334e68; }
.lf-field { margin: 0 0 16px; }
.lf-label { display: block; font-weight: 600; margin-bottom: 4px; }
.lf-req { color: #c62828; margin-left: 2px; }
.lf-help { color: #627d98; font-size: 14px; margin: 2px 0 6px; }
.lf input[type=text], .lf input[type=number], .lf input[type=date], .lf input[type=datetime-local],
.lf input[type=email], .lf input[type=tel], .lf textarea, .lf select {
  width: 100%; box-sizing: border-box; font-size: 16px; padding: 10px 12px; min-height: 44px;
  border: 1px solid #bcccdc; border-radius: 8px; background: #fff; }
.lf textarea { min-height: 96px; }
.lf .lf-error input, .lf .lf-error textarea, .lf .lf-error select { border-color: #c62828; }
.lf-msg { color: #c62828; font-size: 14px; margin-top: 4px; }
.lf-choice { display: flex; align-items: center; gap: 8px; min-height: 40px; }
.lf-choice input { width: 20px; height: 20px; }
.lf-stars button { font-size: 28px; background: none; border: none; color: #bcccdc; padding: 0 4px; min-width: 44px; min-height: 44px; }
.lf-stars button.on { color: #f0b429; }
.lf-group { border: 1px solid #d9e2ec; border-radius: 8px; padding: 12px; margin-bottom: 8px; }
.lf-btn { font-size: 15px; padding: 8px 14px; min-height: 40px; border-radius: 8px; border: 1px solid #829ab1; background: #f0f4f8; }
.lf-money { display: flex; align-items: center; gap: 6px; }
`;

export function FormRenderer(props: RendererProps) {
  const { definition, lang } = props;
  const sections = definition.sections ?? [];
  const unsectioned = definition.fields.filter(
    (f) => !f.section || !sections.some((s) => s.key === f.section),
  );
  return (
    <div className="lf">
      {unsectioned.length > 0 && <Fields {...props} fields={unsectioned} prefix="" />}
      {sections.map((section) => {
        const fields = definition.fields.filter((f) => f.section === section.key);
        if (fields.length === 0) return null;
        return (
          <div className="lf-section" key={section.key}>
            <h3>{labelIn(section.title, lang)}</h3>
            <Fields {...props} fields={fields} prefix="" />
          </div>
        );
      })}
    </div>
  );
}

function Fields(props: RendererProps & { fields: FieldDef[]; prefix: string }) {
  const { fields, value, onChange, prefix } = props;
  return (
    <>
      {fields.map((field) =>
        isShown(field, value) ? (
          <FieldBlock
            key={field.key}
            {...props}
            field={field}
            path={prefix + field.key}
            required={isRequired(field, value)}
            current={value[field.key]}
            set={(v) => onChange({ ...value, [field.key]: v })}
          />
        ) : null,
      )}
    </>
  );
}

interface BlockProps extends RendererProps {
  field: FieldDef;
  path: string;
  required: boolean;
  current: unknown;
  set(v: unknown): void;
}

function FieldBlock(props: BlockProps) {
  const { field, lang, errors, path, required } = props;
  const error = errors?.[path];
  const id = `lf-${path.replace(/\./g, '-')}`;
  return (
    <div className={`lf-field${error ? ' lf-error' : ''}`} data-field={path}>
      <label className="lf-label" htmlFor={id}>
        {labelIn(field.label, lang)}
        {required && <span className="lf-req">*</span>}
      </label>
      {field.help && <div className="lf-help">{labelIn(field.help, lang)}</div>}
      <Input {...props} id={id} />
      {error && (
        <div className="lf-msg" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function Input(props: BlockProps & { id: string }) {
  const { field, current, set, lang, id, disabled } = props;
  const t = T[lang];
  switch (field.kind) {
    case 'textarea':
      return (
        <textarea
          id={id}
          disabled={disabled}
          value={str(current)}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'integer':
    case 'number':
      return (
        <input
          id={id}
          type="text"
          inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
          disabled={disabled}
          value={str(current)}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'money':
      return (
        <div className="lf-money">
          <span>¥</span>
          <input
            id={id}
            type="text"
            inputMode="decimal"
            disabled={disabled}
            value={typeof current === 'number' ? fenToYuan(current) : str(current)}
            onChange={(e) => set(e.target.value)}
          />
          <span>{lang === 'zh' ? '元' : 'yuan'}</span>
        </div>
      );
    case 'date':
      return (
        <input
          id={id}
          type="date"
          disabled={disabled}
          value={str(current)}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'datetime':
      return (
        <input
          id={id}
          type="datetime-local"
          disabled={disabled}
          value={str(current).slice(0, 16)}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'mobile':
      return (
        <input
          id={id}
          type="tel"
          inputMode="tel"
          disabled={disabled}
          value={str(current)}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'email':
      return (
        <input
          id={id}
          type="email"
          disabled={disabled}
          value={str(current)}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'choice': {
      const options = field.options ?? [];
      if ((field.widget ?? (options.length > 6 ? 'select' : 'radio')) === 'select') {
        return (
          <select
            id={id}
            disabled={disabled}
            value={str(current)}
            onChange={(e) => set(e.target.value)}
          >
            <option value="">{t.choose}</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {labelIn(o.label, lang)}
              </option>
            ))}
          </select>
        );
      }
      return (
        <div id={id} role="radiogroup">
          {options.map((o) => (
            <label className="lf-choice" key={o.value}>
              <input
                type="radio"
                name={id}
                disabled={disabled}
                checked={current === o.value}
                onChange={() => set(o.value)}
              />
              {labelIn(o.label, lang)}
            </label>
          ))}
        </div>
      );
    }
    case 'multichoice': {
      const chosen = Array.isArray(current) ? (current as string[]) : [];
      return (
        <div id={id}>
          {(field.options ?? []).map((o) => (
            <label className="lf-choice" key={o.value}>
              <input
                type="checkbox"
                disabled={disabled}
                checked={chosen.includes(o.value)}
                onChange={(e) =>
                  set(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))
                }
              />
              {labelIn(o.label, lang)}
            </label>
          ))}
        </div>
      );
    }
    case 'boolean':
      return (
        <div id={id} role="radiogroup">
          {[true, false].map((v) => (
            <label className="lf-choice" key={String(v)}>
              <input
                type="radio"
                name={id}
                disabled={disabled}
                checked={current === v}
                onChange={() => set(v)}
              />
              {v ? t.yes : t.no}
            </label>
          ))}
        </div>
      );
    case 'rating': {
      const max = typeof field.max === 'number' ? field.max : 5;
      const n = Number(current) || 0;
      return (
        <div id={id} className="lf-stars" role="radiogroup">
          {Array.from({ length: max }, (_, i) => (
            <button
              type="button"
              key={i}
              className={i < n ? 'on' : ''}
              aria-label={String(i + 1)}
              disabled={disabled}
              onClick={() => set(i + 1)}
            >
              ★
            </button>
          ))}
        </div>
      );
    }
    case 'area':
    case 'person':
    case 'organisation':
      return <RecordPicker {...props} />;
    case 'file':
      return <FileInput {...props} />;
    case 'group': {
      const items = Array.isArray(current) ? (current as Record<string, unknown>[]) : [];
      return (
        <div id={id}>
          {items.map((item, i) => (
            <div className="lf-group" key={i}>
              <Fields
                {...props}
                fields={field.fields ?? []}
                prefix={`${props.path}.${i}.`}
                value={item}
                onChange={(next) => set(items.map((old, j) => (j === i ? next : old)))}
              />
              <button
                type="button"
                className="lf-btn"
                disabled={disabled}
                onClick={() => set(items.filter((_, j) => j !== i))}
              >
                {t.remove}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="lf-btn"
            disabled={disabled}
            onClick={() => set([...items, {}])}
          >
            {t.add}
          </button>
        </div>
      );
    }
    default:
      return (
        <input
          id={id}
          type="text"
          disabled={disabled}
          value={str(current)}
          onChange={(e) => set(e.target.value)}
        />
      );
  }
}

function RecordPicker(props: BlockProps & { id: string }) {
  const { field, current, set, lang, id, services, disabled } = props;
  const kind = field.kind as 'area' | 'person' | 'organisation';
  const [text, setText] = useState('');
  const [options, setOptions] = useState<RecordOption[]>([]);
  const [label, setLabel] = useState('');
  useEffect(() => {
    if (typeof current === 'string' && current && services?.labelOf) {
      services.labelOf(kind, current).then(setLabel, () => setLabel(current));
    }
  }, [current, kind, services]);
  useEffect(() => {
    if (!services?.search) return;
    let live = true;
    const timer = setTimeout(() => {
      services.search?.(kind, text, field.areaRoot).then(
        (o) => live && setOptions(o),
        () => undefined,
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, kind, field.areaRoot, services]);
  return (
    <div>
      <input
        type="text"
        placeholder={T[lang].search}
        disabled={disabled}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label={`${labelIn(field.label, lang)} ${T[lang].search}`}
      />
      <select
        id={id}
        disabled={disabled}
        value={str(current)}
        onChange={(e) => set(e.target.value)}
        style={{ marginTop: 6 }}
      >
        <option value="">
          {typeof current === 'string' && current ? label || current : T[lang].choose}
        </option>
        {options
          .filter((o) => o.id !== current)
          .map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        {typeof current === 'string' && current && (
          <option value={current}>{label || current}</option>
        )}
      </select>
      {options.length >= SEARCH_PAGE && (
        <div className="lf-help" role="note">
          {T[lang].more.replace('%{n}', String(SEARCH_PAGE))}
        </div>
      )}
    </div>
  );
}

function FileInput(props: BlockProps & { id: string }) {
  const { field, current, set, lang, id, services, disabled } = props;
  const files = Array.isArray(current) ? (current as FileRef[]) : [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // An upload takes seconds, and the person goes on typing meanwhile: when it ends, the file
  // is added to the form as it is then, not as it was when the upload started (which would
  // wipe what was typed in between).
  const latest = useRef({ set, files });
  latest.current = { set, files };
  return (
    <div>
      {files.map((f) => (
        <div key={f.id} className="lf-choice">
          📎 {f.name ?? `#${f.id}`}
          <button
            type="button"
            className="lf-btn"
            disabled={disabled}
            onClick={() => set(files.filter((x) => x.id !== f.id))}
          >
            {T[lang].remove}
          </button>
        </div>
      ))}
      <input
        id={id}
        type="file"
        accept={field.accept?.join(',')}
        disabled={disabled || busy || !services?.upload}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file || !services?.upload) return;
          setBusy(true);
          setError('');
          try {
            const uploaded = await services.upload(field, file);
            latest.current.set([...latest.current.files, uploaded]);
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
            e.target.value = '';
          }
        }}
      />
      {busy && <div className="lf-help">{T[lang].uploading}</div>}
      {error && <div className="lf-msg">{error}</div>}
    </div>
  );
}
