import { TextInput, required, type TextInputProps } from 'react-admin';
import { fenToYuan, yuanToFen } from '../../plugins/forms/server/src/domain/money';

/** Money is fen (Strapi's Long: digits as text); people read yuan, in thousands: ¥15,000.00. */
export const yuan = (fen: unknown) =>
  fen === null || fen === undefined || fen === ''
    ? ''
    : `¥${fenToYuan(Number(fen)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/** An amount typed in yuan and kept in fen (as text, as Strapi's Long travels). */
export function MoneyInput(props: Omit<TextInputProps, 'validate'> & { isRequired?: boolean }) {
  const { isRequired = true, ...rest } = props;
  return (
    <TextInput
      validate={[
        ...(isRequired ? [required()] : []),
        (v: unknown) =>
          v === undefined || v === null || v === '' || yuanToFen(v)
            ? undefined
            : 'linli.validation.amount',
      ]}
      format={(fen: unknown) =>
        typeof fen === 'string' && /^\d+$/.test(fen) ? fenToYuan(Number(fen)) : (fen as string)
      }
      parse={(text: string) => {
        const fen = yuanToFen(text);
        return fen && fen > 0 ? String(fen) : text;
      }}
      {...rest}
    />
  );
}
