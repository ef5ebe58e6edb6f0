import {
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
import { restJson } from './rest';

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
}) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
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
        <DialogContent>{children}</DialogContent>
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
