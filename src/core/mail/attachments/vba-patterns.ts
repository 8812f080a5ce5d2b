/** What VBA source does that matters for triage. */
export interface VbaSignals {
  /** Entry points Office runs by itself when the document opens or closes. */
  readonly autoExec: readonly string[];
  /** Calls that download, write or run something. */
  readonly suspicious: readonly string[];
  /** Signs of obfuscation (many Chr() calls, StrReverse, long encoded strings). */
  readonly obfuscation: readonly string[];
  /** http(s) links written in the source. */
  readonly urls: readonly string[];
}

const AUTO_EXEC = /\b(AutoOpen|AutoExec|AutoClose|AutoNew|Auto_Open|Auto_Close|Auto_Activate|Document_Open|Document_Close|Document_New|Document_ContentControlOnEnter|DocumentOpen|DocumentBeforeClose|Workbook_Open|Workbook_Activate|Workbook_BeforeClose|Workbook_Close|Presentation_Open|App_\w{1,40}|\w{1,40}_Painted|\w{1,40}_GotFocus|\w{1,40}_Layout|\w{1,40}_Resize|\w{1,40}_Initialize)\b/giu;

const SUSPICIOUS: readonly { readonly label: string; readonly pattern: RegExp }[] = [
  { label: 'Shell', pattern: /\bShell(?:Execute)?\s*[( ]/iu },
  { label: 'WScript.Shell', pattern: /WScript\.Shell/iu },
  { label: 'Shell.Application', pattern: /Shell\.Application/iu },
  { label: 'CreateObject', pattern: /\bCreateObject\s*\(/iu },
  { label: 'GetObject', pattern: /\bGetObject\s*\(/iu },
  { label: 'URLDownloadToFile', pattern: /URLDownloadToFile/iu },
  { label: 'XMLHTTP', pattern: /(?:MSXML2|Microsoft)\.(?:Server)?XMLHTTP|WinHttp\.WinHttpRequest/iu },
  { label: 'ADODB.Stream', pattern: /ADODB\.Stream/iu },
  { label: 'SaveToFile', pattern: /\.SaveToFile\b/iu },
  { label: 'PowerShell', pattern: /powershell/iu },
  { label: 'cmd.exe', pattern: /cmd(?:\.exe)?\s+\/[ck]\b/iu },
  { label: 'mshta/rundll32/regsvr32/certutil', pattern: /\b(?:mshta|rundll32|regsvr32|certutil|bitsadmin|wmic)\b/iu },
  { label: 'Win32 API declaration', pattern: /\bDeclare\s+(?:PtrSafe\s+)?(?:Function|Sub)\b[^\n]{0,200}\bLib\b/iu },
  { label: 'memory injection API', pattern: /\b(?:VirtualAlloc(?:Ex)?|RtlMoveMemory|CreateThread|WriteProcessMemory|CreateRemoteThread)\b/iu },
  { label: 'ExecuteExcel4Macro', pattern: /ExecuteExcel4Macro/iu },
  { label: 'CallByName', pattern: /\bCallByName\b/iu },
  { label: 'Environ', pattern: /\bEnviron\s*\$?\s*\(/iu },
  { label: 'Kill/Open for writing', pattern: /\bOpen\b[^\n]{1,200}\bFor\s+(?:Output|Binary|Append)\b/iu },
  { label: 'scheduled task', pattern: /Schedule\.Service|schtasks/iu },
];

const CHR_CALL = /\bChrW?\$?\s*\(/giu;
const LONG_STRING = /"[A-Za-z0-9+/=]{200,}"/u;
const URL_IN_SOURCE = /https?:\/\/[^\s"'<>()]{3,2000}/giu;

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Scans VBA source (already decompressed) for auto-exec entry points and download/exec patterns. */
export function scanVbaSource(source: string): VbaSignals {
  const autoExec = unique(Array.from(source.matchAll(AUTO_EXEC), (m) => m[1] ?? m[0]));
  const suspicious = SUSPICIOUS.filter((s) => s.pattern.test(source)).map((s) => s.label);
  const obfuscation: string[] = [];
  const chrCalls = (source.match(CHR_CALL) ?? []).length;
  if (chrCalls >= 20) obfuscation.push(`${chrCalls} Chr() calls`);
  if (/\bStrReverse\b/iu.test(source)) obfuscation.push('StrReverse');
  if (LONG_STRING.test(source)) obfuscation.push('long encoded string');
  const urls = unique(Array.from(source.matchAll(URL_IN_SOURCE), (m) => m[0])).slice(0, 50);
  return { autoExec, suspicious, obfuscation, urls };
}
