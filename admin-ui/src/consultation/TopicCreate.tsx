import { Box, Button, Card, CardContent, MenuItem, Stack, TextField, Alert } from '@mui/material';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { TOPIC_KINDS } from '../../../plugins/consultation/server/src/domain/procedure';
import type { TopicDetail } from '../../../plugins/consultation/server/src/shared/contracts/consultation';
import { CommunitySelect, PAGE_SX, send, topicLink, useRefusal } from './shared';

const FIELDS = ['title', 'body', 'kind', 'area', 'building', 'unitNo', 'phone'] as const;

/** 新建议题: staff or a grid worker raise a topic on residents' behalf. */
export function TopicCreate() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const notify = useNotify();
  const [form, setForm] = useState({
    title: '',
    body: '',
    kind: 'other',
    area: '',
    building: '',
    unitNo: '',
    phone: '',
  });
  const [busy, setBusy] = useState(false);
  const refusal = useRefusal(FIELDS);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const f = (k: string) => translate(`linli.consultation.fields.${k}`);
  const submit = async () => {
    setBusy(true);
    refusal.clear();
    try {
      const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== ''));
      const made = await send<TopicDetail>('/topics', body);
      notify('linli.consultation.created_topic', { type: 'success' });
      navigate(topicLink(made.documentId));
    } catch (e) {
      refusal.set(e);
    } finally {
      setBusy(false);
    }
  };
  const field = (k: (typeof FIELDS)[number], label: string, extra: object = {}) => (
    <TextField
      label={label}
      value={form[k]}
      onChange={set(k)}
      error={!!refusal.fields[k]}
      helperText={refusal.fields[k]}
      inputProps={{ 'data-testid': `topic-${k}` }}
      {...extra}
    />
  );
  return (
    <Box sx={{ ...PAGE_SX, mt: 1, maxWidth: 760 }} data-testid="topic-create">
      <Title title={translate('linli.consultation.new_topic')} />
      <Card>
        <CardContent>
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('linli.consultation.new_topic_hint')}
          </Alert>
          <Stack spacing={2}>
            {field('title', f('title'), { required: true })}
            {field('body', f('body'), { multiline: true, minRows: 4 })}
            <TextField
              select
              label={f('kind')}
              value={form.kind}
              onChange={set('kind')}
              error={!!refusal.fields.kind}
              helperText={refusal.fields.kind}
              inputProps={{ 'data-testid': 'topic-kind' }}
            >
              {TOPIC_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {translate(`linli.consultation.kind.${k}`)}
                </MenuItem>
              ))}
            </TextField>
            <CommunitySelect
              value={form.area}
              onChange={(area) => setForm({ ...form, area })}
              error={refusal.fields.area}
            />
            <Stack direction="row" spacing={2}>
              {field('building', f('building'))}
              {field('unitNo', f('unit'))}
              {field('phone', f('phone'))}
            </Stack>
            {refusal.message && <Alert severity="error">{refusal.message}</Alert>}
            <Stack direction="row" spacing={1}>
              <Button
                variant="contained"
                disabled={busy}
                onClick={() => void submit()}
                data-testid="topic-submit"
              >
                {translate('linli.consultation.save')}
              </Button>
              <Button onClick={() => navigate(-1)}>{translate('linli.money.cancel')}</Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
