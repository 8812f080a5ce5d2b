/** Where the embedded store lives unless `--db` says otherwise (kept apart so reading it loads no driver). */
export const DEFAULT_DB_PATH = '.vigil/vigil.db';
