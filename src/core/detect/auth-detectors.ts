import type { DetectionConfig } from '../../schema/config.js';
import { createAccountChangeDetector } from './account-changes.js';
import { bruteForceSpec, credentialStuffingSpec, distributedBruteForceSpec, passwordSpraySpec } from './auth-thresholds.js';
import type { AlertSink, Detector } from './detector.js';
import { LoginSessions } from './login-sessions.js';
import { createSuccessAfterFailuresDetector } from './success-after-failures.js';
import { createSudoRefusalDetector } from './sudo-refusal.js';
import { createThresholdDetector } from './threshold-detector.js';
import { createUnusualLoginDetector } from './unusual-login.js';

/**
 * The built-in stateful detections for Linux authentication events (first the login-session
 * tracker the others consult). Disabled detections are simply not created.
 */
export function createAuthDetectors(config: DetectionConfig, emit: AlertSink): Detector[] {
  const sessions = new LoginSessions();
  const detectors: Detector[] = [sessions];
  if (config.bruteForce.enabled) detectors.push(createThresholdDetector(bruteForceSpec(config.bruteForce), emit));
  if (config.passwordSpray.enabled) detectors.push(createThresholdDetector(passwordSpraySpec(config.passwordSpray), emit));
  if (config.credentialStuffing.enabled) detectors.push(createThresholdDetector(credentialStuffingSpec(config.credentialStuffing), emit));
  if (config.distributedBruteForce.enabled) detectors.push(createThresholdDetector(distributedBruteForceSpec(config.distributedBruteForce), emit));
  if (config.successAfterFailures.enabled) detectors.push(createSuccessAfterFailuresDetector(config.successAfterFailures, emit));
  if (config.unusualLogin.enabled) detectors.push(createUnusualLoginDetector(config.unusualLogin, emit));
  if (config.accountChanges.enabled) detectors.push(createAccountChangeDetector(config.accountChanges, sessions, emit));
  if (config.sudoRefusal.enabled) detectors.push(createSudoRefusalDetector(config.sudoRefusal, sessions, emit));
  return detectors;
}
