/**
 * The server prefixes a field's message with its key ("reason：请填写原因") so an API client knows
 * which field; a person reads the message beside the field's label instead, never the key.
 */
export function withoutFieldKey(message: string, path?: readonly (string | number)[]): string {
  if (!path?.length) return message;
  const key = path.join('.');
  for (const prefix of [`${key}：`, `${key}: `]) {
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}
