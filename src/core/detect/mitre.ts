/** The MITRE ATT&CK techniques Vigil's built-in detections name, with their tactics. */
export const TECHNIQUES = {
  'T1110': { name: 'Brute Force', tactic: ['TA0006', 'Credential Access'] },
  'T1110.001': { name: 'Brute Force: Password Guessing', tactic: ['TA0006', 'Credential Access'] },
  'T1110.003': { name: 'Brute Force: Password Spraying', tactic: ['TA0006', 'Credential Access'] },
  'T1110.004': { name: 'Brute Force: Credential Stuffing', tactic: ['TA0006', 'Credential Access'] },
  'T1078': { name: 'Valid Accounts', tactic: ['TA0001', 'Initial Access'] },
  'T1136.001': { name: 'Create Account: Local Account', tactic: ['TA0003', 'Persistence'] },
  'T1098': { name: 'Account Manipulation', tactic: ['TA0003', 'Persistence'] },
  'T1548.003': { name: 'Abuse Elevation Control Mechanism: Sudo and Sudo Caching', tactic: ['TA0004', 'Privilege Escalation'] },
} as const;

export type TechniqueId = keyof typeof TECHNIQUES;
