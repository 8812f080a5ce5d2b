/**
 * Finds a password given in the message body for an encrypted attachment ("the password is
 * 4821", "Passwort: Inv2024"): senders of encrypted malware must tell the victim how to open it.
 */
const PASSWORD_NEAR_TOKEN = /\b(?:password|passwort|passwd|pwd|pass ?code|kennwort|mot de passe|contrase(?:ñ|n)a|senha|wachtwoord|hasło|has(?:l|ł)o|parola)\b[^\n\r]{0,30}?(?:[:=]|\bis\b|\best\b|\bist\b)\s*["'“«]?([A-Za-z0-9!@#$%^&*_.+-]{3,32})/iu;

/** The token that looks like a password, or undefined. The text is cut to bound the scan. */
export function findPasswordInText(text: string): string | undefined {
  const match = PASSWORD_NEAR_TOKEN.exec(text.slice(0, 200_000));
  return match?.[1];
}
