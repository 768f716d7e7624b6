/** RFC 4122 version 4, lower case, as ISO 20022 UUIDv4Identifier requires of a UETR. */
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidV4(text: string): boolean {
  return uuidV4.test(text);
}
