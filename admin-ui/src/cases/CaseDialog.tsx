import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  type ButtonProps,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/**
 * A button that opens a dialog asking for what an action needs, and acts on confirm; the dialog
 * is the confirmation (it says what will happen) and stays open, with what was typed, when the
 * server refuses. `title` is already translated (a workflow's labels come from its definition).
 */
export function CaseDialog({
  title,
  children,
  onConfirm,
  onOpen,
  consequence,
  warning,
  error,
  confirmDisabled = false,
  color = 'primary',
  variant = 'outlined',
  testId,
  wide = false,
}: {
  title: string;
  children?: ReactNode;
  onConfirm: () => Promise<boolean>;
  onOpen?: () => void;
  /** what will happen, already translated */
  consequence?: string;
  /** shown as a warning: the action cannot be undone */
  warning?: string;
  error?: string | null;
  confirmDisabled?: boolean;
  color?: ButtonProps['color'];
  variant?: ButtonProps['variant'];
  testId?: string;
  wide?: boolean;
}) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button
        size="small"
        color={color}
        variant={variant}
        data-testid={testId}
        onClick={() => {
          onOpen?.();
          setOpen(true);
        }}
      >
        {title}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth={wide}>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          {consequence && (
            <Alert severity="info" sx={{ mb: 1 }} data-testid="dialog-consequence">
              {consequence}
            </Alert>
          )}
          {warning && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              {warning}
            </Alert>
          )}
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
            color={color}
            disabled={confirmDisabled || busy}
            data-testid={testId ? `${testId}-confirm` : 'confirm-action'}
            onClick={async () => {
              setBusy(true);
              try {
                if (await onConfirm()) setOpen(false);
              } finally {
                setBusy(false);
              }
            }}
          >
            {translate('linli.grants.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
