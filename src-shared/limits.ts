/** Size limits shared by the contract and the browser host's transport. */

/** Largest uploaded file accepted, as base64 text (≈ 187 MB of file). */
export const MAX_UPLOAD_BASE64 = 250 * 1024 * 1024;

/** Largest WebSocket message the browser host reads: one upload plus its envelope. */
export const MAX_WIRE_MESSAGE_BYTES = 256 * 1024 * 1024;
