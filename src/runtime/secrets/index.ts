export { loadSecrets, pickSecrets, secretSourcesFromEnv, readOwnerOnlyFile, parseSecretsFile, SECRET_ENV_PREFIX, SECRET_NAME, type SecretSources } from './load-secrets.js';
