import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  type ButtonProps,
} from '@mui/material';
import { useCallback, useState, type ReactNode } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { fieldErrors, restJson } from './rest';

/** POSTs a JSON body to one of the server's actions (receive, award, pay …); `T`: its answer. */
export const postAction = <T = unknown,>(url: string, body: object = {}) =>
  restJson<T>(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/**
 * Runs a server action, says what happened (the server's own message, in the user's language,
 * when it refuses), and reloads the screen — REST panels included (rest.ts `useRest`).
 */
export function useAction() {
  const notify = useNotify();
  const refresh = useRefresh();
  return useCallback(
    async (url: string, body: object = {}, done = 'linli.grants.done'): Promise<boolean> => {
      try {
        await postAction(url, body);
        notify(done, { type: 'success' });
        refresh();
        return true;
      } catch (error) {
        notify((error as Error).message, { type: 'error' });
        return false;
      }
    },
    [notify, refresh],
  );
}

type TestIdProps = { 'data-testid'?: string };

/**
 * Runs a server action from inside a dialog: what the server says about a field the dialog shows
 * goes under that field (`errors`), anything else above the dialog's buttons (`general`) — not
 * in a toast that hides the dialog's own inputs. `run` answers whether it succeeded.
 */
export function useDialogAction() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const reset = useCallback(() => {
    setErrors({});
    setGeneral(null);
  }, []);
  const run = useCallback(
    async (
      url: string,
      body: object = {},
      options: { fields?: readonly string[]; done?: string } = {},
    ): Promise<boolean> => {
      reset();
      try {
        await postAction(url, body);
        notify(options.done ?? 'linli.grants.done', { type: 'success' });
        refresh();
        return true;
      } catch (error) {
        const all = fieldErrors(error);
        const shown = Object.fromEntries(
          Object.entries(all).filter(([path]) => options.fields?.includes(path)),
        );
        setErrors(shown);
        if (Object.keys(shown).length < Object.keys(all).length || !Object.keys(all).length) {
          setGeneral((error as Error).message);
        }
        return false;
      }
    },
    [notify, refresh, reset],
  );
  return { run, errors, general, reset, setErrors };
}

/**
 * A button that opens a dialog of inputs and acts on "confirm"; the dialog stays open, with what
 * was typed, when the server refuses.
 */
export function ActionDialog({
  label,
  children,
  onConfirm,
  onOpen,
  buttonProps,
  confirmLabel = 'linli.grants.confirm',
  confirmProps,
  wide = false,
  error,
  disabled = false,
}: {
  /** translation key of the button and the dialog's title */
  label: string;
  children: ReactNode;
  onConfirm: () => Promise<boolean>;
  onOpen?: () => void;
  buttonProps?: ButtonProps & TestIdProps;
  confirmLabel?: string;
  confirmProps?: ButtonProps & TestIdProps;
  wide?: boolean;
  /** what the server said that belongs to no field of the dialog (shown above the buttons) */
  error?: string | null;
  /** the button itself is offered but cannot be pressed (say why nearby) */
  disabled?: boolean;
}) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        disabled={disabled}
        {...buttonProps}
        onClick={() => {
          onOpen?.();
          setOpen(true);
        }}
      >
        {translate(label)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth={wide}>
        <DialogTitle>{translate(label)}</DialogTitle>
        <DialogContent>
          {children}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="dialog-error">
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('linli.money.cancel')}</Button>
          <Button
            variant="contained"
            {...confirmProps}
            onClick={async () => {
              if (await onConfirm()) setOpen(false);
            }}
          >
            {translate(confirmLabel)}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** A button that asks for a note (a reason, what is missing …) before it acts. */
