import type { FitForest } from '../../core/detect/anomaly-detector.js';
import { fitIsolationForest } from '../../core/anomaly/isolation-forest.js';

/** The forest the anomaly detector uses: Vigil's scikit-learn-compatible Isolation Forest. */
export const fitForest: FitForest = (data, rows, cols, seed, trees) =>
  fitIsolationForest(data, rows, cols, { nEstimators: trees, maxSamples: 'auto', contamination: 'auto', seed });
