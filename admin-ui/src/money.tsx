import { useRef } from 'react';
import { TextInput, required, type TextInputProps } from 'react-admin';
import { fenToYuan, yuanToFen } from '../../plugins/forms/server/src/domain/money';
import { fenOf } from './fen';

// In a .ts module of its own so plain modules (the CSV exporters) and their tests read it too.
export { fenOf };

/** Money is fen (a number from GraphQL, digits from REST); people read yuan: ¥15,000.00. */
export const yuan = (fen: unknown) => {
  const n = fenOf(fen);
  return n === null ? '' : `¥${fenToYuan(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
};

/**
 * An amount typed in yuan and kept in fen (as text, as Strapi's Long travels). It shows the
 * stored fen as yuan ("100.00" for 10000, whether the record holds a number or text), and while
 * a person types it keeps their own text ("12", "12.5") rather than reformatting it under the
 * cursor: the field's value is the fen of what was typed, or the text itself when that is no
 * amount, which the validator then refuses.
 */
export function MoneyInput(props: Omit<TextInputProps, 'validate'> & { isRequired?: boolean }) {
  const { isRequired = true, ...rest } = props;
  const typed = useRef<string | null>(null);
  return (
    <TextInput
      validate={[
        ...(isRequired ? [required()] : []),
        (v: unknown) => {
          if (v === undefined || v === null || v === '') return undefined;
          const fen = fenOf(v);
          return fen !== null && fen > 0 ? undefined : 'linli.validation.amount';
        },
      ]}
      format={(value: unknown) => {
        const text = typed.current;
        if (text !== null && (value === text || String(yuanToFen(text)) === String(value)))
          return text;
        const fen = fenOf(value);
        return fen === null ? ((value as string | null | undefined) ?? '') : fenToYuan(fen);
      }}
      parse={(text: string) => {
        typed.current = text;
        if (text.trim() === '') return null;
        const fen = yuanToFen(text);
        return fen !== null && fen > 0 ? String(fen) : text;
      }}
      inputProps={{ inputMode: 'decimal' }}
      {...rest}
    />
  );
}
