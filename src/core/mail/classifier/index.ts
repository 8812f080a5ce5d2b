/**
 * The trained mail classifier: hashed text and structure features into a logistic regression.
 * Pure except `loadShippedMailModel`, which reads the model shipped in `content/models/`.
 */
export { classifyMail, classifierWeight, DEFAULT_CLASSIFIER_WEIGHTING, type ClassifierWeighting, type MailClassification } from './classify.js';
export { extractMailFeatures, featureDimensions, type FeatureOptions, type MailFeatures } from './features.js';
export { MAIL_MODEL_FORMAT, modelId, parseMailModel, serializeMailModel, type MailModel, type MailModelTraining } from './model.js';
export { loadShippedMailModel, SHIPPED_MODEL_URL } from './shipped-model.js';
export { STRUCTURE_FEATURES } from './structure-features.js';
export { DEFAULT_TRAIN_OPTIONS, trainMailModel, type LabelledExample, type TrainOptions } from './train.js';