export function NoteButton({
  label,
  onSubmit,
  color = 'primary',
  testId,
  noteLabel = 'linli.grants.note',
  confirmLabel,
  startIcon,
}: {
  label: string;
  onSubmit: (note: string) => Promise<boolean>;
  color?: 'primary' | 'warning' | 'error';
  testId?: string;
  noteLabel?: string;
  confirmLabel?: string;
  startIcon?: ReactNode;
}) {
  const translate = useTranslate();
  const [note, setNote] = useState('');
  return (
    <ActionDialog
      label={label}
      buttonProps={{ color, startIcon, 'data-testid': testId }}
      confirmProps={{ color }}
      confirmLabel={confirmLabel}
      onConfirm={() => onSubmit(note)}
    >
      <TextField
        autoFocus
        fullWidth
        multiline
        label={translate(noteLabel)}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        sx={{ mt: 1, minWidth: 360 }}
      />
    </ActionDialog>
  );
}

/** Text inputs' values for an action dialog, and the props that bind an input to one of them. */
export function useFieldValues<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const bind = (key: keyof T) => ({
    value: values[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setValues((v) => ({ ...v, [key]: e.target.value })),
  });
  return [values, bind] as const;
}

/**
 * Every irreversible or money-moving action goes through this: a dialog that says what will
 * happen (`consequences`), warns when the action skips work (`warnings`), and — where the
 * domain wants one — asks for a reason, which the server records. The server still decides;
 * its refusal stays in the dialog, on the reason field when it is about the reason.
 */
export function ConfirmButton({
  label,
  url,
  body = (reason) => (reason ? { reason } : {}),
  consequences = [],
  warnings = [],
  reason,
  reasonLabel = 'linli.confirm.reason',
  reasonPath = 'reason',
  color = 'primary',
  testId,
  confirmLabel,
  startIcon,
  variant,
  disabled,
  done,
  onDone,
}: {
  /** translation key of the button and the dialog's title */
  label: string;
  url: string;
  /** the request body, given the reason typed (empty when none is asked) */
  body?: (reason: string) => object;
  /** what will happen, already translated, one line each */
  consequences?: readonly ReactNode[];
  /** what the action skips or ends, already translated: shown as warnings */
  warnings?: readonly string[];
  /** ask for a reason: 'required' (the confirm button waits for one) or 'optional' */
  reason?: 'required' | 'optional';
  reasonLabel?: string;
  /** the body field the server names when it refuses the reason (`note` for some actions) */
  reasonPath?: string;
  color?: 'primary' | 'warning' | 'error' | 'success';
  testId?: string;
  confirmLabel?: string;
  startIcon?: ReactNode;
  variant?: ButtonProps['variant'];
  disabled?: boolean;
  /** translation key of the success message */
  done?: string;
  onDone?: () => void;
}) {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const { run, errors, general, reset } = useDialogAction();
  const missingReason = reason === 'required' && !text.trim();
  return (
    <ActionDialog
      label={label}
      disabled={disabled}
      buttonProps={{ color, startIcon, variant, 'data-testid': testId }}
      confirmProps={{
        color,
        disabled: missingReason,
        'data-testid': testId ? `${testId}-confirm` : 'confirm-action',
      }}
      confirmLabel={confirmLabel}
      error={general}
      onOpen={() => {
        reset();
        setText('');
      }}
      onConfirm={async () => {
        const ok = await run(url, body(text.trim()), { fields: [reasonPath], done });
        if (ok) onDone?.();
        return ok;
      }}
    >
      {consequences.length > 0 && (
        <ul style={{ marginTop: 0, paddingLeft: 20 }} data-testid="confirm-consequences">
          {consequences.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {warnings.map((w) => (
        <Alert key={w} severity="warning" sx={{ mb: 1 }} data-testid="confirm-warning">
          {w}
        </Alert>
      ))}
      {reason && (
        <TextField
          autoFocus
          fullWidth
          multiline
          required={reason === 'required'}
          label={translate(reasonLabel)}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={!!errors[reasonPath]}
          helperText={errors[reasonPath]}
          sx={{ mt: 1, minWidth: 360 }}
        />
      )}
    </ActionDialog>
  );
}
