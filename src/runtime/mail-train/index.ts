/** Training and loading mail classifier models (the effectful side of core/mail/classifier). */
export { loadMailModel } from './load-mail-model.js';
export { writeMailModelFile } from './write-model-file.js';
export { trainOnFolders, type FolderTrainingOptions } from './train-folders.js';
export { trainOnSpamAssassin, SHIPPED_MODEL_NAME, SHIPPED_MODEL_VERSION, type CorpusTrainingOptions } from './train-spam-assassin.js';
export { readLabelledMessages, DEFAULT_FOLDER_LIMITS, type FolderLimits, type RawMessage } from './labelled-messages.js';
