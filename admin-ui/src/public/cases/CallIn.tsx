import { useContext, useEffect, useState } from 'react';
import type {
  Attachment,
  CaseDetail,
  CaseIntake,
  CaseSummary,
  CaseTypeDetail,
  CaseTypeSummary,
} from '../../../../plugins/cases/server/src/shared/contracts/cases';
import type { CategoryNode } from '../../../../plugins/cases/server/src/domain/types';
import { Refusal } from '../timebank/api';
import { Field, Link, useLoad } from '../timebank/ui';
import { cases, fetchCommunities, uploadFiles, type Community } from './api';
import { GShell, MeContext, Refused, useFormErrors, useWords } from './ui';
import { loc } from './messages';

const FIELDS = [
  'type',
  'category',
  'item',
  'title',
  'description',
  'area',
  'address',
  'attachments',
] as const;
const MAX_PHOTOS = 9;

interface Called {
  summary: CaseSummary;
  receiptCode: string | null;
}

/**
 * 呼叫事项: a grid worker calls a case in from where they stand — the type, its category and
 * item, a title and description, the place (their own community by default), and photos taken
 * with the phone's camera, uploaded as they are taken. The answer is the case's number and the
 * receipt code the resident follows it with.
 */
export function CallIn() {
  const { lang, t } = useWords();
  const me = useContext(MeContext);
  const [types] = useLoad(() => cases<CaseTypeSummary[]>('/types'), []);
  const [typeKey, setTypeKey] = useState('');
  const [detail, setDetail] = useState<CaseTypeDetail | null>(null);
  const [category, setCategory] = useState('');
  const [item, setItem] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [communities, setCommunities] = useState<Community[]>([]);
  const [area, setArea] = useState(me?.scope?.documentId ?? '');
  const [address, setAddress] = useState('');
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);
  const [photoError, setPhotoError] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [called, setCalled] = useState<Called | null>(null);
  const form = useFormErrors(FIELDS);
  const { errors, message } = form;

  const active = types && 'data' in types ? types.data.filter((ty) => ty.active) : [];
  // One type to call in: chosen already.
  useEffect(() => {
    if (active.length === 1 && !typeKey) setTypeKey(active[0]!.key);
  }, [active.length]);
  useEffect(() => {
    setDetail(null);
    setCategory('');
    setItem('');
    if (!typeKey) return;
    let live = true;
    cases<CaseTypeDetail>(`/types/${encodeURIComponent(typeKey)}`).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && form.refused(e),
    );
    return () => {
      live = false;
    };
  }, [typeKey]);
  useEffect(() => {
    let live = true;
    void fetchCommunities(me?.scope?.path ?? null).then((found) => live && setCommunities(found));
    return () => {
      live = false;
    };
  }, [me?.scope?.path]);

  const categories: CategoryNode[] = detail?.current?.categories ?? [];
  const items: CategoryNode[] = categories.find((c) => c.key === category)?.children ?? [];
  // The person's own scope first (a grid worker's community), then the communities under it.
  const places: { documentId: string; name: string }[] = [
    ...(me?.scope ? [{ documentId: me.scope.documentId, name: me.scope.name }] : []),
    ...communities.filter((c) => c.documentId !== me?.scope?.documentId),
  ];

  const addPhotos = async (files: File[]) => {
    if (!files.length) return;
    setUploading(true);
    setPhotoError(null);
    try {
      const added = await uploadFiles(files.slice(0, MAX_PHOTOS - photos.length));
      setPhotos((now) => [...now, ...added]);
    } catch (e) {
      setPhotoError(e instanceof Refusal ? e : new Refusal(0, undefined));
    } finally {
      setUploading(false);
    }
  };

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!typeKey) found.type = 'call.choose_type';
    if (!title.trim()) found.title = 'required';
    if (!area) found.area = 'call.choose_area';
    if (items.length && category && !item) found.item = 'call.choose';
    if (!form.check(found)) return;
    setBusy(true);
    const intake: CaseIntake = {
      type: typeKey,
      channel: 'grid',
      title: title.trim(),
      area,
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(category ? { category } : {}),
      ...(item ? { item } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(photos.length ? { attachments: photos.map((p) => p.id) } : {}),
    };
    try {
      const summary = await cases<CaseSummary>('/cases', intake);
      // The summary carries no receipt code: the case's own page does.
      const full = await cases<CaseDetail>(
        `/cases/${encodeURIComponent(summary.documentId)}`,
      ).catch(() => null);
      setCalled({ summary, receiptCode: full?.receiptCode ?? null });
      window.scrollTo(0, 0);
    } catch (e) {
      form.refused(e);
    } finally {
      setBusy(false);
    }
  };

  if (called)
    return (
      <GShell title={t('call.done')} back>
        <div className="tb-ok" role="status" data-testid="g-called">
          {called.summary.title}
        </div>
        <div className="tb-card">
          <div className="tb-muted">{t('call.number')}</div>
          <div className="g-code" data-testid="g-number">
            {called.summary.number}
          </div>
          {called.receiptCode && (
            <>
              <div className="tb-muted">{t('call.receipt')}</div>
              <div className="g-code" data-testid="g-receipt">
                {called.receiptCode}
              </div>
              <p className="tb-muted tb-small">{t('call.receipt_hint')}</p>
            </>
          )}
          <Link to={`/g/case/${called.summary.documentId}`} className="tb-btn">
            {t('detail.title')}
          </Link>
          <Link to="/g/mine" className="tb-btn secondary">
            {t('call.to_mine')}
          </Link>
          <button
            type="button"
            className="tb-btn secondary"
            onClick={() => location.reload()}
            data-testid="g-again"
          >
            {t('call.again')}
          </button>
        </div>
      </GShell>
    );

  return (
    <GShell title={t('grid.call')} back>
      {types === null && <p className="tb-muted">{t('loading')}</p>}
      {types && 'refused' in types && <Refused refused={types.refused} />}
      {types && 'data' in types && active.length === 0 && (
        <div className="tb-alert">{t('call.no_types')}</div>
      )}
      {active.length > 0 && (
        <div className="tb-card" data-testid="g-call">
          <Field label={t('call.type')} error={errors.type} name="type">
            <select id="tb-type" value={typeKey} onChange={(e) => setTypeKey(e.target.value)}>
              <option value="">{t('call.choose_type')}</option>
              {active.map((ty) => (
                <option key={ty.key} value={ty.key}>
                  {lang === 'en' && ty.nameEn ? ty.nameEn : ty.name}
                </option>
              ))}
            </select>
          </Field>
          {categories.length > 0 && (
            <Field label={t('call.category')} error={errors.category} name="category">
              <select
                id="tb-category"
                value={category}
                onChange={(e) => {
                  setCategory(e.target.value);
                  setItem('');
                }}
              >
                <option value="">{t('call.choose')}</option>
                {categories.map((c) => (
                  <option key={c.key} value={c.key}>
                    {loc(lang, c.label)}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {items.length > 0 && (
            <Field label={t('call.item')} error={errors.item} name="item">
              <select id="tb-item" value={item} onChange={(e) => setItem(e.target.value)}>
                <option value="">{t('call.choose')}</option>
                {items.map((c) => (
                  <option key={c.key} value={c.key}>
                    {loc(lang, c.label)}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field label={t('call.title')} error={errors.title} name="title">
            <input
              id="tb-title"
              value={title}
              maxLength={200}
              placeholder={t('call.title_hint')}
              onChange={(e) => setTitle(e.target.value)}
            />
          </Field>
          <Field label={t('call.description')} error={errors.description} name="description">
            <textarea
              id="tb-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </Field>
          <Field label={t('call.area')} error={errors.area} name="area">
            <select id="tb-area" value={area} onChange={(e) => setArea(e.target.value)}>
              <option value="">{t('call.choose_area')}</option>
              {places.map((p) => (
                <option key={p.documentId} value={p.documentId}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('call.address')} error={errors.address} name="address">
            <input id="tb-address" value={address} onChange={(e) => setAddress(e.target.value)} />
          </Field>
          <div
            className={`tb-field${errors.attachments || photoError ? ' bad' : ''}`}
            data-field="attachments"
          >
            <span className="tb-label">{t('call.photo')}</span>
            {photos.length > 0 && (
              <div className="g-photos" data-testid="g-photos">
                {photos.map((p) => (
                  <div key={p.id} className="g-photo">
                    <img src={p.url} alt={p.name} />
                    <button
                      type="button"
                      onClick={() => setPhotos((now) => now.filter((x) => x.id !== p.id))}
                    >
                      {t('call.remove')}
                    </button>
                  </div>
                ))}
              </div>
            )}
            {photos.length < MAX_PHOTOS && (
              <>
                {/* The browser's own file button speaks the browser's language: a label of ours. */}
                <label className="g-file" htmlFor="tb-photo">
                  {uploading ? t('call.uploading') : t('call.take_photo')}
                </label>
                <input
                  id="tb-photo"
                  className="g-file-input"
                  type="file"
                  accept="image/*"
                  capture="environment"
                  disabled={uploading}
                  data-testid="g-photo-input"
                  onChange={(e) => {
                    const files = Array.from(e.target.files ?? []);
                    e.target.value = '';
                    void addPhotos(files);
                  }}
                />
              </>
            )}
            {(errors.attachments || photoError) && (
              <div className="tb-error" role="alert" data-testid="error-attachments">
                {errors.attachments ??
                  photoError?.fields(lang).files ??
                  photoError?.text(lang) ??
                  ''}
              </div>
            )}
          </div>
          {message && (
            <div className="tb-alert" role="alert">
              {message}
            </div>
          )}
          <button
            type="button"
            className="tb-btn"
            onClick={() => void submit()}
            disabled={busy || uploading}
            data-testid="g-call-submit"
          >
            {busy ? t('sending') : t('call.submit')}
          </button>
        </div>
      )}
    </GShell>
  );
}
