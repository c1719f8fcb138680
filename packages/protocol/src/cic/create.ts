// Builders for directives the server sends: fresh messageId, checked payload (cic.md §6.2).
import { ProtocolValidationError } from "../core/codec.js";
import {
  type CicDirectiveOf,
  type CicDirectivePayloads,
  type CicNamespace,
  findCicCodec,
} from "./catalogue.js";
import {
  CIC_EXCEPTION_CODES,
  type CicExceptionCode,
  type CicSystemException,
} from "./interfaces/system.js";

export interface CicDirectiveOptions {
  /** The dialogRequestId of the event being answered; omit for cloud-initiated directives. */
  dialogRequestId?: string;
  /** Defaults to a new UUID v4. */
  messageId?: string;
}

/**
 * Builds `{"directive": {header, payload}}` for a catalogued directive. Throws a
 * ProtocolValidationError when the payload does not match the declaration, and an Error for
 * unknown names or a dialogRequestId on Clova.Hello / System.Exception (which never carry one).
 */
export function createCicDirective<
  N extends CicNamespace,
  M extends keyof CicDirectivePayloads[N] & string,
>(
  namespace: N,
  name: M,
  payload: CicDirectivePayloads[N][M],
  options: CicDirectiveOptions = {},
): CicDirectiveOf<N, M> {
  const codec = findCicCodec("directive", namespace, name);
  if (!codec) throw new Error(`unknown CIC directive ${namespace}.${name}`);
  if (options.dialogRequestId !== undefined && codec.info.dialogRequestId === "never")
    throw new Error(`${namespace}.${name} never carries a dialogRequestId`);
  const header = {
    namespace,
    name,
    messageId: options.messageId ?? crypto.randomUUID(),
    ...(options.dialogRequestId !== undefined ? { dialogRequestId: options.dialogRequestId } : {}),
  };
  const message = { directive: { header, payload } };
  const result = codec.validate(message);
  if (!result.ok) throw new ProtocolValidationError(codec.name, result.issues);
  return message as CicDirectiveOf<N, M>;
}

/**
 * A System.Exception whose `code` is the HTTP status of the response carrying it (§6.3).
 * It never has a dialogRequestId, not even inside a 200 body that already started.
 */
export function createSystemException(
  code: CicExceptionCode,
  description: string = CIC_EXCEPTION_CODES[code],
): CicSystemException {
  return createCicDirective("System", "Exception", { code, description });
}
